"""Every staff route × every kind of visitor: only signed-in staff get anything, and city
staff only their own edition's objects (another edition's are a 404, so ids do not leak).

The routes come from the app's URL map: a staff route missing from WHO fails the test.
"""

import re

import pytest
from sqlalchemy import select

from campaign.extensions import db
from campaign.models import Entry, EntryStatus, ModerationEvent, OfficialInvitation, Role, User
from tests.factories import (
    entry_state,
    form_token,
    invitation_row,
    make_city,
    make_edition,
    make_entry,
    make_invitation,
    make_user,
    sign_in,
)

# (method, rule) → who may use it: "staff" (every signed-in account, city staff within their
# edition), "managers" (global admins, and city admins within their edition), "admin".
WHO = {
    ("GET", "/moderate"): "staff",
    ("GET", "/moderate/entries/<int:entry_id>"): "staff",
    ("GET", "/moderate/entries/by-slug/<slug>"): "staff",
    ("GET", "/moderate/entries/<int:entry_id>/photo"): "staff",
    ("GET", "/moderate/entries/<int:entry_id>/cards/<fmt>"): "staff",
    ("POST", "/moderate/entries/<int:entry_id>/act"): "staff",
    ("POST", "/moderate/bulk"): "staff",
    ("GET", "/moderate/account"): "staff",
    ("POST", "/moderate/account"): "staff",
    ("GET", "/moderate/users"): "managers",
    ("POST", "/moderate/users"): "managers",
    ("POST", "/moderate/users/<int:user_id>/<any(disable, enable):change>"): "managers",
    ("GET", "/moderate/audit"): "managers",
    ("GET", "/moderate/audit.csv"): "managers",
    ("GET", "/moderate/invitations"): "managers",
    ("POST", "/moderate/invitations"): "managers",
    ("GET", "/moderate/invitations/<int:invitation_id>"): "managers",
    ("POST", "/moderate/invitations/<int:invitation_id>/<action>"): "managers",
    ("GET", "/moderate/campaign/"): "admin",
    ("POST", "/moderate/campaign/submissions"): "admin",
    ("GET", "/moderate/cities"): "admin",
    ("POST", "/moderate/cities"): "admin",
    ("GET", "/moderate/cities/<int:city_id>"): "admin",
    ("POST", "/moderate/cities/<int:city_id>"): "admin",
    ("POST", "/moderate/cities/<int:city_id>/delete"): "admin",
    ("POST", "/moderate/cities/import"): "admin",
    ("GET", "/moderate/cities/unmapped"): "admin",
    ("POST", "/moderate/cities/unmapped"): "admin",
    # A city admin is sent from the list to their own edition, and cannot create one.
    ("GET", "/moderate/editions"): "managers",
    ("POST", "/moderate/editions"): "admin",
    ("GET", "/moderate/editions/<int:edition_id>"): "managers",
    ("POST", "/moderate/editions/<int:edition_id>"): "managers",
    ("POST", "/moderate/editions/<int:edition_id>/logo"): "managers",
    ("POST", "/moderate/editions/<int:edition_id>/logo/remove"): "managers",
    ("POST", "/moderate/logout"): "staff",
}
# Not checked here: the sign-in page is for everyone (tests/moderation/test_accounts.py).
PUBLIC = {("GET", "/moderate/login"), ("POST", "/moderate/login")}
ROLES = ["anonymous", "disabled", "moderator", "admin", "city_moderator", "city_admin"]
# A city account's URL parts naming an object: the object of its own edition, or another's.
OBJECT_ARGUMENTS = {"entry_id", "slug", "user_id", "invitation_id", "edition_id"}


def staff_routes(app) -> list[tuple[str, str]]:
    """Every (method, rule) under /moderate, from the URL map; logout last."""
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/moderate")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    return sorted(routes - PUBLIC, key=lambda route: (route[1].endswith("/logout"), route))


def _path(rule: str, values: dict) -> str:
    return re.sub(r"<(?:[^<>:]+(?:\([^)]*\))?:)?(\w+)>", lambda m: str(values[m.group(1)]), rule)


