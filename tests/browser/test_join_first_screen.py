"""The join page's first screen, at 390 px and on a desktop, in English, Arabic and Chinese:
the photo (the first step) is the obvious action above the fold, and every label, hint and
button reads in the page's language. Screenshots for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, SCREENSHOTS, screenshot

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
# Names that stay as they are in every language: formats, units, the hashtag.
UNTRANSLATED = re.compile(r"JPEG|PNG|WebP|HEIC|MB|#\w+|ImALifelongLearner|Learning Cities")


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["390px", "desktop"])
@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_photo_is_the_first_screens_action_in_the_pages_language(open_page, lang, viewport):
    page = open_page("/join", lang=lang, viewport=viewport)
    take = page.locator("[data-action='camera-open']")
    expect(take).to_be_visible()
    for action in (take, page.locator("[data-action='file-choose']")):
        box = action.bounding_box()
        assert box["y"] + box["height"] <= viewport["height"], "below the first screen"
    assert "button-primary" in take.get_attribute("class")
    buttons = page.locator("[data-photo-actions]").bounding_box()
    design = page.locator("[data-design-picker]").bounding_box()
    # No empty line is kept for a photo status before there is one.
    assert design["y"] - (buttons["y"] + buttons["height"]) < 32, "a gap above the designs"
    size = f"{viewport['width']}px"
    page.screenshot(path=str(SCREENSHOTS / f"join-first-screen-{lang}-{size}.png"))
    screenshot(page, f"join-whole-{lang}-{size}")
    if lang == "en":
        return
    texts = page.locator(
        ".join label:visible, .join legend:visible, .join .hint:visible, .join button:visible, "
        ".join h1, .join h2:visible, .join option"
    ).all_inner_texts()
    english = [text for text in texts if re.search(r"[A-Za-z]{3,}", UNTRANSLATED.sub("", text))]
    # The language select names each language in itself (English, Français…), by design.
    english = [text for text in english if text.strip() not in {"English", "Français", "Español"}]
    assert not english, english
