"""An official's invitation link: works once, for a while, only as the campaign signed it."""

import io
import re

import pytest
from itsdangerous import URLSafeTimedSerializer

from campaign.extensions import db as _db
from campaign.models import Entry, EntryKind, EntryStatus, OfficialInvitation
from campaign.officials import invitations
from campaign.officials.invitations import SALT
from tests.factories import (
    invitation_row,
    make_invitation,
    manage_token,
    send_statement,
    stored_files,
    unsaved_entry,
)


def entries(app) -> list[Entry]:
    with app.app_context():
        rows = _db.session.scalars(_db.select(Entry)).all()
        for row in rows:
            _db.session.expunge(row)
        return rows


def test_the_link_opens_a_prefilled_form_with_a_longer_statement(app, client):
    token = make_invitation(app)
    response = client.get(f"/invite/{token}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="Jukka Mäkelä"' in html
    assert 'value="Mayor of Espoo"' in html
    assert 'maxlength="1500"' in html
    assert "<bdi>Espoo</bdi>, Finland" in html  # the city as typed, isolated like on the wall
    # The URL holds the invitation: it must not leak to other sites or sit in a cache.
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]


def test_a_valid_link_makes_one_official_entry_waiting_for_moderation(app, client, uploads):
    token = make_invitation(app)
    statement = "Learning never ends in Espoo.\n" + "We open our libraries to everyone. " * 40
    response = send_statement(client, token, statement=statement)
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    manage = manage_token(response)
    [entry] = entries(app)
    assert entry.kind is EntryKind.OFFICIAL
    assert entry.title == "Mayor of Espoo"
    assert entry.city == "Espoo"
    assert entry.country_code == "FI"
    assert entry.status is EntryStatus.PENDING
    assert len(entry.statement) > 1000
    assert "\n" in entry.statement  # paragraphs are kept
    invitation = invitation_row(app, token)
    assert invitation.used_at is not None
    assert invitation.entry_id == entry.id
    # The official gets the same private share page as every learner.
    assert client.get(f"/m/{manage}").status_code == 200
    assert len(stored_files(uploads)) == len(entry.file_keys)


def test_a_used_link_is_refused_and_nothing_more_is_created(app, client, uploads):
    token = make_invitation(app)
    assert send_statement(client, token).status_code == 303
    files_before = stored_files(uploads)

    again = send_statement(client, token, statement="a second statement")
    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)
    assert client.get(f"/invite/{token}").status_code == 410
    assert len(entries(app)) == 1
    assert stored_files(uploads) == files_before


def test_an_expired_link_is_refused_and_nothing_is_created(app, client, uploads):
    token = make_invitation(app, issued_days_ago=15)  # links work for 14 days
    page = client.get(f"/invite/{token}")
    assert page.status_code == 410
    assert "expired" in page.get_data(as_text=True)
    assert send_statement(client, token).status_code == 410
    assert entries(app) == []
    assert stored_files(uploads) == []
    assert invitation_row(app, token).used_at is None


def test_a_link_still_works_on_its_last_day(app, client):
    token = make_invitation(app, issued_days_ago=13.9)
    assert client.get(f"/invite/{token}").status_code == 200


def test_a_link_expires_by_its_own_date_even_if_the_setting_grows(app, client):
    token = make_invitation(app, issued_days_ago=15)
    app.config["INVITATION_VALID_DAYS"] = 30
    assert client.get(f"/invite/{token}").status_code == 410


def change_signature(token: str) -> str:
    """The token with its signature's first character changed. (Changing the last one is
    not enough: its low bits are padding, so some changes decode to the same signature.)"""
    head, _, signature = token.rpartition(".")
    first = "A" if signature[0] != "A" else "Q"
    return f"{head}.{first}{signature[1:]}"


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(change_signature, id="signature-changed"),
        pytest.param(lambda t: t[:10] + ("x" if t[10] != "x" else "y") + t[11:], id="payload"),
        pytest.param(lambda t: t[: len(t) // 2], id="cut-short"),
        pytest.param(lambda t: "not-a-link", id="garbage"),
        pytest.param(lambda t: "A" * 300, id="very-long"),
    ],
)
def test_a_tampered_link_is_not_found_and_nothing_is_created(app, client, tamper):
    token = make_invitation(app)
    bad = tamper(token)
    page = client.get(f"/invite/{bad}")
    assert page.status_code == 404
    assert "not valid" in page.get_data(as_text=True)
    assert send_statement(client, bad).status_code == 404
    assert entries(app) == []
    assert invitation_row(app, token).used_at is None


