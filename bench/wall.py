"""Wall speed: 100,000 approved entries, gunicorn on 127.0.0.1, wrk as the load generator.

For SQLite and PostgreSQL (each in a fresh database or schema): seed 100,000 approved entries
(plus 5,000 pending ones the wall must skip) with one shared set of card files, print the
query plans of the wall's queries, start gunicorn and measure with wrk: /healthz (a bare
endpoint of the same app, the baseline), /wall page 1, a deep page (cursor after 90,000
entries), a filtered page, a search for a common word and for a rare one (4 entries), the
Load more fragment, the JSON API, the embed and the feed. Each set is measured twice, on one
gunicorn with the page micro-cache at its default (WALL_PAGE_CACHE_SECONDS=5: wrk repeats
one URL, so nearly every request is a hit, the best case) and on one with it off (=0: every
request renders, the worst case, what a long tail of distinct searches and cursors costs).
Prints Markdown tables for BENCHMARKS.md.

City editions: 300 editions (each of one directory city), 70 % of the entries made through
one of them; an edition's wall (/c/<slug>/wall) and the global wall filtered by it
(/wall?edition=<slug>) are measured beside the unfiltered page 1, with their query plans.
`--cases editions` measures only /healthz, page 1 and the edition pages.

    .venv/bin/python bench/wall.py [--backends sqlite,postgresql] [--duration 10]

Needs wrk (apt-get install -y wrk) and, for PostgreSQL, BENCH_DATABASE_URL (default: the
local test server). Not part of the test suite.
"""

import argparse
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from campaign import cards, create_app  # noqa: E402
from campaign.cards.samples import sample_content, sample_photo  # noqa: E402
from campaign.extensions import db  # noqa: E402
from campaign.models import City, Edition, Entry, EntryKind, EntryStatus  # noqa: E402
from campaign.models.edition import edition_cities  # noqa: E402

PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SECRET = "bench-secret-key-" + "x" * 32
ENTRIES = 100_000
PENDING = 5_000
DEEP = 90_000
BATCH = 5_000
RARE_EVERY = 25_000  # entries 7, 25,007, ... restore harpsichords: a rare word, 4 entries
EDITIONS = 300
# Of every 10 entries, 7 are made through an edition (entry n through edition n % EDITIONS).
EDITION_SHARE = 7
MEASURED_EDITION = "edition-150"
EDITION_CASES = {
    "edition wall (/c/<slug>/wall)": f"/c/{MEASURED_EDITION}/wall",
    "global wall, edition filter": f"/wall?edition={MEASURED_EDITION}",
}
PLANNED = {
    "wall page 1",
    "deep page (after 90,000)",
    "filtered (country=KE)",
    "search (q=piano)",
    "rare word (q=harpsichord)",
    *EDITION_CASES,
}

REASONS = {
    "en": [
        "gardening taught me patience",
        "my grandchildren teach me apps",
        "books open doors",
        "I started piano at sixty",
        "every job needs new skills",
        "curiosity keeps me young",
        "I learn a language with my neighbours",
        "the library is my second home",
    ],
    "fr": [
        "j'ai repris l'école du soir",
        "la cuisine est une science",
        "je découvre la poterie",
        "mes voisins m'apprennent l'arabe",
        "le théâtre me donne confiance",
    ],
    "es": [
        "aprendo con mi niño cada día",
        "la música me hace feliz",
        "estudio historia local",
        "el huerto me enseña paciencia",
    ],
    "ar": ["التعلم يفتح الأبواب", "أتعلم البرمجة مع أصدقائي", "القراءة تغير حياتي"],
    "zh": ["我每天都在学习新的东西", "学习让我保持年轻", "我在社区大学学习书法"],
}
LANGUAGE_WEIGHTS = {"en": 50, "fr": 15, "es": 15, "ar": 10, "zh": 10}
COUNTRIES = [
    "FI",
    "FR",
    "ES",
    "MX",
    "KE",
    "EG",
    "MA",
    "CN",
    "KR",
    "BR",
    "DE",
    "IE",
    "GH",
    "IN",
    "JP",
    "CO",
    "TN",
    "NG",
    "PT",
    "CA",
    "AU",
    "NZ",
    "CL",
    "PE",
    "SE",
    "NO",
    "IT",
    "GR",
    "TR",
    "JO",
]
NAMES = [
    "Aino",
    "Karim",
    "Marie",
    "Sofía",
    "Li Wei",
    "Amina",
    "João",
    "Pekka",
    "Fatima",
    "Chen",
    "Lucía",
    "Kwame",
    "Ingrid",
    "Omar",
    "Hana",
    "Diego",
    "Zanele",
    "Yuki",
    "Ravi",
    "Elena",
]


