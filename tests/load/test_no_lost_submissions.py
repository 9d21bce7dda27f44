"""Hundreds of people joining at once, and a worker killed among them: nothing lost or half-kept.

Each submission carries a marker in its statement. Afterwards, every accepted one has exactly
one row and all its files; every refused one left nothing; storage holds no file that no row
refers to; no request got a server error.
"""

import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests
import sqlalchemy as sa

from tests.factories import photo_bytes
from tests.hostile import files
from tests.load.server import (
    app_environment,
    flask_command,
    form_token,
    gunicorn,
    join_fields,
    post_join,
)

PHOTO = photo_bytes(1200, 900)
# kind: (extra form fields, photo, expected status). Most are valid, as on a real day.
KINDS = {
    "valid": ({}, PHOTO, 303),
    "not an image": ({}, files.HTML, 422),
    "truncated JPEG": ({}, files.truncated(PHOTO), 422),
    "bidi override": ({"city": "Es\u202epoo"}, PHOTO, 422),
    "no consent": ({"consent": ""}, PHOTO, 422),
    "no CSRF token": ({"csrf_token": ""}, PHOTO, 400),
}
MIX = ["valid"] * 4 + [kind for kind in KINDS if kind != "valid"]


@dataclass
class Outcome:
    marker: str
    kind: str
    status: int | None  # None: the connection broke before an answer


def _submit(base_url: str, marker: str, kind: str, start: threading.Barrier) -> Outcome:
    extra, photo, _ = KINDS[kind]
    with requests.Session() as session:
        token = form_token(session, base_url)
        start.wait(timeout=120)
        try:
            response = post_join(session, base_url, join_fields(token, marker, **extra), photo)
        except requests.ConnectionError:
            return Outcome(marker, kind, None)
        return Outcome(marker, kind, response.status_code)


def _run(base_url: str, count: int, *, during=None) -> list[Outcome]:
    """`count` submissions sent at the same moment; `during(outcomes_so_far)` runs meanwhile."""
    start = threading.Barrier(count)
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [
            pool.submit(_submit, base_url, f"m{index:04d}x", MIX[index % len(MIX)], start)
            for index in range(count)
        ]
        if during:
            during(futures)
        return [future.result() for future in futures]


def _rows(database_url: str) -> dict[str, list[dict]]:
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT statement, photo_key, card_keys FROM entries")
        ).mappings()
        by_marker: dict[str, list[dict]] = {}
        for row in rows:
            by_marker.setdefault(row["statement"].split()[0], []).append(dict(row))
    engine.dispose()
    return by_marker


def _file_keys(row: dict) -> set[str]:
    cards = row["card_keys"]
    return {row["photo_key"], *cards.values()}


def _stored(uploads: Path) -> set[str]:
    return {path.relative_to(uploads).as_posix() for path in uploads.rglob("*") if path.is_file()}


def _check(outcomes: list[Outcome], database_url: str, uploads: Path) -> None:
    rows = _rows(database_url)
    stored = _stored(uploads)
    for outcome in outcomes:
        expected = KINDS[outcome.kind][2]
        found = rows.get(outcome.marker, [])
        if outcome.status is None:
            assert len(found) <= 1, outcome
        else:
            assert outcome.status == expected, outcome
            assert len(found) == (1 if expected == 303 else 0), outcome
        for row in found:
            keys = _file_keys(row)
            assert len(keys) == 5, "a photo and four cards"
            assert keys <= stored, f"{outcome.marker} lacks {keys - stored}"
    referenced = set().union(*(_file_keys(row) for found in rows.values() for row in found))
    assert stored == referenced, f"orphans: {sorted(stored - referenced)[:5]}"


def test_hundreds_of_concurrent_submissions_lose_nothing(load_database, tmp_path):
    uploads = tmp_path / "uploads"
    with gunicorn(app_environment(load_database, uploads), workers=3) as server:
        outcomes = _run(server.base_url, 200)
        assert server.process.poll() is None, "gunicorn is still up"
    assert all(outcome.status is not None for outcome in outcomes)
    assert sum(outcome.status == 303 for outcome in outcomes) >= 80
    assert not [outcome for outcome in outcomes if outcome.status >= 500]
    _check(outcomes, load_database, uploads)


def test_a_worker_killed_mid_submission_loses_nothing_after_maintenance(load_database, tmp_path):
    """A SIGKILLed worker drops the one request it was serving; the rest are all answered.

    What it can leave: the files of that one submission (written before its commit) and at
    most a temporary file of an unfinished write; never a row without its files, since a row
    commits only after its files were written. `flask maintenance check --fix` removes them.
    """
    uploads = tmp_path / "uploads"
    env = app_environment(load_database, uploads)
    killed: list[int] = []

    def kill_a_busy_worker(futures) -> None:
        # Once answers are flowing, every worker is in the middle of a request.
        while sum(future.done() for future in futures) < 10:
            threading.Event().wait(0.05)
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    with gunicorn(env, workers=3) as server:
        outcomes = _run(server.base_url, 40, during=kill_a_busy_worker)
        assert killed, "a worker was killed"
        assert killed[0] not in server.workers(), "the master replaced the worker"
        assert server.process.poll() is None
        # The replacement serves the next person.
        with requests.Session() as session:
            token = form_token(session, server.base_url)
            response = post_join(session, server.base_url, join_fields(token, "after"), PHOTO)
            assert response.status_code == 303

    unanswered = [outcome for outcome in outcomes if outcome.status is None]
    assert len(unanswered) <= 1, "only the request the killed worker was serving is lost"
    assert not [o for o in outcomes if o.status is not None and o.status >= 500]

    fixed = flask_command(env, "maintenance", "check", "--fix", "--grace-minutes", "0")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    print(fixed.stdout)  # what the kill left, for the record
    clean = flask_command(env, "maintenance", "check", "--grace-minutes", "0")
    assert clean.returncode == 0, clean.stdout
    assert "0 orphan file(s), 0 unfinished write(s), 0 entr(ies) missing files" in clean.stdout
    _check(outcomes, load_database, uploads)
