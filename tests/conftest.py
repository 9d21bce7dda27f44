"""Fixtures: the app on each database backend, its client, its CLI runner and its database.

Every test that uses `app` runs on SQLite, and on PostgreSQL when one is reachable
(TEST_DATABASE_URL, or the local server at 127.0.0.1:5432, database `test`). With
CI=true or REQUIRE_POSTGRES=1 (as in .ci/run) an unreachable PostgreSQL fails the run
instead of skipping it; under CI=true so does any other missing service or file
(tests/needs.py).
Each test session gets its own PostgreSQL schema, dropped at the end.
"""

import os
import secrets
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa

from campaign import create_app
from campaign.extensions import db as _db
from tests import chromium as chromium_setup
from tests.app_settings import app_settings
from tests.clients import BrowserLikeClient
from tests.mailbox import start_server
from tests.needs import missing, postgres_required

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent
SHARED_TESTDATA = ROOT.parent / "shared" / "testdata"


def _postgres_engine(url: str) -> sa.Engine | None:
    engine = sa.create_engine(url, connect_args={"connect_timeout": 3}, poolclass=sa.pool.NullPool)
    try:
        with engine.connect():
            return engine
    except sa.exc.OperationalError:
        engine.dispose()
        return None


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """A migrated, empty database for this test session, one per backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        _migrate(url)
        yield url
        return
    engine = _postgres_engine(PG_URL)
    if engine is None:
        missing(f"PostgreSQL not reachable at {PG_URL}", required=postgres_required())
    schema = f"test_{secrets.token_hex(6)}"
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{separator}options=-csearch_path%3D{schema}"
    try:
        _migrate(url)
        yield url
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def _migrate(url: str) -> None:
    app = create_app(app_settings(url, ROOT / "uploads-unused"))
    with app.app_context():
        flask_migrate.upgrade()
        _db.engine.dispose()


@pytest.fixture
def settings():
    """Overrides a test can change before asking for `app`."""
    return {}


@pytest.fixture
def app(database_url, tmp_path, settings):
    application = create_app({**app_settings(database_url, tmp_path / "uploads"), **settings})
    application.test_client_class = BrowserLikeClient
    (tmp_path / "uploads").mkdir(exist_ok=True)
    yield application
    with application.app_context():
        _db.session.remove()
        for table in reversed(_db.metadata.sorted_tables):
            _db.session.execute(table.delete())
        _db.session.commit()
        _db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    with app.app_context():
        yield _db


@pytest.fixture
def uploads(app) -> Path:
    return Path(app.config["UPLOAD_DIR"])


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1: (its controller, the inbox it fills)."""
    controller, inbox = start_server()
    try:
        yield controller, inbox
    finally:
        controller.stop()


@pytest.fixture
def orientation_samples() -> Path:
    folder = SHARED_TESTDATA / "exif-orientation"
    if not folder.is_dir():
        missing(f"shared test data not found at {folder}")
    return folder


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for every browser test of the run."""
    if not chromium_setup.available():
        missing("Debian's Chromium is not installed (scripts/setup.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(chromium_setup.CHROMIUM), args=chromium_setup.ARGS
    )
    yield browser
    browser.close()
    playwright.stop()
