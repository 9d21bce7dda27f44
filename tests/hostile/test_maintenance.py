"""flask maintenance check: what a killed process or a lost file leaves, found and fixed."""

import os
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from campaign.models import Entry
from campaign.sharing.oauth.linkedin import API_VERSION, version_age_months, version_warning
from tests.factories import logo_bytes, make_edition, submit


def _check(runner, *options):
    return runner.invoke(args=["maintenance", "check", "--grace-minutes", "0", *options])


def test_clean_storage_reports_nothing(runner, client, db):
    submit(client)
    result = _check(runner)
    assert result.exit_code == 0
    assert "0 orphan file(s), 0 unfinished write(s), 0 entr(ies) missing files" in result.output


def test_an_edition_logo_is_no_orphan_and_survives_a_fix(app, runner, client, uploads):
    make_edition(app, logo=logo_bytes())
    submit(client, path="/c/espoo/join")
    (logo,) = (uploads / "logos").iterdir()
    assert _check(runner, "--fix").exit_code == 0
    assert logo.exists()
    result = _check(runner)
    assert "0 orphan file(s)" in result.output


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


THIS_MONTH = date.today().strftime("%Y%m")


@pytest.mark.parametrize(
    ("version", "warned"),
    [("202510", True), (THIS_MONTH, False), ("2026-11", True)],
)
def test_the_check_warns_when_the_linkedin_version_is_nearly_sunset(
    app, runner, db, version, warned
):
    app.config.update(LINKEDIN_CLIENT_ID="li-client", LINKEDIN_API_VERSION=version)
    result = runner.invoke(args=["maintenance", "check", "--grace-minutes", "0"])
    assert result.exit_code == 0, "a warning does not fail the check"
    assert ("warning: LINKEDIN_API_VERSION" in result.output) is warned, result.output


def test_linkedin_versions_are_old_from_eleven_months():
    today = date(2026, 12, 2)
    assert version_age_months("202512", today) == 12
    assert version_warning("202601", today) is not None  # 11 months
    assert version_warning("202602", today) is None  # 10 months
    assert version_warning(API_VERSION, today) is None