def seed_editions(app) -> list[int]:
    """EDITIONS editions, each of a directory city of its own; their ids in slug order."""
    with app.app_context():
        cities = [
            {"name": f"Edition City {n:03d}", "country": "Bench", "country_code": COUNTRIES[n % 30]}
            for n in range(EDITIONS)
        ]
        db.session.execute(sa.insert(City.__table__), cities)
        city_ids = db.session.scalars(
            sa.select(City.id).where(City.name.like("Edition City %")).order_by(City.name)
        ).all()
        now = datetime.now(UTC)
        db.session.execute(
            sa.insert(Edition.__table__),
            [
                {
                    "slug": f"edition-{n:03d}" if n != 150 else MEASURED_EDITION,
                    "names": {"en": f"Edition {n}"},
                    "languages": ["en"],
                    "default_language": "en",
                    "campaign_lines": {},
                    "designs": [],
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(EDITIONS)
            ],
        )
        edition_ids = db.session.scalars(sa.select(Edition.id).order_by(Edition.id)).all()
        db.session.execute(
            sa.insert(edition_cities),
            [{"edition_id": e, "city_id": c} for e, c in zip(edition_ids, city_ids, strict=True)],
        )
        db.session.commit()
        return list(edition_ids)


def seed(app, rng: random.Random) -> None:
    """Insert ENTRIES approved and PENDING pending entries in batches; one set of card files."""
    edition_ids = seed_editions(app)
    storage = app.extensions["campaign.storage"]
    rendered = cards.render_all(sample_photo(), sample_content("en"))
    keys = {}
    for fmt, data in rendered.items():
        key = f"cards/bench-{fmt}.{'webp' if fmt == 'thumb' else 'jpg'}"
        storage.save(key, data)
        keys[fmt] = key
    cities = [(f"City {n:03d}", COUNTRIES[n % len(COUNTRIES)]) for n in range(400)]
    languages = list(LANGUAGE_WEIGHTS)
    weights = list(LANGUAGE_WEIGHTS.values())
    start = datetime(2026, 1, 1, tzinfo=UTC)
    total = ENTRIES + PENDING
    with app.app_context():
        for first in range(0, total, BATCH):
            rows = []
            for n in range(first, min(first + BATCH, total)):
                language = rng.choices(languages, weights)[0]
                city, country = rng.choice(cities)
                rows.append(
                    {
                        "slug": secrets.token_urlsafe(8),
                        "kind": EntryKind.OFFICIAL if n % 500 == 0 else EntryKind.LEARNER,
                        "name": f"{rng.choice(NAMES)} {n}",
                        "title": "Mayor" if n % 500 == 0 else None,
                        "city": city,
                        "country_code": country,
                        "language": language,
                        "statement": (
                            "I restore harpsichords"
                            if n % RARE_EVERY == 7
                            else rng.choice(REASONS[language])
                        )
                        + f" ({n})",
                        "focal_x": 0.5,
                        "focal_y": 0.5,
                        "photo_key": "photos/bench.jpg",
                        "card_keys": keys,
                        "status": EntryStatus.APPROVED if n < ENTRIES else EntryStatus.PENDING,
                        "featured": n % 997 == 0,
                        "manage_token_hash": secrets.token_hex(32),
                        "created_at": start + timedelta(seconds=60 * n + rng.random()),
                        "updated_at": start + timedelta(seconds=60 * n),
                        "version": 1,
                        "edition_id": edition_ids[n % EDITIONS] if n % 10 < EDITION_SHARE else None,
                    }
                )
            db.session.execute(sa.insert(Entry.__table__), rows)
            db.session.commit()
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()


def deep_cursor(app) -> str:
    from campaign.models import public_entries
    from campaign.wall.queries import NEWEST_FIRST, Cursor, encode_cursor

    with app.test_request_context():
        entry = db.session.scalars(
            public_entries().order_by(*NEWEST_FIRST).offset(DEEP - 1)
        ).first()
        return encode_cursor(Cursor.after(entry))


def query_plans(app, urls: dict[str, str]) -> dict[str, str]:
    """EXPLAIN of the wall query each URL runs, captured as the app sends it."""
    captured: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "featured DESC" in statement:
            captured.append((statement, parameters))

    plans = {}
    with app.app_context():
        engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", capture)
        client = app.test_client()
        for label, url in urls.items():
            if label == "healthz":
                continue
            captured.clear()
            assert client.get(url).status_code == 200, url
            # A search on PostgreSQL may take two statements (see campaign/search.py).
            plans[label] = "\n\n".join(explain(engine, *query) for query in captured)
        sa.event.remove(engine, "before_cursor_execute", capture)
    return plans


def explain(engine, statement: str, parameters) -> str:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return "\n".join(row[-1] for row in cursor.fetchall())
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + statement, parameters)
        return "\n".join(row[0] for row in cursor.fetchall())
    finally:
        raw.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def wrk(url: str, duration: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out or "Requests/sec:         0.00" in out:
        raise RuntimeError(f"errors while loading {url}:\n{out}")

    def latency(pct: str) -> float:
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
    }


