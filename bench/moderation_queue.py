"""Moderation queue speed: does /moderate stay as fast with 50,000 pending entries as with 500?

For SQLite and PostgreSQL (each in a fresh database or schema), seed SMALL pending entries,
time the queue page (signed in, through the test client: the queries, the template, the
whole response), then grow the queue to LARGE pending entries (plus approved and rejected
ones and some flags) and time again: page 1, a deep page by keyset cursor, a filtered page,
and, as the baseline measured in the same run, the same deep page fetched with OFFSET.
Prints a Markdown table for BENCHMARKS.md.

    .venv/bin/python bench/moderation_queue.py [--backends sqlite,postgresql] [--runs 30]

BENCH_DATABASE_URL names the PostgreSQL server (default: the local test server).
Not part of the test suite.
"""

import argparse
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaign import create_app  # noqa: E402
from campaign.extensions import db  # noqa: E402
from campaign.models import Entry, EntryFlag, EntryStatus, FlagKind, Role, User  # noqa: E402
from campaign.moderation import accounts, queue  # noqa: E402

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SMALL, LARGE, DEEP = 500, 50_000, 40_000
PASSWORD = "bench password long enough"  # noqa: S105 (a throwaway bench account)
LANGUAGES = ["en", "fr", "es", "ar", "zh"]
CITIES = ["Espoo", "Lyon", "Sevilla", "Tunis", "Wuhan", "Cork", "Medellín", "Osaka"]


def _rows(count: int, start: datetime, status: EntryStatus, offset: int) -> list[dict]:
    rows = []
    for index in range(count):
        stem = secrets.token_hex(6)
        number = offset + index
        rows.append(
            {
                "slug": f"b{number:09d}",
                "kind": "learner",
                "name": f"Learner {number}",
                "city": CITIES[number % len(CITIES)],
                "country_code": "FI",
                "language": LANGUAGES[number % len(LANGUAGES)],
                "statement": "every day teaches me something new, and I keep learning.",
                "focal_x": 0.5,
                "focal_y": 0.5,
                "photo_key": f"photos/{stem}.jpg",
                "card_keys": {"landscape": f"cards/{stem}-landscape.jpg"},
                "status": status.value,
                "featured": False,
                "manage_token_hash": secrets.token_hex(32),
                "created_at": start + timedelta(seconds=number),
                "updated_at": start,
                "version": 1,
            }
        )
    return rows


def _seed(status: EntryStatus, count: int, offset: int) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for first in range(0, count, 5_000):
        batch = _rows(min(5_000, count - first), start, status, offset + first)
        db.session.execute(sa.insert(Entry), batch)
    db.session.commit()


def _time(client, url: str, runs: int) -> float:
    client.get(url)  # warm
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples) * 1000


def _offset_page(depth: int) -> float:
    """The baseline: the same deep page fetched with OFFSET instead of a cursor."""
    query = (
        sa.select(Entry)
        .where(Entry.status == EntryStatus.PENDING)
        .order_by(Entry.created_at, Entry.id)
        .offset(depth)
        .limit(queue.PAGE_SIZE + 1)
    )
    samples = []
    for _ in range(10):
        began = time.perf_counter()
        db.session.scalars(query).all()
        samples.append(time.perf_counter() - began)
        db.session.expunge_all()
    return statistics.median(samples) * 1000


def _keyset_page(cursor: str) -> float:
    filters = queue.Filters(status="pending", after=cursor)
    samples = []
    for _ in range(10):
        began = time.perf_counter()
        queue.page(filters)
        samples.append(time.perf_counter() - began)
        db.session.expunge_all()
    return statistics.median(samples) * 1000


def run(backend: str, url: str, runs: int) -> list[tuple]:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": sa.pool.NullPool},
            "SECRET_KEY": "bench-secret-key-" + "x" * 32,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
            "UPLOAD_DIR": tempfile.mkdtemp(),
        }
    )
    results = []
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        db.session.add(
            User(
                email="bench@x.example",
                password_hash=accounts.hash_password(PASSWORD),
                role=Role.MODERATOR,
            )
        )
        _seed(EntryStatus.PENDING, SMALL, 0)
    client = app.test_client()
    client.post("/moderate/login", data={"email": "bench@x.example", "password": PASSWORD})
    small = _time(client, "/moderate", runs)
    results.append((backend, f"/moderate, {SMALL:,} pending", small, 1.0))

    with app.app_context():
        _seed(EntryStatus.PENDING, LARGE - SMALL, SMALL)
        _seed(EntryStatus.APPROVED, LARGE // 2, LARGE)
        _seed(EntryStatus.REJECTED, LARGE // 10, LARGE + LARGE // 2)
        ids = db.session.scalars(
            sa.select(Entry.id).where(Entry.status == EntryStatus.PENDING).limit(LARGE).offset(7)
        ).all()[::97]
        db.session.execute(
            sa.insert(EntryFlag),
            [
                {
                    "entry_id": i,
                    "kind": FlagKind.BLOCKLIST.value,
                    "detail": "x",
                    "created_at": datetime.now(UTC),
                }
                for i in ids
            ],
        )
        db.session.commit()
        if backend == "postgresql":
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
        deep_entry = db.session.scalars(
            sa.select(Entry)
            .where(Entry.status == EntryStatus.PENDING)
            .order_by(Entry.created_at, Entry.id)
            .offset(DEEP - 1)
            .limit(1)
        ).one()
        cursor = queue.encode_cursor(deep_entry)
        offset_ms = _offset_page(DEEP)
        keyset_ms = _keyset_page(cursor)
    for label, path in [
        (f"/moderate, {LARGE:,} pending (+{LARGE // 2 + LARGE // 10:,} others)", "/moderate"),
        (f"page after {DEEP:,} (keyset cursor)", f"/moderate?after={cursor}"),
        ("filtered: language + flag", "/moderate?language=fr&flag=blocklist"),
        ("filtered: city", "/moderate?city=lyon"),
        ("search: a word every statement has", "/moderate?q=learning"),
        ("search: one person's name", "/moderate?q=Learner+41234"),
        ("search: an entry's address pasted", "/moderate?q=https://x.example/e/b000041234"),
    ]:
        ms = _time(client, path, runs)
        results.append((backend, label, ms, ms / small))
    results.append((backend, f"query only: page after {DEEP:,} by cursor", keyset_ms, None))
    results.append(
        (
            backend,
            f"query only: page after {DEEP:,} by OFFSET (baseline)",
            offset_ms,
            offset_ms / keyset_ms,
        )
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    rows = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            folder = tempfile.mkdtemp()
            rows += run("sqlite", f"sqlite:///{folder}/bench.sqlite3", args.runs)
            continue
        schema = f"bench_{secrets.token_hex(4)}"
        engine = sa.create_engine(PG_URL)
        with engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            rows += run("postgresql", f"{PG_URL}?options=-csearch_path%3D{schema}", args.runs)
        finally:
            with engine.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    print("| backend | what | median ms | ratio |")
    print("|---|---|---:|---:|")
    for backend, label, ms, ratio in rows:
        shown = "" if ratio is None else f"{ratio:.2f}×"
        print(f"| {backend} | {label} | {ms:.1f} | {shown} |")


if __name__ == "__main__":
    main()
