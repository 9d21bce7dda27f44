"""Notice fixtures: the app configured to use the real SMTP server (tests/conftest.py's)."""

import pytest

from tests.browser.conftest import browser, live_server, open_page  # noqa: F401 (fixtures)
from tests.mailbox import smtp_settings
from tests.moderation.conftest import moderator, staff  # noqa: F401 (fixtures)


@pytest.fixture
def inbox(smtp_server):
    return smtp_server[1]


@pytest.fixture
def settings(smtp_server):
    """SMTP pointed at the test server (a test about no SMTP empties SMTP_HOST)."""
    controller, _ = smtp_server
    return smtp_settings(controller.port)