def serve_and_measure(
    env: dict,
    urls: dict,
    label: str,
    duration: int,
    workers: int,
    connections: int,
    rounds: int = 1,
) -> dict:
    """Start gunicorn with this environment and wrk every URL (after a warm-up), `rounds`
    times in turn; medians, and the median of each round's ratio to page 1."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        for path in urls.values():
            wrk(base + path, 5, connections)  # warm-up: per-worker caches, pools, page cache
        # Round by round, every URL in turn: a machine whose load changes during the run
        # weighs on all of them alike, and each round's ratios to page 1 are comparable.
        runs: dict[str, list[dict]] = {name: [] for name in urls}
        for round_number in range(rounds):
            for name, path in urls.items():
                runs[name].append(wrk(base + path, duration, connections))
                print(f"[{label}, round {round_number + 1}] {name}: {runs[name][-1]}", flush=True)
        results = {}
        for name, measured in runs.items():
            results[name] = {
                key: statistics.median(run[key] for run in measured) for key in measured[0]
            }
            pages = runs["wall page 1"]
            results[name]["vs page 1"] = statistics.median(
                run["rps"] / page["rps"] for run, page in zip(measured, pages, strict=True)
            )
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def run_backend(
    backend: str,
    duration: int,
    workers: int,
    connections: int,
    page_cache: list[str],
    cases: str = "all",
    rounds: int = 1,
) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-wall-{backend}-"))
    schema = None
    if backend == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        schema = f"bench_wall_{secrets.token_hex(4)}"
        admin = sa.create_engine(PG_URL, poolclass=sa.pool.NullPool)
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "UPLOAD_DIR": str(workdir / "uploads"),
        "SECRET_KEY": SECRET,
        "RATELIMIT_ENABLED": "false",
        "WALL_CACHE_SECONDS": "60",
        # Production-like: PostgreSQL with Redis; the embedded default without.
        "REDIS_URL": "redis://127.0.0.1:6379/15" if backend == "postgresql" else "",
    }
    overrides = {
        "SQLALCHEMY_DATABASE_URI": url,
        "UPLOAD_DIR": env["UPLOAD_DIR"],
        "SECRET_KEY": SECRET,
        "RATELIMIT_ENABLED": False,
        "REDIS_URL": env["REDIS_URL"],
        "SERVER_NAME": "127.0.0.1",
    }
    if backend == "postgresql":
        overrides["SQLALCHEMY_ENGINE_OPTIONS"] = {"poolclass": sa.pool.NullPool}
    app = create_app(overrides)
    try:
        import flask_migrate

        with app.app_context():
            flask_migrate.upgrade()
        began = time.perf_counter()
        seed(app, random.Random(5))
        seeded = time.perf_counter() - began
        print(f"[{backend}] seeded {ENTRIES + PENDING:,} entries in {seeded:.1f} s", flush=True)
        urls = {"healthz": "/healthz", "wall page 1": "/wall"}
        if cases == "all":
            urls.update(
                {
                    "deep page (after 90,000)": f"/wall?cursor={deep_cursor(app)}",
                    "filtered (country=KE)": "/wall?country=KE",
                    "search (q=piano)": "/wall?q=piano",
                    "rare word (q=harpsichord)": "/wall?q=harpsichord",
                }
            )
        urls.update(EDITION_CASES)
        plans = query_plans(app, {k: v for k, v in urls.items() if k in PLANNED})
        if cases == "all":
            urls.update(
                {
                    "load more (/wall/slice)": "/wall/slice",
                    "JSON (/api/entries)": "/api/entries",
                    "embed (/embed/wall?country=KE)": "/embed/wall?country=KE",
                    "feed (/wall.atom)": "/wall.atom",
                }
            )
        runs = {}
        for seconds in page_cache:
            label = f"{backend}, page cache {seconds} s"
            loads = [load_average()]
            results = serve_and_measure(
                {**env, "WALL_PAGE_CACHE_SECONDS": seconds},
                urls,
                label,
                duration,
                workers,
                connections,
                rounds,
            )
            loads.append(load_average())
            runs[seconds] = {"results": results, "loads": loads}
        return {"runs": runs, "plans": plans, "seed_seconds": seeded}
    finally:
        with app.app_context():
            db.engine.dispose()
        if schema:
            with admin.begin() as conn:
                conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
        shutil.rmtree(workdir, ignore_errors=True)


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} CPUs (nproc), {cpu}, Python {sys.version.split()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--page-cache", default="5,0", help="WALL_PAGE_CACHE_SECONDS values to measure"
    )
    parser.add_argument(
        "--cases", choices=["all", "editions"], default="all", help="editions: page 1 and theirs"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure every URL this many times, in turn"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install -y wrk")
    print(
        f"Machine: {machine()}; gunicorn {args.workers} sync workers; "
        f"wrk -t2 -c{args.connections} -d{args.duration}s; load average {load_average()}"
    )
    for backend in args.backends.split(","):
        report = run_backend(
            backend,
            args.duration,
            args.workers,
            args.connections,
            args.page_cache.split(","),
            args.cases,
            args.rounds,
        )
        print(
            f"\n### {backend}: {ENTRIES:,} approved entries (+{PENDING:,} pending), "
            f"seeded in {report['seed_seconds']:.0f} s"
        )
        for seconds, run in report["runs"].items():
            results = run["results"]
            baseline = results["healthz"]["rps"]
            print(
                f"\nWALL_PAGE_CACHE_SECONDS={seconds}; load average (1, 5, 15 min) "
                f"before {run['loads'][0]}, after {run['loads'][1]}\n"
            )
            print("| endpoint | req/s | vs /healthz | vs page 1 | p50 ms | p99 ms |")
            print("|---|---:|---:|---:|---:|---:|")
            for label, r in results.items():
                print(
                    f"| {label} | {r['rps']:,.0f} | {r['rps'] / baseline:.2f} | "
                    f"{r['vs page 1']:.2f} | {r['p50']:.1f} | {r['p99']:.1f} |"
                )
        for label, plan in report["plans"].items():
            print(f"\n{backend} plan, {label}:\n```\n{plan}\n```")


if __name__ == "__main__":
    main()
