"""Every moderation route × every kind of visitor: only signed-in staff get anything."""

import pytest
from sqlalchemy import select

from campaign.extensions import db
from campaign.models import Entry, EntryStatus, ModerationEvent, User
from tests.factories import entry_state, form_token, make_entry, sign_in, submit

# (method, path, who may use it); {entry} and {user} are filled in.
ROUTES = [
    ("GET", "/moderate", "staff"),
    ("GET", "/moderate?status=approved&flag=reported", "staff"),
    ("GET", "/moderate/entries/{entry}", "staff"),
    ("GET", "/moderate/entries/{entry}/photo", "staff"),
    ("POST", "/moderate/entries/{entry}/act", "staff"),
    ("POST", "/moderate/bulk", "staff"),
    ("GET", "/moderate/account", "staff"),
    ("POST", "/moderate/account", "staff"),
    ("GET", "/moderate/users", "admin"),
    ("POST", "/moderate/users", "admin"),
    ("POST", "/moderate/users/{user}/disable", "admin"),
    ("POST", "/moderate/users/{user}/enable", "admin"),
    ("GET", "/moderate/audit", "admin"),
    ("GET", "/moderate/audit.csv", "admin"),
    ("POST", "/moderate/logout", "staff"),
]


def _client_as(app, role, staff):
    client = app.test_client()
    if role in ("moderator", "admin"):
        assert sign_in(client, staff[role]).status_code == 303
    if role == "disabled":
        # Signed in while still active; an admin disabled the account since.
        assert sign_in(client, staff["moderator2"]).status_code == 303
        with app.app_context():
            user = db.session.scalar(select(User).where(User.email == staff["moderator2"]))
            user.active = False
            db.session.commit()
    return client


@pytest.mark.parametrize("role", ["anonymous", "disabled", "moderator", "admin"])
def test_each_moderation_route_answers_each_role_as_it_should(app, staff, role):
    submit(app.test_client())
    with app.app_context():
        entry = db.session.scalars(select(Entry)).one()
        target = db.session.scalar(select(User).where(User.email == staff["disabled"]))
        entry_id, user_id, statement = entry.id, target.id, entry.statement
    client = _client_as(app, role, staff)
    signed_in = role in ("moderator", "admin")
    token = form_token(client, "/moderate/account" if signed_in else "/moderate/login")

    for method, template, who in ROUTES:
        path = template.format(entry=entry_id, user=user_id)
        if method == "GET":
            response = client.get(path)
        else:
            data = {"csrf_token": token, "action": "approve", "version": "999"}
            response = client.post(path, data=data)
        allowed = role == "admin" or (role == "moderator" and who == "staff")
        where = f"{role} {method} {path}"
        if allowed:
            assert response.status_code in (200, 303, 422), where
            if not path.endswith("/logout"):
                assert "/moderate/login" not in response.headers.get("Location", ""), where
        elif role in ("anonymous", "disabled"):
            assert response.status_code == 302, where
            assert response.headers["Location"].startswith("/moderate/login"), where
        else:
            assert response.status_code == 403, where
        if not allowed:
            body = response.get_data(as_text=True)
            assert statement not in body, where
            assert staff["admin"] not in body, where

    with app.app_context():
        # Nothing the version-999 requests sent could change the entry.
        assert db.session.get(Entry, entry_id).status is EntryStatus.PENDING
        if role != "admin":
            assert db.session.get(User, user_id).active is False
            assert db.session.scalars(select(ModerationEvent)).all() == []


def test_a_forged_action_without_the_form_token_changes_nothing(app, moderator):
    entry_id = make_entry(app)
    response = moderator.post(
        f"/moderate/entries/{entry_id}/act", data={"action": "approve", "version": 1}
    )
    assert response.status_code == 400
    assert entry_state(app, entry_id).status is EntryStatus.PENDING


def test_signing_in_goes_back_to_the_page_asked_for(app, staff):
    from tests.factories import PASSWORD

    client = app.test_client()
    response = client.get("/moderate?status=rejected")
    assert response.headers["Location"] == "/moderate/login?next=%2Fmoderate%3Fstatus%3Drejected"
    token = form_token(client, response.headers["Location"])
    response = client.post(
        response.headers["Location"],
        data={"csrf_token": token, "email": staff["moderator"], "password": PASSWORD},
    )
    assert response.headers["Location"] == "/moderate?status=rejected"


def test_moderation_pages_are_never_cached_nor_indexed(moderator):
    response = moderator.get("/moderate")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]
