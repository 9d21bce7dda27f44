"""The review queue: what it shows, in which order, its counts, filters and pages."""

import re
from datetime import timedelta

import pytest

from campaign.dbtypes import utcnow
from campaign.models import EntryFlag, EntryStatus, FlagKind
from tests.factories import entry_state, make_entries, make_entry, submit


def _rows(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'id="row-(\d+)"', html)]


def test_the_queue_lists_pending_entries_oldest_first_with_what_a_moderator_needs(app, moderator):
    newer = make_entry(
        app,
        created_at=utcnow() - timedelta(minutes=1),
        name="Li",
        city="Wuhan",
        language="zh",
        statement="学无止境。",
    )
    older = make_entry(
        app,
        created_at=utcnow() - timedelta(hours=2),
        name="Ana",
        city="Sevilla",
        language="es",
        statement="aprender me hace libre.",
    )
    make_entry(app, status=EntryStatus.APPROVED)
    html = moderator.get("/moderate").get_data(as_text=True)
    assert _rows(html) == [older, newer]
    for text in ("Ana", "Sevilla", "aprender me hace libre.", "学无止境。", 'lang="zh"'):
        assert text in html
    assert f"/moderate/entries/{older}/photo" in html  # the photo itself
    assert "/media/cards/" in html  # and the card
    assert re.search(r"Pending <span class=\"count\">2</span>", html)
    assert re.search(r"Approved <span class=\"count\">1</span>", html)


def test_the_photo_is_shown_to_moderators_only(app, moderator):
    submit(app.test_client())
    html = moderator.get("/moderate").get_data(as_text=True)
    photo_url = re.search(r'src="(/moderate/entries/\d+/photo)"', html).group(1)
    response = moderator.get(photo_url)
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert response.data[:2] == b"\xff\xd8"
    assert "no-store" in response.headers["Cache-Control"]
    assert app.test_client().get(photo_url).status_code == 302


def test_an_entry_whose_files_are_lost_still_shows_and_its_images_are_404(app, moderator, uploads):
    """Files lost from storage (a restore without them; `flask maintenance check` names such
    entries): the moderator can still read and decide on the entry."""
    submit(app.test_client())
    html = moderator.get("/moderate").get_data(as_text=True)
    entry_id = int(re.search(r'id="row-(\d+)"', html).group(1))
    fmt = next(iter(entry_state(app, entry_id).card_keys))
    card_url = f"/moderate/entries/{entry_id}/cards/{fmt}"
    assert moderator.get(card_url).status_code == 200
    for path in uploads.rglob("*"):
        if path.is_file():
            path.unlink()
    assert moderator.get(f"/moderate/entries/{entry_id}/photo").status_code == 404
    assert moderator.get(card_url).status_code == 404
    assert moderator.get(f"/moderate/entries/{entry_id}").status_code == 200
    assert moderator.get("/moderate").status_code == 200


def test_filters_by_status_language_city_and_flag(app, moderator):
    fr = make_entry(app, language="fr", city="Lyon")
    en = make_entry(app, language="en", city="Cork")
    flagged = make_entry(app, language="en", city="cork")
    rejected = make_entry(app, status=EntryStatus.REJECTED)
    with app.app_context():
        from campaign.extensions import db

        db.session.add(EntryFlag(entry_id=flagged, kind=FlagKind.BLOCKLIST, detail="Blocklist: x"))
        db.session.commit()

    def shown(query: str) -> set[int]:
        return set(_rows(moderator.get("/moderate" + query).get_data(as_text=True)))

    assert shown("") == {fr, en, flagged}
    assert shown("?language=fr") == {fr}
    assert shown("?city=CORK") == {en, flagged}
    assert shown("?flag=blocklist") == {flagged}
    assert shown("?flag=flagged") == {flagged}
    assert shown("?flag=clean") == {fr, en}
    assert shown("?status=rejected") == {rejected}
    assert shown("?status=all") == {fr, en, flagged, rejected}
    assert shown("?status=bogus&flag=bogus") == {fr, en, flagged}


def test_pages_follow_on_without_gaps_or_repeats(app, moderator):
    ids = make_entries(app, 45)
    seen, url = [], "/moderate"
    while url:
        html = moderator.get(url).get_data(as_text=True)
        seen.extend(_rows(html))
        found = re.search(r'rel="next" href="([^"]+)"', html)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert seen == ids
    assert len(_rows(moderator.get("/moderate").get_data(as_text=True))) == 20


@pytest.mark.parametrize("settings", [{"MODERATION_PAGE_SIZE": 3}])
def test_page_size_is_configurable_and_the_bulk_form_covers_the_page(app, moderator):
    make_entries(app, 5)
    html = moderator.get("/moderate").get_data(as_text=True)
    assert len(_rows(html)) == 3
    assert len(re.findall(r'name="page_ids"', html)) == 3
    assert "all 3 on this page" in html


def test_an_empty_queue_says_so(moderator):
    assert "The queue is clear." in moderator.get("/moderate").get_data(as_text=True)


def test_every_action_form_carries_the_version_and_the_csrf_token(app, moderator):
    make_entries(app, 3)
    html = moderator.get("/moderate").get_data(as_text=True)
    forms = re.findall(
        r'<form method="post" action="/moderate/entries/\d+/act".*?</form>', html, re.S
    )
    assert len(forms) == 3
    for form in forms:
        assert 'name="csrf_token"' in form
        assert 'name="version" value="1"' in form
        assert 'value="approve"' in form
        assert 'value="reject"' in form
    # Page works without JavaScript: the script is an external file, no inline handlers.
    assert "/static/js/moderation.js" in html
    assert "onclick" not in html
    assert "<script>" not in html
