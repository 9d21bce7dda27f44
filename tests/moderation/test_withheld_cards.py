"""Cards of rejected and unpublished entries stop being served; they return under new names.

Their URLs were public (og:image, the API, the feed) and cached for a year as immutable, so
a decision to take an entry down must take its cards down too.
"""

import logging
import re

import pytest

from tests.factories import act, csrf_token, find_entry, manage_token, submit


def _files(uploads, folder: str) -> set[str]:
    return {f"{folder}/{path.name}" for path in (uploads / folder).glob("*")}


@pytest.mark.parametrize("action", ["reject", "unpublish"])
def test_cards_of_an_entry_taken_down_are_not_served_and_come_back_under_new_names(
    app, moderator, uploads, action, caplog
):
    owner = app.test_client()
    token = manage_token(submit(owner))
    entry = find_entry(app)
    act(moderator, entry.id, "approve")
    public = dict(find_entry(app).card_keys)
    visitor = app.test_client()
    assert all(visitor.get(f"/media/{key}").status_code == 200 for key in public.values())

    with caplog.at_level(logging.INFO, logger="campaign.cards.withdrawn"):
        response = act(moderator, entry.id, action, reason_choice="spam", reason_text="")
    assert response.status_code == 303
    # What a CDN purge hook reads (docs/deploying.md): one line per withdrawn public card.
    withdrawn = {
        record.getMessage()
        for record in caplog.records
        if record.name == "campaign.cards.withdrawn"
    }
    assert withdrawn == {f"card withdrawn: {key}" for key in public.values()}
    for key in public.values():
        assert visitor.get(f"/media/{key}").status_code == 404
    held = dict(find_entry(app).card_keys)
    assert set(held.values()) == _files(uploads, "held")
    assert _files(uploads, "cards") == set()
    assert all(visitor.get(f"/media/{key}").status_code == 404 for key in held.values())
    # Still there for the owner and for moderators, through the app.
    share_page = owner.get(f"/m/{token}").get_data(as_text=True)
    assert f"/m/{token}/card/landscape" in share_page
    card = owner.get(f"/m/{token}/card/landscape")
    assert (card.status_code, card.mimetype) == (200, "image/jpeg")
    assert card.headers["Cache-Control"] == "private, no-store"
    assert moderator.get(f"/moderate/entries/{entry.id}/cards/landscape").status_code == 200
    assert f"/moderate/entries/{entry.id}/cards/landscape" in moderator.get(
        f"/moderate/entries/{entry.id}"
    ).get_data(as_text=True)

    assert act(moderator, entry.id, "restore").status_code == 303
    assert act(moderator, entry.id, "approve").status_code == 303
    restored = dict(find_entry(app).card_keys)
    assert set(restored.values()) == _files(uploads, "cards")
    assert _files(uploads, "held") == set()
    assert not set(restored.values()) & set(public.values()), "new names, not the old URLs"
    assert all(visitor.get(f"/media/{key}").status_code == 200 for key in restored.values())
    assert all(visitor.get(f"/media/{key}").status_code == 404 for key in public.values())
    page = visitor.get(f"/e/{entry.slug}").get_data(as_text=True)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert og_image.endswith(restored["landscape"])


def test_erasing_a_rejected_entry_removes_its_held_cards(app, moderator, uploads):
    owner = app.test_client()
    token = manage_token(submit(owner))
    act(moderator, find_entry(app).id, "reject", reason_choice="spam", reason_text="")
    assert _files(uploads, "held")
    erase = owner.post(f"/m/{token}/erase", data={"csrf_token": csrf_token(owner, f"/m/{token}")})
    assert erase.status_code == 200
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
