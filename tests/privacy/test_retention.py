"""Each retention rule of `flask privacy purge`, with the clock moved past its limit."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from campaign.extensions import db
from campaign.models import Entry, EntryStatus, ModerationEvent, Report, ReportReason
from campaign.privacy import retention
from campaign.unit_of_work import unit_of_work
from tests.factories import act, backdate, csrf_token, find_entry, join, photo_bytes

T0 = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)


def purge(app, now: datetime) -> retention.PurgeReport:
    with app.app_context(), unit_of_work() as files:
        return retention.purge(now, files, dry_run=False)


def exists(uploads, key: str) -> bool:
    return bool(key) and (uploads / key).is_file()


@pytest.fixture
def settings():
    return {
        "RETENTION_REJECTED_PHOTO_DAYS": 30,
        "RETENTION_REPORT_DAYS": 90,
        "RETENTION_IP_HASH_DAYS": 7,
    }


def test_photo_of_a_rejected_entry_goes_after_the_days_the_cards_stay(
    app, client, moderator, uploads
):
    rejected, token = join(client)
    kept, _ = join(client, photo=photo_bytes(1000, 1000))
    assert (
        act(
            moderator, find_entry(app, slug=rejected).id, "reject", reason_choice="off_topic"
        ).status_code
        == 303
    )
    assert act(moderator, find_entry(app, slug=kept).id, "approve").status_code == 303
    backdate(app, rejected, created_at=T0, updated_at=T0)
    backdate(app, kept, created_at=T0, updated_at=T0)
    photo_key = find_entry(app, slug=rejected).photo_key

    assert purge(app, T0 + timedelta(days=29, hours=23)).rejected_photos == []
    assert exists(uploads, photo_key)

    assert purge(app, T0 + timedelta(days=30)).rejected_photos == [rejected]
    after = find_entry(app, slug=rejected)
    assert not exists(uploads, photo_key)
    assert after.photo_key == ""
    assert after.status is EntryStatus.REJECTED
    assert all(exists(uploads, key) for key in after.card_keys.values())
    assert exists(uploads, find_entry(app, slug=kept).photo_key), (
        "an approved entry keeps its photo"
    )
    # The owner's page and the moderators' page still work, and say what happened.
    assert client.get(f"/m/{token}").status_code == 200
    page = moderator.get(f"/moderate/entries/{after.id}").get_data(as_text=True)
    assert "deleted by the retention policy" in page
    assert moderator.get(f"/moderate/entries/{after.id}/photo").status_code == 404
    queue = moderator.get("/moderate?status=rejected").get_data(as_text=True)
    assert "Photo deleted (retention)" in queue
    assert f"/moderate/entries/{after.id}/photo" not in queue
    # The statement can no longer be edited: the cards could not be made again.
    csrf = csrf_token(client, f"/m/{token}/erase")
    edit = client.post(f"/m/{token}/statement", data={"csrf_token": csrf, "statement": "new."})
    assert edit.status_code == 303
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert "Your photo is no longer kept" in page
    assert find_entry(app, slug=rejected).statement == after.statement
    # Nothing left to do the next hour.
    assert purge(app, T0 + timedelta(days=31)).rejected_photos == []


def test_reports_go_after_the_days(app, client):
    slug, _ = join(client)
    with app.app_context():
        entry_id = db.session.scalar(select(Entry.id).where(Entry.slug == slug))
        for days_ago in (0, 89, 90, 200):
            db.session.add(
                Report(
                    entry_id=entry_id,
                    reason=ReportReason.OTHER,
                    note=f"{days_ago} days",
                    reporter_hash=f"hash-{days_ago}",
                    created_at=T0 - timedelta(days=days_ago),
                )
            )
        db.session.commit()
    assert purge(app, T0).reports == 2
    with app.app_context():
        left = sorted(db.session.scalars(select(Report.note)))
    assert left == ["0 days", "89 days"]


def test_network_hashes_go_after_the_days_without_touching_the_entry(app, client):
    slug, _ = join(client)
    backdate(app, slug, created_at=T0, updated_at=T0)
    before = find_entry(app, slug=slug)
    assert before.ip_hash
    assert purge(app, T0 + timedelta(days=6, hours=23)).ip_hashes == 0
    assert find_entry(app, slug=slug).ip_hash == before.ip_hash
    assert purge(app, T0 + timedelta(days=7)).ip_hashes == 1
    after = find_entry(app, slug=slug)
    assert after.ip_hash is None
    # A moderator's open page of this entry is not made stale by the purge.
    assert (after.version, after.updated_at) == (before.version, before.updated_at)


def test_approval_notice_addresses_left_after_sending_or_rejection_go(app, client):
    waiting, _ = join(client)
    sent, _ = join(client, photo=photo_bytes(1000, 1000))
    rejected, _ = join(client, photo=photo_bytes(900, 900))
    backdate(app, waiting, notify_email="a@example.org", notify_token="t")
    backdate(app, sent, notify_email="b@example.org", notify_token="t", notified_at=T0)
    backdate(app, rejected, notify_email="c@example.org", status=EntryStatus.REJECTED)
    with app.app_context(), unit_of_work():
        assert retention.purge(T0, None, dry_run=True).notice_emails == 2
    assert find_entry(app, slug=sent).notify_email == "b@example.org", "a dry run changes nothing"

    report = purge(app, T0)
    assert report.notice_emails == 2
    assert "2 approval-notice e-mail(s) of notices sent or refused" in report.lines()
    assert (
        find_entry(app, slug=waiting).notify_email,
        find_entry(app, slug=waiting).notify_token,
    ) == (
        "a@example.org",
        "t",
    )
    for slug in (sent, rejected):
        assert (
            find_entry(app, slug=slug).notify_email,
            find_entry(app, slug=slug).notify_token,
        ) == (None, None)
    assert find_entry(app, slug=sent).notified_at == T0
    assert purge(app, T0).notice_emails == 0


def test_erasing_an_entry_keeps_who_did_what_but_not_what_was_typed_about_the_person(
    app, client, moderator, uploads
):
    slug, token = join(client)
    entry_id = find_entry(app, slug=slug).id
    act(moderator, entry_id, "reject", reason_text="This is Aino Virtanen's neighbour")
    act(moderator, entry_id, "restore")
    act(moderator, entry_id, "reject", reason_choice="spam")
    keys = find_entry(app, slug=slug).file_keys
    page = client.get(f"/m/{token}/erase")
    csrf = page.get_data(as_text=True).split('name="csrf_token" type="hidden" value="')[1]
    assert (
        client.post(f"/m/{token}/erase", data={"csrf_token": csrf[: csrf.index('"')]}).status_code
        == 200
    )
    assert find_entry(app, slug=slug) is None
    assert not any(exists(uploads, key) for key in keys)
    with app.app_context():
        events = db.session.scalars(
            select(ModerationEvent)
            .where(ModerationEvent.entry_id == entry_id)
            .order_by(ModerationEvent.id)
        ).all()
        lines = [(event.actor_email, event.action.value, event.reason) for event in events]
    assert lines == [
        ("mod@city.example", "reject", retention.ERASED),
        ("mod@city.example", "restore", None),
        ("mod@city.example", "reject", "Spam or advertising"),
    ]


def test_dry_run_says_what_and_changes_nothing(
    app, client, runner, moderator, uploads, monkeypatch
):
    slug, _ = join(client)
    act(moderator, find_entry(app, slug=slug).id, "reject", reason_choice="spam")
    backdate(app, slug, created_at=T0, updated_at=T0)
    before = find_entry(app, slug=slug)
    monkeypatch.setattr("campaign.privacy.cli.utcnow", lambda: T0 + timedelta(days=60))
    result = runner.invoke(args=["privacy", "purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would delete: 1 photo(s) of rejected entries" in result.output
    assert "would delete: 1 network-address hash(es)" in result.output
    assert f"photo of rejected entry {slug}" in result.output
    after = find_entry(app, slug=slug)
    assert (after.photo_key, after.ip_hash) == (before.photo_key, before.ip_hash)
    assert exists(uploads, before.photo_key)

    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "deleted: 1 photo(s) of rejected entries" in result.output
    assert not exists(uploads, before.photo_key)
    assert find_entry(app, slug=slug).ip_hash is None
