"""Moderation fixtures: staff accounts, signed-in clients, entries waiting for review."""

import pytest

from campaign.models import Role
from tests.factories import make_user, sign_in


@pytest.fixture
def staff(app) -> dict[str, str]:
    """One account per role, and a disabled moderator: role → email."""
    make_user(app, "admin@city.example", Role.ADMIN)
    make_user(app, "mod@city.example", Role.MODERATOR)
    make_user(app, "mod2@city.example", Role.MODERATOR)
    make_user(app, "gone@city.example", Role.MODERATOR, active=False)
    return {
        "admin": "admin@city.example",
        "moderator": "mod@city.example",
        "moderator2": "mod2@city.example",
        "disabled": "gone@city.example",
    }


@pytest.fixture
def moderator(app, staff):
    """A test client signed in as a moderator."""
    client = app.test_client()
    assert sign_in(client, staff["moderator"]).status_code == 303
    return client


@pytest.fixture
def admin(app, staff):
    client = app.test_client()
    assert sign_in(client, staff["admin"]).status_code == 303
    return client
