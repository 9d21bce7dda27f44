"""A private PostgreSQL stopped and started again under the app.

- 50 submissions to gunicorn while it stops and starts: each gets 303 or 503, never a 500;
  afterwards every row has its files and no file lacks its row; the same workers serve again.
- While it is down, the wall, entry pages and the feed come from the page cache (stale if
  error), but never an entry withdrawn since the copy was made, nor a copy past the bound;
  so do a city edition's home and wall, though the edition itself is in the database.
"""

import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
import requests
import sqlalchemy as sa
from sqlalchemy import select

from campaign import create_app
from campaign.models import Entry, EntryStatus
from campaign.wall import pagecache
from tests.app_settings import app_settings
from tests.chaos.services import private_postgres
from tests.clients import BrowserLikeClient
from tests.factories import VANTAA, make_edition, manage_token, photo_bytes, submit
from tests.load import server as load
from tests.needs import redis_or_missing

PHOTO = photo_bytes(640, 480)
SUBMISSIONS = 50
STOP_AFTER, START_AFTER = 12, 27  # answers received before stopping, and before starting
REDIS_URL = "redis://127.0.0.1:6379/12"


@pytest.fixture(scope="module")
def postgres():
    with private_postgres() as server:
        yield server


def fresh_database(server, name: str, uploads: Path) -> str:
    """A new, migrated database in the private cluster; its URL."""
    with psycopg.connect(
        f"host=127.0.0.1 port={server.port} user=postgres dbname=postgres", autocommit=True
    ) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{name}"
    load.flask_command(load.app_environment(url, uploads), "db", "upgrade", check=True)
    return url


