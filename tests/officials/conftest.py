"""Officials fixtures: staff accounts signed in, cities in the directory, invitations."""

import io
import re
from datetime import timedelta

import pytest

from campaign.cities.importer import STARTER_CSV, import_cities
from campaign.extensions import db as _db
from campaign.models import City, OfficialInvitation, Role
from campaign.moderation import accounts
from campaign.officials import invitations
from tests.browser.conftest import live_server  # noqa: F401 (the app served for test_browser)
from tests.factories import photo_bytes

PASSWORD = "correct horse battery staple"
ADMIN = "admin@city.example"
MODERATOR = "mod@city.example"


def page_token(client, url: str) -> str:
    """The CSRF token of the form on a page."""
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def sign_in(client, email: str) -> None:
    token = page_token(client, "/moderate/login")
    response = client.post(
        "/moderate/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]


@pytest.fixture
def staff(app) -> None:
    with app.app_context():
        accounts.create_user(ADMIN, PASSWORD, Role.ADMIN)
        accounts.create_user(MODERATOR, PASSWORD, Role.MODERATOR)
        _db.session.commit()


@pytest.fixture
def admin_client(app, staff):
    client = app.test_client()
    sign_in(client, ADMIN)
    return client


@pytest.fixture
def moderator_client(app, staff):
    client = app.test_client()
    sign_in(client, MODERATOR)
    return client


@pytest.fixture
def starter_cities(app) -> None:
    """The learning cities shipped with the campaign, imported."""
    with app.test_request_context():
        import_cities(STARTER_CSV.read_bytes())
        _db.session.commit()


def city_id(app, name: str) -> int:
    with app.app_context():
        return _db.session.scalar(_db.select(City.id).where(City.name == name))


def make_invitation(app, *, issued_days_ago: float = 0, **fields) -> str:
    """An invitation made as the admin page makes it; returns its link's token.

    issued_days_ago dates the link back, as if it had been made that many days ago.
    """
    details = {
        "name": "Jukka Mäkelä",
        "title": "Mayor of Espoo",
        "city": "Espoo",
        "country_code": "FI",
        "language": "en",
        "email": None,
        "pre_approved": False,
    }
    details.update(fields)
    with app.app_context():
        invitation = invitations.create_invitation(
            invitations.InvitationDetails(**details), by=None
        )
        if issued_days_ago:
            shift = timedelta(days=issued_days_ago)
            invitation.issued_at -= shift
            invitation.created_at -= shift
            invitation.expires_at -= shift
        _db.session.commit()
        return invitations.link_token(invitation)


def invitation_row(app, token: str) -> OfficialInvitation:
    with app.app_context():
        nonce = invitations._serializer().loads_unsafe(token)[1]["n"]
        row = _db.session.scalar(
            _db.select(OfficialInvitation).where(OfficialInvitation.nonce == nonce)
        )
        _db.session.expunge(row)
        return row


def statement_data(client, token: str, **fields) -> dict:
    """A complete, valid invitation form with a fresh CSRF token; override any field."""
    data = {
        "csrf_token": page_token(client, "/join"),
        "name": "Jukka Mäkelä",
        "title": "Mayor of Espoo",
        "language": "en",
        "statement": "learning keeps a city young.",
        "consent": "y",
    }
    data.update(fields)
    data["photo"] = (io.BytesIO(photo_bytes()), "mayor.jpg", "image/jpeg")
    return {key: value for key, value in data.items() if value is not None}


def send_statement(client, token: str, **fields):
    return client.post(
        f"/invite/{token}",
        data=statement_data(client, token, **fields),
        content_type="multipart/form-data",
    )
