"""Privacy fixtures: staff clients (from the moderation tests) and the live server."""

from tests.browser.conftest import browser, live_server, open_page  # noqa: F401 (fixtures)
from tests.moderation.conftest import admin, moderator, staff  # noqa: F401 (fixtures)
