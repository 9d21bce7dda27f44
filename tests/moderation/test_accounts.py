"""Signing in, throttling, sessions, and managing staff accounts."""

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from campaign import create_app
from campaign.extensions import db
from campaign.models import ModerationEvent, Role, User
from tests.factories import PASSWORD, form_token, sign_in

THROTTLED = [{"RATELIMIT_ENABLED": True}]


def test_a_moderator_signs_in_and_reaches_the_queue(app, staff):
    client = app.test_client()
    response = sign_in(client, staff["moderator"].upper())  # email is case-insensitive
    assert response.status_code == 303
    assert response.headers["Location"] == "/moderate"
    page = client.get("/moderate")
    assert page.status_code == 200
    assert "Review queue" in page.get_data(as_text=True)


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(app, staff):
    client = app.test_client()
    token = form_token(client, "/moderate/login")
    data = {"csrf_token": token, "email": staff["moderator"], "password": PASSWORD}
    response = client.post("/moderate/login?next=/moderate/audit", data=data)
    assert response.headers["Location"] == "/moderate/audit"
    other = app.test_client()
    data["csrf_token"] = form_token(other, "/moderate/login")
    response = other.post("/moderate/login?next=https://evil.example/moderate", data=data)
    assert response.headers["Location"] == "/moderate"


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("mod@city.example", "wrong password here"),
        ("nobody@city.example", PASSWORD),
        ("gone@city.example", PASSWORD),  # disabled
    ],
)
def test_failed_sign_ins_never_say_whether_the_email_exists(app, staff, email, password):
    response = sign_in(app.test_client(), email, password)
    assert response.status_code == 401
    body = response.get_data(as_text=True)
    assert "That email and password do not match an active account." in body
    for telltale in ("no account", "not found", "disabled", "unknown"):
        assert telltale not in body.lower()


def test_the_sign_in_form_needs_its_csrf_token(app, staff):
    client = app.test_client()
    response = client.post(
        "/moderate/login", data={"email": staff["moderator"], "password": PASSWORD}
    )
    assert response.status_code == 400
    assert client.get("/moderate").status_code == 302


def test_passwords_are_stored_as_scrypt_hashes(app, staff):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == staff["moderator"]))
        assert user.password_hash.startswith("scrypt:")
        assert PASSWORD not in user.password_hash


def test_signing_out_ends_the_session(moderator):
    token = form_token(moderator, "/moderate/account")
    assert moderator.post("/moderate/logout", data={"csrf_token": token}).status_code == 303
    assert moderator.get("/moderate").status_code == 302


def test_disabling_a_moderator_ends_their_open_session_at_once(app, admin, moderator, staff):
    assert moderator.get("/moderate").status_code == 200
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == staff["moderator"]))
    token = form_token(admin, "/moderate/users")
    response = admin.post(f"/moderate/users/{user_id}/disable", data={"csrf_token": token})
    assert response.status_code == 303
    assert moderator.get("/moderate").status_code == 302
    assert sign_in(app.test_client(), staff["moderator"]).status_code == 401

    admin.post(f"/moderate/users/{user_id}/enable", data={"csrf_token": token})
    assert sign_in(app.test_client(), staff["moderator"]).status_code == 303
    with app.app_context():
        actions = db.session.scalars(select(ModerationEvent.action)).all()
    assert [action.value for action in actions] == ["disable_user", "enable_user"]


def test_an_admin_adds_a_moderator_who_can_then_sign_in(app, admin):
    token = form_token(admin, "/moderate/users")
    data = {"csrf_token": token, "email": "New@City.example", "role": "moderator"}
    short = admin.post("/moderate/users", data={**data, "password": "short"})
    assert short.status_code == 422
    response = admin.post("/moderate/users", data={**data, "password": "a long initial secret"})
    assert response.status_code == 303
    assert "new@city.example" in admin.get("/moderate/users").get_data(as_text=True)
    again = admin.post("/moderate/users", data={**data, "password": "a long initial secret"})
    assert again.status_code == 422
    assert "already an account" in again.get_data(as_text=True)
    assert (
        sign_in(app.test_client(), "new@city.example", "a long initial secret").status_code == 303
    )


def _active(app, email: str) -> bool:
    with app.app_context():
        return db.session.scalar(select(User.active).where(User.email == email))


def test_an_admin_cannot_disable_their_own_account_from_the_page(app, admin, staff):
    with app.app_context():
        admin_id = db.session.scalar(select(User.id).where(User.email == staff["admin"]))
    token = form_token(admin, "/moderate/users")
    response = admin.post(f"/moderate/users/{admin_id}/disable", data={"csrf_token": token})
    assert response.status_code == 303
    page = admin.get("/moderate/users").get_data(as_text=True)
    assert "You cannot disable your own account." in page
    assert _active(app, staff["admin"])
    assert admin.get("/moderate/users").status_code == 200, "still signed in"
    with app.app_context():
        assert db.session.scalar(select(sa.func.count(ModerationEvent.id))) == 0


