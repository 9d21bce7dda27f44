"""Visitors report approved entries from their page; moderators see the reports in the queue."""

import re

import pytest
from sqlalchemy import select

from campaign.extensions import db
from campaign.models import EntryStatus, Report
from tests.factories import act, entry_state, make_entry


def _report(client, slug: str, **fields):
    html = client.get(f"/e/{slug}/report").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return client.post(f"/e/{slug}/report", data={"csrf_token": token, **fields})


def _slug(app, entry_id: int) -> str:
    return entry_state(app, entry_id).slug


def test_an_approved_entry_page_links_to_the_report_form(app):
    slug = _slug(app, make_entry(app, status=EntryStatus.APPROVED))
    page = app.test_client().get(f"/e/{slug}").get_data(as_text=True)
    assert f'href="/e/{slug}/report"' in page
    form = app.test_client().get(f"/e/{slug}/report")
    assert form.status_code == 200
    assert "What is wrong with this entry?" in form.get_data(as_text=True)


def test_a_visitor_reports_an_entry_and_moderators_see_it_in_the_queue(app, moderator):
    entry_id = make_entry(app, status=EntryStatus.APPROVED)
    visitor = app.test_client()
    response = _report(visitor, _slug(app, entry_id), reason="offensive", note="a slur in it")
    assert response.status_code == 200
    assert "Thank you" in response.get_data(as_text=True)

    queue_page = moderator.get("/moderate").get_data(as_text=True)
    assert "1 entry has open reports from visitors" in queue_page
    assert "/moderate?status=all&amp;flag=reported" in queue_page
    html = moderator.get("/moderate?status=approved&flag=reported").get_data(as_text=True)
    assert f'id="row-{entry_id}"' in html
    assert "Reported: It is offensive or hateful — “<bdi>a slur in it</bdi>”" in html
    assert "reported by visitors (1)" in html
    # The entry stays public until a moderator decides.
    assert entry_state(app, entry_id).status is EntryStatus.APPROVED


def test_unpublishing_or_dismissing_deals_with_the_reports(app, moderator):
    kept, removed = (make_entry(app, status=EntryStatus.APPROVED) for _ in range(2))
    for entry_id in (kept, removed):
        _report(app.test_client(), _slug(app, entry_id), reason="spam")
    act(moderator, kept, "dismiss_reports")
    act(moderator, removed, "unpublish")
    assert app.test_client().get(f"/e/{_slug(app, removed)}").status_code == 404
    assert app.test_client().get(f"/e/{_slug(app, kept)}").status_code == 200
    html = moderator.get("/moderate?status=all&flag=reported").get_data(as_text=True)
    assert 'class="mod-item' not in html
    with app.app_context():
        reports = db.session.scalars(select(Report)).all()
        assert all(report.resolved_at is not None for report in reports)


@pytest.mark.parametrize("status", [EntryStatus.PENDING, EntryStatus.REJECTED])
def test_entries_that_are_not_public_cannot_be_reported(app, status):
    slug = _slug(app, make_entry(app, status=status))
    client = app.test_client()
    assert client.get(f"/e/{slug}/report").status_code == 404
    assert client.post(f"/e/{slug}/report", data={"reason": "spam"}).status_code in (400, 404)
    assert client.get("/e/no-such-slug/report").status_code == 404


def test_a_report_needs_a_reason_and_its_csrf_token(app):
    entry_id = make_entry(app, status=EntryStatus.APPROVED)
    slug = _slug(app, entry_id)
    client = app.test_client()
    assert client.post(f"/e/{slug}/report", data={"reason": "spam"}).status_code == 400
    response = _report(client, slug, reason="", note="x" * 600)
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalars(select(Report)).all() == []


def test_the_same_visitor_reporting_twice_counts_once(app):
    entry_id = make_entry(app, status=EntryStatus.APPROVED)
    client = app.test_client()
    for _ in range(2):
        assert _report(client, _slug(app, entry_id), reason="spam").status_code == 200
    with app.app_context():
        assert len(db.session.scalars(select(Report)).all()) == 1


@pytest.mark.parametrize(
    "settings", [{"RATELIMIT_ENABLED": True, "REPORT_RATE_LIMIT": "2 per hour"}]
)
def test_reports_are_rate_limited(app):
    ids = [make_entry(app, status=EntryStatus.APPROVED) for _ in range(3)]
    client = app.test_client()
    codes = [_report(client, _slug(app, entry_id), reason="spam").status_code for entry_id in ids]
    assert codes == [200, 200, 429]
