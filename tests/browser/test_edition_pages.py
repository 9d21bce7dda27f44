"""A city edition's home on a 390 px phone and a desktop: its name and logo, the join button
above the fold leading to its own join page, its people's cards; and the card one of them got,
with the city's logo and both hashtags. Screenshots of both for a person to look at."""

import pytest

from tests.browser.helpers import DESKTOP, SCREENSHOTS, card_image, screenshot
from tests.factories import logo_bytes, make_edition, submit

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def edition(live_server):
    edition_id = make_edition(
        live_server.app,
        "tampere",
        city=("Tampere", "FI"),
        names={"en": "Tampere learns"},
        hashtag="#TampereLearns",
        accent="#4FC3F7",
        logo=logo_bytes(320, 96, colour=(255, 255, 255, 255)),
    )
    client = live_server.app.test_client()
    response = submit(client, path="/c/tampere/join", name="Tuuli", city="Tampere")
    assert response.status_code == 303
    return edition_id


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["390", "desktop"])
def test_an_edition_home_shows_its_name_logo_and_people(open_page, edition, viewport):
    page = open_page("/c/tampere/", lang="en", viewport=viewport)
    assert "Tampere learns" in page.locator(".brand").inner_text()
    # On a phone the edition's name gives way so the header stays one row.
    assert page.locator(".site-header").bounding_box()["height"] < 72
    logo = page.locator("img.edition-logo")
    assert logo.evaluate("image => image.complete && image.naturalWidth > 0")
    # A logo made for the cards' dark panel is shown on that panel's colour, not on white.
    assert logo.evaluate("image => getComputedStyle(image).backgroundColor") == "rgb(13, 34, 64)"
    join = page.get_by_role("link", name="Join the campaign", exact=True).first
    assert join.get_attribute("href") == "/c/tampere/join"
    box = join.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"], box
    assert "Tuuli" in page.locator("#recent-title + ul").inner_text()
    assert "#TampereLearns" in page.locator(".hashtags").inner_text()
    screenshot(page, f"edition-home-{'390' if viewport is PHONE_390 else 'desktop'}")


def test_the_card_made_through_an_edition_carries_its_branding(live_server, edition):
    entry, card = card_image(live_server, "Tuuli")
    assert entry.edition_id == edition
    card.save(SCREENSHOTS / "edition-card-landscape.png")
    _, square = card_image(live_server, "Tuuli", "square")
    square.save(SCREENSHOTS / "edition-card-square.png")
    # The white logo at the top of the panel (right half of a split landscape card).
    panel_top = card.convert("RGB").crop((620, 20, 1180, 100))
    assert max(sum(pixel) for pixel in panel_top.get_flattened_data()) > 720