def test_the_command_line_refuses_to_disable_the_last_active_admin(app, runner, staff):
    result = runner.invoke(args=["users", "disable", staff["admin"]])
    assert result.exit_code == 1
    assert "The last active admin cannot be disabled." in result.output
    assert _active(app, staff["admin"])
    unknown = runner.invoke(args=["users", "disable", "nobody@city.example"])
    assert unknown.exit_code == 1
    assert "No account for nobody@city.example." in unknown.output


def test_the_command_line_password_reset_refuses_a_short_password(app, runner, staff):
    result = runner.invoke(
        args=["users", "set-password", staff["moderator"]], input="short\nshort\n"
    )
    assert result.exit_code == 1
    assert "Passwords need at least" in result.output
    assert sign_in(app.test_client(), staff["moderator"]).status_code == 303, "old one kept"
    unknown = runner.invoke(args=["users", "set-password", "nobody@city.example"])
    assert unknown.exit_code == 1
    assert "No account for nobody@city.example." in unknown.output


def test_a_moderator_changes_their_password(app, moderator, staff):
    token = form_token(moderator, "/moderate/account")
    wrong = moderator.post(
        "/moderate/account", data={"csrf_token": token, "current": "nope", "new": "x" * 20}
    )
    assert "not your current password" in wrong.get_data(as_text=True)
    response = moderator.post(
        "/moderate/account", data={"csrf_token": token, "current": PASSWORD, "new": "y" * 20}
    )
    assert response.status_code == 303
    assert sign_in(app.test_client(), staff["moderator"], "y" * 20).status_code == 303


@pytest.mark.parametrize("settings", THROTTLED)
def test_failed_sign_ins_are_throttled_per_account(app, staff):
    # Each attempt from a different address: the account's own limit is what stops them.
    for attempt in range(5):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"198.51.100.{attempt}"
        assert sign_in(client, staff["moderator"], f"guess number {attempt}").status_code == 401
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "198.51.100.99"
    response = sign_in(client, staff["moderator"])  # even the right password waits now
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.get_data(as_text=True)
    assert client.get("/moderate").status_code == 302
    # Another account is not affected.
    assert sign_in(client, staff["admin"]).status_code == 303


@pytest.mark.parametrize("settings", THROTTLED)
def test_throttling_looks_the_same_for_unknown_and_known_emails(app, staff):
    answers = {}
    for email in (staff["moderator"], "nobody@city.example"):
        client = app.test_client()
        codes = [sign_in(client, email, "wrong wrong wrong").status_code for _ in range(6)]
        answers[email] = codes
    assert answers[staff["moderator"]] == answers["nobody@city.example"] == [401] * 5 + [429]


@pytest.mark.parametrize(
    "settings", [{"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per hour"}]
)
def test_failed_sign_ins_are_throttled_per_address(app, staff):
    client = app.test_client()
    for number in range(3):
        response = sign_in(client, f"someone{number}@city.example", "whatever it is")
        assert response.status_code == 401
    assert sign_in(client, staff["moderator"]).status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    assert sign_in(elsewhere, staff["moderator"]).status_code == 303


@pytest.mark.parametrize("settings", THROTTLED)
def test_successful_sign_ins_do_not_use_up_the_allowance(app, staff):
    for _ in range(8):
        client = app.test_client()
        assert sign_in(client, staff["moderator"]).status_code == 303


def test_session_cookies_are_secure_in_production(database_url, tmp_path, monkeypatch, staff, app):
    monkeypatch.setenv("CAMPAIGN_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-key-of-enough-length-0123456789")
    production = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": sa.pool.NullPool},
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "campaign.test",
            "PUBLIC_BASE_URL": "https://campaign.test",
        }
    )
    assert production.config["SESSION_COOKIE_SECURE"] is True
    client = production.test_client()
    response = sign_in(client, staff["moderator"])
    assert response.status_code == 303
    cookie = next(
        value for value in response.headers.getlist("Set-Cookie") if value.startswith("session=")
    )
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    with production.app_context():
        db.engine.dispose()


def test_create_admin_from_the_command_line(app, runner, monkeypatch):
    result = runner.invoke(
        args=["users", "create-admin", "Chief@City.example"],
        input="a very long password\na very long password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created admin chief@city.example" in result.output
    monkeypatch.setenv("CAMPAIGN_ADMIN_PASSWORD", "from the environment")
    result = runner.invoke(args=["users", "create-admin", "robot@city.example"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["users", "create-admin", "robot@city.example"])
    assert result.exit_code != 0
    assert "already an account" in result.output
    with app.app_context():
        roles = dict(db.session.execute(select(User.email, User.role)).all())
    assert roles == {"chief@city.example": Role.ADMIN, "robot@city.example": Role.ADMIN}
    assert (
        sign_in(app.test_client(), "robot@city.example", "from the environment").status_code == 303
    )
    listing = runner.invoke(args=["users", "list"])
    assert "robot@city.example\tadmin\tactive" in listing.output
