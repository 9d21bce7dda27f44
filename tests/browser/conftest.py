"""One real server for every browser test, driving the run's one Chromium.

The app is served by werkzeug's server on 127.0.0.1 in a thread, on SQLite: these tests drive
the pages, the database layer is covered on both backends elsewhere. Chromium is Debian's
(the `chromium` fixture of tests/conftest.py), with a fake camera that needs no permission
prompt.
"""

import io
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from campaign.extensions import db
from tests import chromium as chromium_setup
from tests.factories import find_entry
from tests.i18n.catalogues import ensure_compiled
from tests.needs import missing
from tests.standalone import standalone_app

SCREENSHOTS = chromium_setup.SCREENSHOTS
# Other features' browser tests import these names from here.
CHROMIUM = chromium_setup.CHROMIUM
CHROMIUM_ARGS = chromium_setup.ARGS
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
# Chromium logs every 4xx answer to a script's request; a form the server refuses (422, 413)
# is shown in the page, and the favicon the app does not have is no page error either.
IGNORED_CONSOLE = re.compile(r"favicon\.ico|status of (404|413|422)")


@dataclass
class LiveServer:
    app: object
    url: str
    hold_joins: threading.Event = field(default_factory=threading.Event)
    release_joins: threading.Event = field(default_factory=threading.Event)
    join_sizes: list = field(default_factory=list)  # body size of every join post

    def entry(self, **where):
        """The entry matching the given columns, read fresh from the database."""
        return find_entry(self.app, **where)

    def stored(self, key: str) -> bytes:
        """A stored file (card, photo) by its storage key."""
        from campaign.storage import get_storage

        with self.app.app_context():
            return get_storage().read(key)


class HeldJoins:
    """WSGI middleware: while `hold` is set, a join post waits for `release` before the app
    answers, so a test can look at the page during the upload. It changes nothing else."""

    def __init__(self, wsgi_app, server: "LiveServer"):
        self.wsgi_app, self.hold, self.release = wsgi_app, server.hold_joins, server.release_joins
        self.sizes = server.join_sizes

    def __call__(self, environ, start_response):
        posting = environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == "/join"
        if posting:
            self.sizes.append(int(environ.get("CONTENT_LENGTH") or 0))
        if posting and self.hold.is_set():
            # Take the whole upload first, as a proxy would, then wait to answer.
            length = int(environ.get("CONTENT_LENGTH") or 0)
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(length))
            self.release.wait(30)
        return self.wsgi_app(environ, start_response)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    if not chromium_setup.available():
        missing("Debian's Chromium is not installed (scripts/setup.sh --test installs it)")
    ensure_compiled()
    folder = tmp_path_factory.mktemp("live")
    app = standalone_app(folder, WALL_CACHE_SECONDS=0)  # the wall shows an approval at once
    server_state = LiveServer(app=app, url="")
    app.wsgi_app = HeldJoins(app.wsgi_app, server_state)
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
def browser(chromium, live_server):
    """The run's one Chromium (tests/conftest.py), with its fake camera."""
    return chromium


@pytest.fixture(scope="session", autouse=True)
def screenshots_folder():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def open_page(browser, live_server):
    """A function opening a fresh page (own cookies) at a path, in a language and a size;
    every console error or uncaught exception on it fails the test."""
    contexts, problems = [], []

    def opener(
        path="/", *, lang=None, viewport=DESKTOP, accept_language="en", init_script=None, **options
    ):
        """options go to the browser context (is_mobile, has_touch...); init_script runs
        before each page's own scripts (a stand-in for a browser feature)."""
        context = browser.new_context(
            viewport=viewport, locale=accept_language, base_url=live_server.url, **options
        )
        contexts.append(context)
        if lang:
            context.add_cookies([{"name": "lang", "value": lang, "url": live_server.url}])
        if init_script:
            context.add_init_script(init_script)
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


def fill_join_form(page, *, name: str, statement: str, language: str = "en") -> None:
    """Fill every field of the join form but the photo, as a person would (English labels);
    "Make my card" ([data-submit]) then confirms the age."""
    page.locator('input[name="name"]').fill(name)
    page.locator('input[name="city"]').fill("Espoo")
    page.locator('select[name="country"]').select_option("FI")
    page.locator('select[name="language"]').select_option(language)
    page.locator('textarea[name="statement"]').fill(statement)
    page.locator('input[name="consent"]').check()


def card_image(live_server, name: str, fmt: str = "landscape"):
    """The stored card of the entry by this name, as a Pillow image."""
    import io

    from PIL import Image

    entry = live_server.entry(name=name)
    image = Image.open(io.BytesIO(live_server.stored(entry.card_keys[fmt])))
    image.load()
    return entry, image