@pytest.fixture
def editions_world(app, staff):
    """Editions A and B, each with a pending entry, a city moderator and an invitation;
    a city moderator and a city admin of A; a directory city no edition uses."""
    a, b = make_edition(app, "espoo"), make_edition(app, "tampere", city=("Tampere", "FI"))
    accounts = {
        "city_moderator": make_user(app, "cm-a@espoo.example", Role.CITY_MODERATOR, edition_id=a),
        "city_admin": make_user(app, "ca-a@espoo.example", Role.CITY_ADMIN, edition_id=a),
        "city_admin_b": make_user(app, "ca-b@tampere.example", Role.CITY_ADMIN, edition_id=b),
    }
    world = {}
    for name, edition_id in (("own", a), ("other", b)):
        admin = accounts["city_admin" if name == "own" else "city_admin_b"]
        target = make_user(
            app, f"target-{name}@city.example", Role.CITY_MODERATOR, edition_id=edition_id
        )
        entry_id = make_entry(app, edition_id=edition_id, statement=f"{name} edition text")
        world[name] = {
            "entry_id": entry_id,
            "slug": entry_state(app, entry_id).slug,
            "user_id": target,
            "invitation_id": invitation_row(app, make_invitation(app, by_user_id=admin)).id,
            "city_id": make_city(app, "Vantaa"),
            "edition_id": edition_id,
            "fmt": "landscape",
            "change": "disable",
            "action": "revoke",
        }
    return world


def _client_as(app, role, staff):
    client = app.test_client()
    emails = {
        **staff,
        "city_moderator": "cm-a@espoo.example",
        "city_admin": "ca-a@espoo.example",
    }
    if role not in ("anonymous", "disabled"):
        assert sign_in(client, emails[role]).status_code == 303
    if role == "disabled":
        # Signed in while still active; an admin disabled the account since.
        assert sign_in(client, staff["moderator2"]).status_code == 303
        with app.app_context():
            user = db.session.scalar(select(User).where(User.email == staff["moderator2"]))
            user.active = False
            db.session.commit()
    return client


def _allowed(role: str, who: str) -> bool:
    if role == "admin":
        return True
    if role in ("moderator", "city_moderator"):
        return who == "staff"
    if role == "city_admin":
        return who in ("staff", "managers")
    return False


def test_every_staff_route_is_in_the_table(app):
    missing = [route for route in staff_routes(app) if route not in WHO]
    assert missing == [], "add these staff routes to WHO (and scope them): " + repr(missing)


@pytest.mark.parametrize("role", ROLES)
def test_each_staff_route_answers_each_role_as_it_should(app, staff, editions_world, role):
    """City staff reach their edition's objects; another edition's are 404, never 403."""
    other = editions_world["other"]
    with app.app_context():
        other_entry = db.session.get(Entry, other["entry_id"]).statement
    client = _client_as(app, role, staff)
    signed_in = role not in ("anonymous", "disabled")
    token = form_token(client, "/moderate/account" if signed_in else "/moderate/login")
    city = role.startswith("city_")
    worlds = ["own", "other"] if city else ["other"]

    for method, rule in staff_routes(app):
        who = WHO[(method, rule)]
        names_object = any(f"{kind}>" in rule for kind in OBJECT_ARGUMENTS)
        for world in worlds if names_object or rule == "/moderate/bulk" else worlds[-1:]:
            values = editions_world[world]
            path = _path(rule, values)
            if method == "GET":
                response = client.get(path)
            else:
                data = {"csrf_token": token, "action": "approve", "version": "999"}
                if rule == "/moderate/bulk":
                    data["ids"] = f"{values['entry_id']}:999"
                response = client.post(path, data=data)
            where = f"{role} {method} {path} ({world} edition's objects)"
            if not _allowed(role, who):
                if role in ("anonymous", "disabled"):
                    assert response.status_code == 302, where
                    assert response.headers["Location"].startswith("/moderate/login"), where
                else:
                    assert response.status_code == 403, where
            elif city and world == "other" and names_object:
                assert response.status_code == 404, where
            else:
                # 400 and 422: the junk form was refused, by a page that let the account in;
                # 302: an entry named by its slug, sent on to its page.
                assert response.status_code in (200, 302, 303, 400, 422), where
                if not path.endswith("/logout"):
                    assert "/moderate/login" not in response.headers.get("Location", ""), where
            if not _allowed(role, who) or (city and world == "other"):
                body = response.get_data(as_text=True)
                assert other_entry not in body, where
                assert "target-other@city.example" not in body, where
                assert staff["admin"] not in body, where

    with app.app_context():
        # Nothing the version-999 requests sent could change the entries.
        for world in ("own", "other"):
            assert entry_state(app, editions_world[world]["entry_id"]).status is (
                EntryStatus.PENDING
            )
        other_user = db.session.get(User, other["user_id"])
        other_invitation = db.session.get(OfficialInvitation, other["invitation_id"])
        if role != "admin":
            # Another edition's account and invitation are out of reach of everyone but admins.
            assert other_user.active is True
            assert other_invitation.revoked_at is None
            assert db.session.get(User, staff_user_id(staff["disabled"])).active is False
            logged = db.session.scalars(select(ModerationEvent.subject)).all()
            assert "target-other@city.example" not in logged


def staff_user_id(email: str) -> int:
    return db.session.scalar(select(User.id).where(User.email == email))


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
