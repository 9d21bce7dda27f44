"""flask maintenance check: what a killed process or a lost file leaves, found and fixed."""

import os
import time

from sqlalchemy import func, select

from campaign.models import Entry
from tests.factories import submit


def _check(runner, *options):
    return runner.invoke(args=["maintenance", "check", "--grace-minutes", "0", *options])


def test_clean_storage_reports_nothing(runner, client, db):
    submit(client)
    result = _check(runner)
    assert result.exit_code == 0
    assert "0 orphan file(s), 0 unfinished write(s), 0 entr(ies) missing files" in result.output


def test_orphan_files_and_unfinished_writes_are_reported_then_removed(runner, client, uploads):
    submit(client)
    (uploads / "photos" / "LeftByAKilledWorker.jpg").write_bytes(b"\xff\xd8 orphan")
    (uploads / "cards" / ".tmp-abc123").write_bytes(b"half a card")
    result = _check(runner)
    assert result.exit_code == 1
    assert "orphan file: photos/LeftByAKilledWorker.jpg" in result.output
    assert "unfinished write: cards/.tmp-abc123" in result.output
    assert _check(runner, "--fix").exit_code == 0
    assert not (uploads / "photos" / "LeftByAKilledWorker.jpg").exists()
    assert not (uploads / "cards" / ".tmp-abc123").exists()
    assert _check(runner).exit_code == 0


def test_young_files_are_left_alone_as_a_submission_may_be_in_progress(runner, uploads):
    (uploads / "photos").mkdir(parents=True, exist_ok=True)
    (uploads / "photos" / "InProgress.jpg").write_bytes(b"\xff\xd8")
    result = runner.invoke(args=["maintenance", "check", "--fix"])
    assert result.exit_code == 0
    assert (uploads / "photos" / "InProgress.jpg").exists()
    hour_ago = time.time() - 2 * 3600
    os.utime(uploads / "photos" / "InProgress.jpg", (hour_ago, hour_ago))
    assert "orphan file" in runner.invoke(args=["maintenance", "check"]).output


def test_entry_missing_a_file_is_reported_then_removed_with_its_other_files(
    runner, client, db, uploads
):
    submit(client)
    entry = db.session.scalars(select(Entry)).one()
    (uploads / entry.card_keys["story"]).unlink()
    result = _check(runner)
    assert result.exit_code == 1
    assert f"entry {entry.slug} is missing: {entry.card_keys['story']}" in result.output
    assert _check(runner, "--fix").exit_code == 0
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Entry.id))) == 0
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
