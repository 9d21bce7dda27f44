"""One real server for every browser test, driving the run's one Chromium.

The app is served by werkzeug's server on 127.0.0.1 in a thread, on SQLite: these tests drive
the pages, the database layer is covered on both backends elsewhere. Chromium is Debian's
(the `chromium` fixture of tests/conftest.py), with a fake camera that needs no permission
prompt.
"""

import re

import pytest

from tests import chromium as chromium_setup
from tests.browser.helpers import DESKTOP, SCREENSHOTS
from tests.browser.live import HeldJoins, LiveServer, serving
from tests.i18n.catalogues import ensure_compiled
from tests.needs import missing
from tests.standalone import standalone_app

# Chromium logs every 4xx answer to a script's request; a form the server refuses (422, 413)
# is shown in the page, and the favicon the app does not have is no page error either.
IGNORED_CONSOLE = re.compile(r"favicon\.ico|status of (404|413|422)")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    if not chromium_setup.available():
        missing("Debian's Chromium is not installed (scripts/setup.sh --test installs it)")
    ensure_compiled()
    folder = tmp_path_factory.mktemp("live")
    app = standalone_app(folder, WALL_CACHE_SECONDS=0)  # the wall shows an approval at once
    server_state = LiveServer(app=app, url="")
    app.wsgi_app = HeldJoins(app.wsgi_app, server_state)
    with serving(app) as url:
        server_state.url = url
        yield server_state


@pytest.fixture(scope="session")
def browser(chromium, live_server):
    """The run's one Chromium (tests/conftest.py), with its fake camera."""
    return chromium


@pytest.fixture
def pre_moderation(live_server):
    """Entries wait for a moderator, as in the default configuration, for this test."""
    live_server.app.config["MODERATION"] = "pre"
    yield
    live_server.app.config["MODERATION"] = "post"


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
