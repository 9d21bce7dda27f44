"""Officials fixtures: staff accounts signed in, cities in the directory, invitations."""

import pytest

from campaign.cities.importer import STARTER_CSV, import_cities
from campaign.extensions import db as _db
from campaign.models import Role
from tests.browser.conftest import live_server  # noqa: F401 (the app served for test_browser)
from tests.factories import make_user, sign_in

ADMIN = "admin@city.example"
MODERATOR = "mod@city.example"


@pytest.fixture
def staff(app) -> None:
    make_user(app, ADMIN, Role.ADMIN)
    make_user(app, MODERATOR, Role.MODERATOR)


@pytest.fixture
def admin_client(app, staff):
    client = app.test_client()
    assert sign_in(client, ADMIN).status_code == 303
    return client


@pytest.fixture
def moderator_client(app, staff):
    client = app.test_client()
    assert sign_in(client, MODERATOR).status_code == 303
    return client


@pytest.fixture
def starter_cities(app) -> None:
    """The learning cities shipped with the campaign, imported."""
    with app.test_request_context():
        import_cities(STARTER_CSV.read_bytes())
        _db.session.commit()
