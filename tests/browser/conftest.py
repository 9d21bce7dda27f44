"""One real server and one Chromium for every browser test.

The app is served by werkzeug's server on 127.0.0.1 in a thread, on SQLite: these tests drive
the pages, the database layer is covered on both backends elsewhere. Chromium is Debian's,
with a fake camera that needs no permission prompt.
"""

import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from campaign import create_app
from campaign.extensions import db
from tests.i18n.catalogues import ensure_compiled

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
# The browser asks for a favicon the app does not have; that 404 is not a page error.
IGNORED_CONSOLE = re.compile(r"favicon\.ico|Failed to load resource.*404")


@dataclass
class LiveServer:
    app: object
    url: str
    hold_joins: threading.Event = field(default_factory=threading.Event)
    release_joins: threading.Event = field(default_factory=threading.Event)

    def entry(self, **where):
        """The entry matching the given columns, read fresh from the database."""
        from campaign.models import Entry

        with self.app.app_context():
            entry = db.session.scalars(sa.select(Entry).filter_by(**where)).one()
            db.session.expunge(entry)
            return entry

    def stored(self, key: str) -> bytes:
        """A stored file (card, photo) by its storage key."""
        from campaign.storage import get_storage

        with self.app.app_context():
            return get_storage().read(key)


class HeldJoins:
    """WSGI middleware: while `hold` is set, a join post waits for `release` before the app
    answers, so a test can look at the page during the upload. It changes nothing else."""

    def __init__(self, wsgi_app, hold: threading.Event, release: threading.Event):
        self.wsgi_app, self.hold, self.release = wsgi_app, hold, release

    def __call__(self, environ, start_response):
        posting = environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == "/join"
        if posting and self.hold.is_set():
            self.release.wait(30)
        return self.wsgi_app(environ, start_response)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed (scripts/setup.sh --test installs it)")
    ensure_compiled()
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "browser-test-secret-key-long-enough-for-tests",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'campaign.sqlite3'}",
            "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": sa.pool.NullPool},
            "UPLOAD_DIR": str(folder / "uploads"),
            # Entries are public at once, so share buttons and entry pages are there to test.
            "MODERATION": "post",
            "RATELIMIT_ENABLED": False,
            "PUBLIC_BASE_URL": "",
        }
    )
    (folder / "uploads").mkdir()
    with app.app_context():
        db.create_all()
    server_state = LiveServer(app=app, url="")
    app.wsgi_app = HeldJoins(app.wsgi_app, server_state.hold_joins, server_state.release_joins)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    server_state.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server_state
    server.shutdown()
    thread.join()
    server.server_close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser(live_server):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session", autouse=True)
def screenshots_folder():
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def open_page(browser, live_server):
    """A function opening a fresh page (own cookies) at a path, in a language and a size;
    every console error or uncaught exception on it fails the test."""
    contexts, problems = [], []

    def opener(path="/", *, lang=None, viewport=DESKTOP, accept_language="en"):
        context = browser.new_context(
            viewport=viewport, locale=accept_language, base_url=live_server.url
        )
        contexts.append(context)
        if lang:
            context.add_cookies([{"name": "lang", "value": lang, "url": live_server.url}])
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and not IGNORED_CONSOLE.search(message.text)
                and problems.append(f"console: {message.text}")
            ),
        )
        page.goto(path)
        return page

    yield opener
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


def screenshot(page, name: str) -> Path:
    """Save the whole page for a person to look at, under test-artifacts/screenshots/."""
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
