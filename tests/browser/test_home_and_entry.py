"""What a visitor sees on the home page and on someone's public entry page, on a 390 px phone
and a desktop in five languages: the join button without scrolling, the campaign's figures,
the newest cards, a mayor's verified statement; an entry page that invites the visitor."""

import pytest
import sqlalchemy as sa

from campaign.extensions import db
from campaign.models import Entry, EntryKind, public_entries
from tests.browser.helpers import DESKTOP, screenshot
from tests.factories import submit
from tests.i18n.catalogues import translate

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
LANGS = ("en", "fr", "es", "ar", "zh")


@pytest.fixture(scope="module")
def people(live_server):
    client = live_server.app.test_client()
    for name, city, country in (
        ("Ilona", "Espoo", "FI"),
        ("Kenji", "Osaka", "JP"),
        ("Mayor Maria", "Lisbon", "PT"),
    ):
        assert submit(client, name=name, city=city, country=country).status_code == 303
    # A verified statement as an official's invitation leaves it (that flow is tested in
    # tests/officials); here only what the home page shows of it matters.
    with live_server.app.app_context():
        db.session.execute(
            sa.update(Entry)
            .where(Entry.name == "Mayor Maria")
            .values(kind=EntryKind.OFFICIAL, title="Mayor of Lisbon")
        )
        db.session.commit()
    return live_server.entry(name="Ilona")


def _joined(live_server) -> str:
    """How many people joined, as the pages write the number (Latin digits in all five)."""
    with live_server.app.app_context():
        return str(db.session.scalar(public_entries(sa.func.count(Entry.id))))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["390", "desktop"])
def test_home_shows_the_campaign_with_the_join_button_above_the_fold(
    open_page, live_server, people, lang, viewport
):
    page = open_page("/", lang=lang, viewport=viewport)
    join = page.get_by_role("link", name=translate(lang, "Join the campaign"), exact=True)
    box = join.first.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"], box
    figures = page.locator(".home-counters").inner_text()
    assert _joined(live_server) in figures, figures
    recent = page.locator("#recent-title + ul").inner_text()
    assert "Ilona" in recent
    assert "Mayor Maria" not in recent
    mayors = page.locator("#officials-title + ul").inner_text()
    assert "Mayor Maria" in mayors
    assert translate(lang, "Verified") in mayors
    label = "390" if viewport is PHONE_390 else "desktop"
    screenshot(page, f"home-{lang}-{label}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["390", "desktop"])
def test_entry_page_invites_the_visitor(open_page, live_server, people, lang, viewport):
    page = open_page(f"/e/{people.slug}", lang=lang, viewport=viewport)
    assert page.locator("h1").count() == 1
    assert "Ilona" in page.locator("h1").inner_text()
    first_link = page.locator("main a.button").first
    assert first_link.inner_text().strip() == translate(lang, "Join the campaign too")
    box = first_link.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"]
    # The invitation sits above the entry's title and says how many have joined.
    assert box["y"] < page.locator("h1").bounding_box()["y"]
    # Joining is the one filled button; sharing this person's card comes later, outlined.
    filled = page.locator("main .button-primary:visible, main .network:visible")
    assert filled.all_inner_texts() == [translate(lang, "Join the campaign too")]
    assert page.locator("main a.share-linkedin svg").is_visible()
    invitation = page.locator(".entry-join").inner_text()
    assert translate(lang, "Back to your share page") not in page.content()
    assert _joined(live_server) in invitation, invitation
    label = "390" if viewport is PHONE_390 else "desktop"
    screenshot(page, f"entry-{lang}-{label}")
