"""Notice fixtures: a real SMTP server on 127.0.0.1 and the app configured to use it."""

import pytest

from tests.browser.conftest import browser, live_server, open_page  # noqa: F401 (fixtures)
from tests.mailbox import smtp_settings, start_server
from tests.moderation.conftest import moderator, staff  # noqa: F401 (fixtures)


@pytest.fixture
def smtp_server():
    controller, inbox = start_server()
    try:
        yield controller, inbox
    finally:
        controller.stop()


@pytest.fixture
def inbox(smtp_server):
    return smtp_server[1]


@pytest.fixture
def settings(smtp_server):
    """SMTP pointed at the test server (a test about no SMTP empties SMTP_HOST)."""
    controller, _ = smtp_server
    return smtp_settings(controller.port)
