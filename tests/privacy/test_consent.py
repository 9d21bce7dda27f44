"""Consent records: the wording accepted, when, in which language; new wording, new version."""

from datetime import timedelta

from sqlalchemy import func, select

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import ConsentVersion
from tests.factories import find_entry, join, photo_bytes


def _versions(app) -> list[ConsentVersion]:
    with app.app_context():
        rows = db.session.scalars(select(ConsentVersion)).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def test_joining_records_the_consent_version_time_and_language(app, client):
    client.set_cookie("lang", "fr", domain="campaign.test")
    before = utcnow()
    slug, _ = join(client)
    stored = find_entry(app, slug=slug)
    (version,) = _versions(app)
    assert stored.consent_version == version.version
    assert stored.consent_language == "fr" == version.language
    assert before - timedelta(seconds=1) <= stored.consent_at <= utcnow()
    # The version's text is what the French page said, stored once.
    assert "J’accepte" in version.consent_text or "J'accepte" in version.consent_text
    assert "16" in version.consent_text
    assert "Qui est responsable" in version.notice_html


def test_the_same_wording_is_stored_once(app, client):
    first, _ = join(client)
    second, _ = join(client, photo=photo_bytes(1000, 1000))
    assert (
        find_entry(app, slug=first).consent_version == find_entry(app, slug=second).consent_version
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConsentVersion)) == 1


def test_changing_the_notice_bumps_the_version(app, client, tmp_path):
    before, _ = join(client)
    folder = tmp_path / "notices"
    folder.mkdir()
    (folder / "en.html").write_text("<p>Our own notice, kept $report_days days.</p>", "utf-8")
    app.config["PRIVACY_NOTICE_DIR"] = str(folder)
    after, _ = join(client, photo=photo_bytes(1000, 1000))
    old, new = (
        find_entry(app, slug=before).consent_version,
        find_entry(app, slug=after).consent_version,
    )
    assert old != new
    texts = {version.version: version.notice_html for version in _versions(app)}
    assert texts[new] == "<p>Our own notice, kept 90 days.</p>"
    assert "Who is responsible" in texts[old]


def test_changing_a_retention_period_or_the_age_bumps_the_version(app, client):
    first, _ = join(client)
    app.config["RETENTION_REPORT_DAYS"] = 30
    second, _ = join(client, photo=photo_bytes(1000, 1000))
    app.config["AGE_THRESHOLD"] = 18
    third, _ = join(client, photo=photo_bytes(1100, 1000))
    versions = {find_entry(app, slug=slug).consent_version for slug in (first, second, third)}
    assert len(versions) == 3


def test_the_page_language_gives_its_own_version(app, client):
    english, _ = join(client)
    client.set_cookie("lang", "zh", domain="campaign.test")
    chinese, _ = join(client, photo=photo_bytes(1000, 1000))
    assert (
        find_entry(app, slug=english).consent_version
        != find_entry(app, slug=chinese).consent_version
    )
    assert find_entry(app, slug=chinese).consent_language == "zh"


def test_moderators_see_the_consent_record(app, client, moderator):
    slug, _ = join(client)
    stored = find_entry(app, slug=slug)
    page = moderator.get(f"/moderate/entries/{stored.id}").get_data(as_text=True)
    assert f"<code>{stored.consent_version}</code>" in page
    assert "on a page in en" in page