def test_a_link_signed_with_another_key_is_not_found(app, client):
    token = make_invitation(app)
    nonce = invitation_row(app, token).nonce
    forged = URLSafeTimedSerializer("someone-elses-secret-key-long-enough", salt=SALT).dumps(
        {"n": nonce}
    )
    assert client.get(f"/invite/{forged}").status_code == 404
    assert send_statement(client, forged).status_code == 404
    assert entries(app) == []


def test_a_signed_link_for_something_else_is_not_an_invitation(app, client):
    token = make_invitation(app)
    nonce = invitation_row(app, token).nonce
    # Same key, another purpose (salt): e.g. a wall cursor must never open a form.
    other = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wall").dumps({"n": nonce})
    assert client.get(f"/invite/{other}").status_code == 404


def test_a_withdrawn_link_is_gone_and_a_renewed_one_replaces_it(app, client):
    token = make_invitation(app)
    with app.app_context():
        invitation = _db.session.get(OfficialInvitation, invitation_row(app, token).id)
        invitations.revoke(invitation)
        _db.session.commit()
    assert client.get(f"/invite/{token}").status_code == 410
    with app.app_context():
        invitation = _db.session.get(OfficialInvitation, invitation_row(app, token).id)
        invitations.renew(invitation)
        _db.session.commit()
        fresh = invitations.link_token(invitation)
    assert client.get(f"/invite/{token}").status_code == 410
    assert client.get(f"/invite/{fresh}").status_code == 200
    assert send_statement(client, fresh).status_code == 303


def test_a_pre_approved_invitation_publishes_at_once(app, client):
    token = make_invitation(app, pre_approved=True)
    response = send_statement(client, token)
    assert response.status_code == 303
    [entry] = entries(app)
    assert entry.status is EntryStatus.APPROVED
    assert entry.published_at is not None
    anonymous = app.test_client()
    page = anonymous.get(f"/e/{entry.slug}")
    assert page.status_code == 200
    assert "Verified" in page.get_data(as_text=True)


def test_pre_approval_waits_for_a_moderator_when_the_title_is_changed(app, client):
    token = make_invitation(app, pre_approved=True)
    assert send_statement(client, token, title="President of Finland").status_code == 303
    [entry] = entries(app)
    assert entry.title == "President of Finland"
    assert entry.status is EntryStatus.PENDING


def test_an_overlong_statement_is_refused_and_the_link_still_works(app, client, uploads):
    token = make_invitation(app)
    response = send_statement(client, token, statement="a" * 1501)
    assert response.status_code == 422
    assert "1500 characters" in response.get_data(as_text=True)
    assert entries(app) == []
    assert stored_files(uploads) == []
    assert client.get(f"/invite/{token}").status_code == 200


def test_a_bad_photo_is_refused_and_the_link_still_works(app, client):
    token = make_invitation(app)
    data = {
        "csrf_token": re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"',
            client.get(f"/invite/{token}").get_data(as_text=True),
        ).group(1),
        "name": "Jukka Mäkelä",
        "title": "Mayor of Espoo",
        "language": "en",
        "statement": "learning keeps a city young.",
        "consent": "y",
    }
    data["photo"] = (io.BytesIO(b"not an image at all"), "mayor.jpg", "image/jpeg")
    response = client.post(f"/invite/{token}", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert entries(app) == []
    assert client.get(f"/invite/{token}").status_code == 200


def test_of_two_workers_with_the_same_link_only_the_first_to_commit_wins(app):
    token = make_invitation(app)
    with app.app_context():
        # This worker opened the form while the link was unused...
        stale = invitations.open_invitation(token)
        with app.app_context():
            # ...and another worker (its own session and connection) sent it first.
            first = invitations.open_invitation(token)
            invitations.consume(first, _bare_entry())
            _db.session.commit()
        with pytest.raises(invitations.LinkGone) as gone:
            invitations.consume(stale, _bare_entry())
        assert gone.value.reason == "used"
        _db.session.rollback()
    assert len(entries(app)) == 1


def _bare_entry() -> Entry:
    """An official's entry added to this worker's transaction, not committed."""
    entry = unsaved_entry(kind=EntryKind.OFFICIAL, name="Jukka")
    _db.session.add(entry)
    _db.session.flush()
    return entry
