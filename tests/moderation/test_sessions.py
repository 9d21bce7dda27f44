"""A staff session ends on the server: a copied cookie stops working when its owner signs out,
changes their password or is disabled; the CSRF secret is new after signing in."""

import pytest
from sqlalchemy import select

from campaign.models import User
from tests.factories import PASSWORD, form_token, sign_in

QUEUE = "/moderate"
NEW_PASSWORD = "a completely different passphrase"


def copied(app, client):
    """Another browser holding a copy of client's session cookie (same address and agent)."""
    cookie = client.get_cookie("session", domain="campaign.test")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value, domain="campaign.test")
    return thief


def signed_in(client) -> bool:
    return client.get(QUEUE).status_code == 200


def test_copied_cookie_works_until_its_owner_signs_out(app, moderator):
    thief = copied(app, moderator)
    assert signed_in(thief)
    token = form_token(moderator, QUEUE)
    assert moderator.post("/moderate/logout", data={"csrf_token": token}).status_code == 303
    assert not signed_in(moderator)
    assert not signed_in(thief), "the copied cookie outlived the sign-out"


def test_password_change_ends_other_sessions_but_not_this_one(app, moderator):
    thief = copied(app, moderator)
    token = form_token(moderator, "/moderate/account")
    response = moderator.post(
        "/moderate/account",
        data={"csrf_token": token, "current": PASSWORD, "new": NEW_PASSWORD},
    )
    assert response.status_code == 303
    assert signed_in(moderator)
    assert not signed_in(thief)


def test_a_disabled_account_stays_signed_out_when_re_enabled(app, db, staff, moderator, admin):
    thief = copied(app, moderator)
    user_id = db.session.scalar(select(User.id).where(User.email == staff["moderator"]))
    for change in ("disable", "enable"):
        token = form_token(admin, "/moderate/users")
        admin.post(f"/moderate/users/{user_id}/{change}", data={"csrf_token": token})
    assert db.session.get(User, user_id, populate_existing=True).active
    assert not signed_in(moderator)
    assert not signed_in(thief)


def test_the_cli_password_reset_ends_sessions(app, runner, staff, moderator, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ADMIN_PASSWORD", NEW_PASSWORD)
    result = runner.invoke(args=["users", "set-password", staff["moderator"]])
    assert result.exit_code == 0, result.output
    assert not signed_in(moderator)


def test_a_csrf_token_from_before_signing_in_is_refused_after(app, staff):
    client = app.test_client()
    planted = form_token(client, "/moderate/login")
    assert sign_in(client, staff["moderator"]).status_code == 303
    client.post("/moderate/logout", data={"csrf_token": planted})
    assert signed_in(client), "the token issued before signing in still worked"
    fresh = form_token(client, QUEUE)
    assert fresh != planted
    client.post("/moderate/logout", data={"csrf_token": fresh})
    assert not signed_in(client)


@pytest.mark.parametrize(
    "session_id", ["1", "1.x", "x.1", "١.١", "", ".", "99999999999999999999.1", "1.²"]
)
def test_a_malformed_session_id_is_just_signed_out(app, db, staff, session_id):
    from campaign.moderation.accounts import load_user

    assert load_user(session_id) is None
