"""Control and invisible formatting characters are refused by every form, before any query.

PostgreSQL refuses NUL in text, so a NUL that reached a query was a 500 there (and passed
silently on SQLite); each case here runs on both databases.
"""

import re

import pytest
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import EntryStatus, ModerationEvent, Report
from tests.factories import act, entry_state, form_token, make_entry

CONTROLS = {"NUL": "\x00", "bell": "\x07", "escape": "\x1b", "DEL": "\x7f", "C1 CSI": "\x9b"}


@pytest.mark.parametrize("character", CONTROLS.values(), ids=list(CONTROLS))
def test_sign_in_refuses_control_characters_in_the_email(app, character):
    client = app.test_client()
    token = form_token(client, "/moderate/login")
    response = client.post(
        "/moderate/login",
        data={"csrf_token": token, "email": f"mod{character}@city.example", "password": "x" * 12},
    )
    assert response.status_code == 422
    assert "This text contains control characters." in response.get_data(as_text=True)
    assert client.get("/moderate/login").status_code == 200


def _report(client, slug: str, **fields):
    token = form_token(client, f"/e/{slug}/report")
    return client.post(f"/e/{slug}/report", data={"csrf_token": token, **fields})


@pytest.mark.parametrize(
    ("note", "words"),
    [
        ("call me \x00 now", "control characters"),
        ("spam\x00", "control characters"),
        ("Call \u061c555-0100", "direction-changing"),
        ("see \u202eetis ym\u202c", "direction-changing"),
        ("hidden\U000e0041\U000e0042 text", "invisible formatting"),
    ],
)
def test_a_report_note_with_refused_characters_is_a_form_error(app, note, words):
    entry_id = make_entry(app, status=EntryStatus.APPROVED)
    response = _report(app.test_client(), entry_state(app, entry_id).slug, reason="spam", note=note)
    assert response.status_code == 422
    assert words in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Report.id))) == 0


@pytest.mark.parametrize("reason", ["nasty\x00", "Call \u061c555-0100", "x\u206ay"])
def test_a_reject_reason_with_refused_characters_changes_nothing(app, moderator, reason):
    entry_id = make_entry(app)
    response = act(moderator, entry_id, "reject", reason_choice="other", reason_text=reason)
    assert response.status_code == 303
    page = moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r"Reason in your words: This text contains (control|invisible)", page)
    assert entry_state(app, entry_id).status is EntryStatus.PENDING
    with app.app_context():
        assert db.session.scalar(select(func.count(ModerationEvent.id))) == 0


def test_a_typed_reject_reason_in_a_script_with_joiners_is_kept(app, moderator):
    entry_id = make_entry(app)
    reason = "تبلیغ\u200cهای تجاری"  # Persian, with the non-joiner it is spelled with
    assert act(moderator, entry_id, "reject", reason_choice="other", reason_text=reason)
    assert entry_state(app, entry_id).status is EntryStatus.REJECTED
    with app.app_context():
        assert db.session.scalars(select(ModerationEvent.reason)).one() == reason