class Answers:
    """Counts answers so the outage can start and end at given points of the run."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    def add(self) -> None:
        with self.changed:
            self.count += 1
            self.changed.notify_all()

    def wait_for(self, count: int) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.count >= count, timeout=300)


def test_submissions_while_postgres_restarts_succeed_or_get_503(postgres, tmp_path):
    uploads = tmp_path / "uploads"
    url = fresh_database(postgres, "restart", uploads)
    env = load.app_environment(url, uploads, DB_CONNECT_TIMEOUT="2", DB_POOL_SIZE="2")
    answers = Answers()
    local = threading.local()

    def send(index: int) -> tuple[str, int, str | None]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.token = load.form_token(local.session, server.base_url)
        marker = f"c{index:03d}x"
        try:
            response = load.post_join(
                local.session, server.base_url, load.join_fields(local.token, marker), PHOTO
            )
        finally:
            answers.add()
        return marker, response.status_code, response.headers.get("Retry-After")

    def outage() -> None:
        answers.wait_for(STOP_AFTER)
        postgres.stop()
        answers.wait_for(START_AFTER)
        postgres.start()

    with load.gunicorn(env, workers=2, log=tmp_path / "gunicorn.log") as server:
        workers = sorted(server.workers())
        controller = threading.Thread(target=outage)
        controller.start()
        with ThreadPoolExecutor(max_workers=3) as pool:
            outcomes = list(pool.map(send, range(SUBMISSIONS)))
        controller.join(timeout=120)
        after = [send(SUBMISSIONS + index)[1] for index in range(3)]
        assert sorted(server.workers()) == workers, "the same workers, not restarted ones"

    statuses = [status for _, status, _ in outcomes]
    assert set(statuses) <= {303, 503}, statuses
    assert 503 in statuses, "the outage was felt"
    assert statuses.count(303) >= STOP_AFTER - 3, statuses
    assert all(retry == "60" for _, status, retry in outcomes if status == 503)
    assert after == [303, 303, 303], "the workers recovered by themselves"

    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        statements = set(connection.execute(sa.text("SELECT statement FROM entries")).scalars())
    engine.dispose()
    kept = {marker for marker, status, _ in outcomes if status == 303}
    refused = {marker for marker, status, _ in outcomes if status == 503}
    stored = {statement.split(" ", 1)[0] for statement in statements}
    assert kept <= stored, "every accepted submission has its row"
    assert not (refused & stored), "no refused submission has a row"
    check = load.flask_command(
        load.app_environment(url, uploads), "maintenance", "check", "--grace-minutes", "0"
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 orphan file(s), 0 unfinished write(s), 0 entr(ies) missing files" in check.stdout


@pytest.mark.parametrize("copies_in", ["the process", "Redis"])
def test_wall_entry_and_feed_are_served_stale_while_postgres_is_away(
    postgres, tmp_path, monkeypatch, copies_in
):
    # Copies and the time of the last withdrawal live in Redis in production, in the
    # process (and a file of the instance folder) on the embedded default.
    if copies_in == "Redis":
        prefix = f"stale-{secrets.token_hex(4)}"  # apart from other runs on this Redis
        shared = {"REDIS_URL": redis_or_missing(REDIS_URL), "RATELIMIT_KEY_PREFIX": prefix}
        app = _app_keeping_copies(postgres, tmp_path, "stale_redis", **shared)
    else:
        app = _app_keeping_copies(postgres, tmp_path, "stale")
    owner = app.test_client()
    kept = _slug(app, manage_token(submit(owner, name="Kept Kim", photo=PHOTO)))
    gone = _slug(app, manage_token(submit(owner, name="Withdrawn Wu", photo=PHOTO)))
    visitor = app.test_client()
    surfaces = ["/wall", "/wall.atom", "/api/entries", f"/e/{kept}", f"/e/{gone}"]
    for surface in surfaces:
        assert visitor.get(surface).status_code == 200, surface

    with app.app_context():  # a moderator rejects Wu: no copy made before may be served
        from campaign.extensions import db

        entry = db.session.scalars(select(Entry).where(Entry.slug == gone)).one()
        entry.status = EntryStatus.REJECTED
        db.session.commit()
    clock = time.time() + 6  # every copy is past its 5 fresh seconds: made again
    monkeypatch.setattr(pagecache.time, "time", lambda: clock)
    for surface in surfaces[:4]:
        assert visitor.get(surface).status_code == 200, surface
    assert visitor.get(f"/e/{gone}").status_code == 404

    postgres.stop()
    try:
        clock += 60
        for surface in surfaces[:4]:
            response = visitor.get(surface)
            assert response.status_code == 200, surface
            assert response.headers["Cache-Control"] == "no-cache"
            assert int(response.headers["Age"]) >= 60
        wall = visitor.get("/wall").get_data(as_text=True)
        assert "Kept Kim" in wall
        assert "Withdrawn Wu" not in wall
        assert visitor.get(f"/e/{gone}").status_code == 503, "its copy predates the rejection"
        signed_in = owner.get("/wall")
        assert signed_in.status_code == 503, "a visitor with a session is never served a copy"

        clock += 600
        response = visitor.get("/wall")
        assert response.status_code == 503, "past the bound, no copy is served"
        assert response.headers["Retry-After"] == "60"
    finally:
        postgres.start()
    assert visitor.get("/wall").status_code == 200, "fresh again once it is back"


def test_edition_pages_are_served_stale_while_postgres_is_away(postgres, tmp_path, monkeypatch):
    app = _app_keeping_copies(postgres, tmp_path, "stale_edition")
    # French first: a visitor asking for Spanish gets French pages, so the copy's locale is
    # the edition's choice, which must still be known while the edition cannot be read.
    make_edition(app, "vantaa", **{**VANTAA, "languages": ["fr", "en"]})
    submit(app.test_client(), "/c/vantaa/join", name="Vantaa Vera", photo=PHOTO)
    visitor = app.test_client()
    visitor.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    surfaces = ["/c/vantaa/", "/c/vantaa/wall"]
    for surface in surfaces:
        assert visitor.get(surface).status_code == 200, surface
    clock = time.time()
    monkeypatch.setattr(pagecache.time, "time", lambda: clock)

    postgres.stop()
    try:
        clock += 60
        for surface in surfaces:
            response = visitor.get(surface)
            assert response.status_code == 200, surface
            assert response.headers["Cache-Control"] == "no-cache"
            assert int(response.headers["Age"]) >= 60
            assert 'lang="fr"' in response.get_data(as_text=True)
        wall = visitor.get("/c/vantaa/wall").get_data(as_text=True)
        assert "Vantaa Vera" in wall
        assert "Vantaa apprend" in wall
        assert visitor.get("/c/vantaa/join").status_code == 503, "a page never copied"
        assert visitor.get("/c/espoo/wall").status_code == 503, "an edition never looked up"

        clock += 600
        response = visitor.get("/c/vantaa/wall")
        assert response.status_code == 503, "past the bound, no copy is served"
        assert response.headers["Retry-After"] == "60"
    finally:
        postgres.start()
    assert visitor.get("/c/vantaa/wall").status_code == 200, "fresh again once it is back"


def _app_keeping_copies(postgres, tmp_path: Path, name: str, **extra):
    """An app on a fresh database whose pages are fresh 5 s and kept 10 minutes for outages."""
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    url = fresh_database(postgres, name, uploads)
    settings = {
        **app_settings(url, uploads),
        "MODERATION": "post",
        "WALL_PAGE_CACHE_SECONDS": 5,
        "STALE_IF_ERROR_SECONDS": 600,
        "DB_CONNECT_TIMEOUT": 1,
        **extra,
    }
    app = create_app(settings)
    app.test_client_class = BrowserLikeClient
    return app


def _slug(app, token: str) -> str:
    from campaign.tokens import find_by_token

    with app.app_context():
        return find_by_token(token).slug
