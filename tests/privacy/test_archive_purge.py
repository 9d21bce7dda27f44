"""After the archive period, `flask privacy purge` keeps only published cards, or nothing."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import act, find_entry, join, photo_bytes
from tests.privacy.test_retention import exists, purge

END = datetime(2027, 6, 30, 22, 0, tzinfo=UTC)


@pytest.fixture
def settings():
    return {"SUBMISSIONS_OPEN_UNTIL": END, "ARCHIVE_PURGE_AFTER_DAYS": 30}


@pytest.fixture
def entries(app, client, moderator):
    """One approved and one pending entry, with the keys of their files."""
    public, _ = join(client)
    pending, _ = join(client, photo=photo_bytes(1000, 1000))
    act(moderator, find_entry(app, slug=public).id, "approve")
    return {slug: find_entry(app, slug=slug) for slug in (public, pending)}, public, pending


def test_photos_mode_keeps_published_cards_only(app, uploads, entries, client):
    stored, public, pending = entries
    # During the campaign, and during the archive period: nothing.
    assert purge(app, END - timedelta(days=1)).archive_photos == []
    report = purge(app, END + timedelta(days=29, hours=23))
    assert (report.archive_photos, report.archive_erased) == ([], [])
    assert all(exists(uploads, key) for e in stored.values() for key in e.file_keys)

    report = purge(app, END + timedelta(days=30))
    assert report.archive_photos == [public]
    assert report.archive_erased == [pending]
    kept = find_entry(app, slug=public)
    assert kept.photo_key == ""
    assert not exists(uploads, stored[public].photo_key)
    assert all(exists(uploads, key) for key in kept.card_keys.values())
    assert client.get(f"/e/{public}").status_code == 200
    assert find_entry(app, slug=pending) is None
    assert not any(exists(uploads, key) for key in stored[pending].file_keys)


def test_everything_mode_erases_every_entry(app, uploads, entries):
    app.config["ARCHIVE_PURGE"] = "everything"
    stored, public, pending = entries
    report = purge(app, END + timedelta(days=30))
    assert sorted(report.archive_erased) == sorted([public, pending])
    assert find_entry(app, slug=public) is None
    assert find_entry(app, slug=pending) is None
    assert [path for path in uploads.rglob("*") if path.is_file()] == []


def test_never_means_never(app, uploads, entries):
    app.config["ARCHIVE_PURGE_AFTER_DAYS"] = None
    stored, public, _ = entries
    report = purge(app, END + timedelta(days=3650))
    assert (report.archive_photos, report.archive_erased) == ([], [])
    assert exists(uploads, stored[public].photo_key)
