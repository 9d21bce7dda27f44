"""Opening dates, the archive after the end and the admin's switch, on every route that writes.

The routes come from the app's URL map: a new public route that accepts POST must be listed
in one of the two tables below, so none can slip past the archive unnoticed.
"""

import io
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import Action, Entry, ModerationEvent
from campaign.privacy.period import WRITES_ATTRIBUTE
from tests.factories import (
    csrf_token,
    join,
    join_data,
    make_invitation,
    photo_bytes,
    statement_data,
)

# Routes that create or change an entry: refused while submissions are not open.
REFUSED = {"submissions.join", "submissions.edit_statement", "officials.invitation"}
# Routes that write and stay open, each with the reason.
ALLOWED = {
    "submissions.erase": "erasing one's entry is a right at any time, archive or not",
    "submissions.ask_notice": "an entry sent before the end may still wait for a moderator",
    "submissions.cancel_notice": "taking one's address back is a right at any time",
    "reports.report": "visitors must still be able to report an entry of the archived wall",
    "sharing.connect": "posting one's card to one's own account changes nothing here",
    "sharing.compose": "posting one's card to one's own account changes nothing here",
    "sharing.cancel": "posting one's card to one's own account changes nothing here",
    "i18n.switch": "only sets the language cookie",
    "card_preview.layout": "lays out the typed text for the preview; stores nothing",
    "card_preview.faces": "finds faces in a small copy of the photo in memory; stores nothing",
}
ENDED_TITLES = {
    "en": "The campaign has ended",
    "fr": "La campagne est terminée",
    "es": "La campaña ha terminado",
    "ar": "انتهت الحملة",
    "zh": "活动已结束",
}
PAST = datetime(2026, 1, 31, 23, 0, tzinfo=UTC)
FUTURE = datetime(2099, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def settings():
    return {"MODERATION": "post"}


def _writing_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.methods & {"POST", "PUT", "PATCH", "DELETE"} and not rule.rule.startswith(
            "/moderate"
        ):
            yield rule


def test_every_public_route_that_writes_is_classified(app):
    for rule in _writing_rules(app):
        assert (rule.endpoint in REFUSED) != (rule.endpoint in ALLOWED), rule.rule
        guarded = getattr(app.view_functions[rule.endpoint], WRITES_ATTRIBUTE, False)
        assert guarded == (rule.endpoint in REFUSED), rule.endpoint
    assert {rule.endpoint for rule in _writing_rules(app)} >= REFUSED


@pytest.fixture
def world(app, client):
    """An entry and an official's invitation made while the campaign was open."""
    slug, token = join(client)
    invitation = make_invitation(app)
    with app.app_context():
        statement = db.session.scalar(select(Entry.statement).where(Entry.slug == slug))
    return {"slug": slug, "token": token, "invitation": invitation, "statement": statement}


def _close(app, admin, phase: str) -> None:
    if phase == "ended":
        app.config["SUBMISSIONS_OPEN_UNTIL"] = PAST
    elif phase == "not_yet":
        app.config["SUBMISSIONS_OPEN_FROM"] = FUTURE
    else:
        token = csrf_token(admin, "/moderate/campaign/")
        response = admin.post(
            "/moderate/campaign/submissions",
            data={"csrf_token": token, "submissions": "off", "reason": "spam wave"},
        )
        assert response.status_code == 303


def _posts(client, world) -> dict[str, dict]:
    """For each refused route: a URL and a complete, valid form as a browser would send."""
    token = csrf_token(client, f"/m/{world['token']}/erase")
    join_form = join_data(client, photo=False)
    join_form.update(csrf_token=token, photo=(io.BytesIO(photo_bytes()), "me.jpg", "image/jpeg"))
    official = statement_data(client, world["invitation"]) | {"csrf_token": token}
    return {
        "submissions.join": {"url": "/join", "data": join_form},
        "submissions.edit_statement": {
            "url": f"/m/{world['token']}/statement",
            "data": {"csrf_token": token, "statement": "a changed sentence."},
        },
        "officials.invitation": {"url": f"/invite/{world['invitation']}", "data": official},
    }


STATUS = {"ended": 403, "not_yet": 403, "paused": 503}
MESSAGE = {
    "ended": "The campaign has ended",
    "not_yet": "The campaign has not started yet",
    "paused": "Submissions are paused",
}


@pytest.mark.parametrize("phase", ["ended", "not_yet", "paused"])
def test_every_refused_route_says_why_and_changes_nothing(
    app, client, admin, world, uploads, phase
):
    files_before = sorted(uploads.rglob("*"))
    posts = _posts(client, world)
    _close(app, admin, phase)
    assert set(posts) == REFUSED
    for endpoint, post in posts.items():
        response = client.post(post["url"], data=post["data"], content_type="multipart/form-data")
        assert response.status_code == STATUS[phase], endpoint
        page = response.get_data(as_text=True)
        assert f"<h1>{MESSAGE[phase]}</h1>" in page, endpoint
        if phase == "paused":
            assert response.headers["Retry-After"] == "600"
    with app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == 1
        assert db.session.scalar(select(Entry.statement)) == world["statement"]
    assert sorted(uploads.rglob("*")) == files_before
    # The forms themselves say so instead of offering a form that would be refused.
    for url in ("/join", f"/invite/{world['invitation']}"):
        page = client.get(url).get_data(as_text=True)
        assert f"<h1>{MESSAGE[phase]}</h1>" in page
        assert 'name="statement"' not in page


@pytest.mark.parametrize("language", ENDED_TITLES)
def test_join_page_says_the_campaign_has_ended_in_each_language(app, client, language):
    app.config["SUBMISSIONS_OPEN_UNTIL"] = PAST
    client.set_cookie("lang", language, domain="campaign.test")
    response = client.get("/join")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"<h1>{ENDED_TITLES[language]}</h1>" in page
    assert 'type="file"' not in page


def test_not_yet_open_says_when(app, client):
    app.config["SUBMISSIONS_OPEN_FROM"] = FUTURE
    page = client.get("/join").get_data(as_text=True)
    assert "You can join from March 1, 2099" in page


def test_the_archive_stays_online_and_shareable(app, client, world, uploads):
    app.config["SUBMISSIONS_OPEN_UNTIL"] = PAST
    slug, token = world["slug"], world["token"]
    assert slug in client.get("/wall").get_data(as_text=True)
    entry_page = client.get(f"/e/{slug}")
    assert entry_page.status_code == 200
    card = re.search(r'property="og:image" content="https?://[^/]+(/[^"]+)"', entry_page.text)
    assert client.get(card.group(1)).status_code == 200
    share = client.get(f"/m/{token}").get_data(as_text=True)
    assert "linkedin.com/sharing/share-offsite" in share
    assert 'action="/m/' + token + '/statement"' not in share, "no edit form in the archive"
    assert client.get(f"/m/{token}/download/landscape").status_code == 200
    assert client.get(f"/m/{token}/my-data").status_code == 200
    # Erasure still works.
    erase_token = csrf_token(client, f"/m/{token}/erase")
    assert client.post(f"/m/{token}/erase", data={"csrf_token": erase_token}).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == 0


def test_admin_switch_is_logged_and_works_at_once(app, client, admin, moderator):
    form = join_data(client)
    _close(app, admin, "paused")
    assert client.post("/join", data=form).status_code == 503
    token = csrf_token(admin, "/moderate/campaign/")
    admin.post("/moderate/campaign/submissions", data={"csrf_token": token, "submissions": "on"})
    assert "Make my card" in client.get("/join").get_data(as_text=True)
    with app.app_context():
        lines = db.session.execute(
            select(
                ModerationEvent.actor_email, ModerationEvent.action, ModerationEvent.reason
            ).order_by(ModerationEvent.id)
        ).all()
    assert [tuple(line) for line in lines] == [
        ("admin@city.example", Action.SUBMISSIONS_OFF, "spam wave"),
        ("admin@city.example", Action.SUBMISSIONS_ON, None),
    ]
    assert "submissions_off" in admin.get("/moderate/audit").get_data(as_text=True)
    # Moderators may not turn it.
    assert moderator.get("/moderate/campaign/").status_code == 403
    token = csrf_token(moderator, "/moderate/account")
    response = moderator.post(
        "/moderate/campaign/submissions", data={"csrf_token": token, "submissions": "off"}
    )
    assert response.status_code == 403
