"""Moderation fixtures: staff accounts, signed-in clients, entries waiting for review."""

import functools
import re
import secrets
from datetime import timedelta

import pytest

from campaign.dbtypes import utcnow
from campaign.extensions import db as _db
from campaign.models import Entry, EntryStatus, Role, User
from campaign.moderation import accounts

PASSWORD = "correct horse battery staple"


@functools.cache
def _password_hash() -> str:
    # scrypt takes about half a second by design: hash the shared test password once.
    return accounts.hash_password(PASSWORD)


def create_staff(app, email: str, role: Role = Role.MODERATOR, active: bool = True) -> int:
    with app.app_context():
        user = User(email=email, password_hash=_password_hash(), role=role, active=active)
        _db.session.add(user)
        _db.session.commit()
        return user.id


def form_token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD):
    token = form_token(client, "/moderate/login")
    return client.post(
        "/moderate/login", data={"csrf_token": token, "email": email, "password": password}
    )


def make_entry(app, status: EntryStatus = EntryStatus.PENDING, **fields) -> int:
    """An entry row without files (the queue only links to its card)."""
    stem = secrets.token_hex(6)
    values = {
        "slug": secrets.token_urlsafe(8)[:10],
        "name": "Aino",
        "city": "Espoo",
        "country_code": "FI",
        "language": "en",
        "statement": "every day teaches me something new.",
        "photo_key": f"photos/{stem}.jpg",
        "card_keys": {"landscape": f"cards/{stem}-landscape.jpg"},
        "manage_token_hash": secrets.token_hex(32),
        "status": status,
        "published_at": utcnow() if status is EntryStatus.APPROVED else None,
    }
    values.update(fields)
    with app.app_context():
        entry = Entry(**values)
        _db.session.add(entry)
        _db.session.commit()
        return entry.id


def make_entries(app, count: int, **fields) -> list[int]:
    start = utcnow() - timedelta(hours=1)
    return [
        make_entry(app, created_at=start + timedelta(seconds=index), **fields)
        for index in range(count)
    ]


@pytest.fixture
def staff(app) -> dict[str, str]:
    """One account per role, and a disabled moderator: role → email."""
    create_staff(app, "admin@city.example", Role.ADMIN)
    create_staff(app, "mod@city.example", Role.MODERATOR)
    create_staff(app, "mod2@city.example", Role.MODERATOR)
    create_staff(app, "gone@city.example", Role.MODERATOR, active=False)
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


def entry_state(app, entry_id: int) -> Entry:
    with app.app_context():
        entry = _db.session.get(Entry, entry_id)
        _db.session.expunge(entry)
        return entry


def act(client, entry_id: int, action: str, *, version: int | None = None, **extra):
    """Press one action button on an entry's moderation page."""
    url = f"/moderate/entries/{entry_id}"
    token = form_token(client, url)
    if version is None:
        html = client.get(url).get_data(as_text=True)
        version = int(re.search(r'name="version" value="(\d+)"', html).group(1))
    data = {"csrf_token": token, "version": version, "action": action, "next": url, **extra}
    return client.post(f"/moderate/entries/{entry_id}/act", data=data)
