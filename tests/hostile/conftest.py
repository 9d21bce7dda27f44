"""Checks every hostile test makes: nothing stored, and the site still serves the next person."""

import pytest
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import Entry
from tests.factories import stored_files, submit


@pytest.fixture
def nothing_stored(app, uploads):
    """Call it to assert there is no entry row and no file at all."""

    def check() -> None:
        # Its own app context: one held open by the test would make every request of the
        # test client share `g` (and so one cached CSRF token) across browsers.
        with app.app_context():
            assert db.session.scalar(select(func.count(Entry.id))) == 0
        assert stored_files(uploads) == []

    return check


@pytest.fixture
def still_serving(client):
    """Call it to assert a valid submission right after still succeeds."""

    def check() -> None:
        response = submit(client)
        assert response.status_code == 303, "the next valid submission is served"

    return check
