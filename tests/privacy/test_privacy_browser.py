"""The privacy notice in a browser: readable, right to left in Arabic, fits a phone."""

import pytest

from tests.browser.helpers import DESKTOP, screenshot
from tests.browser.test_layout_and_access import (
    IMAGES_WITHOUT_ALT,
    LOW_CONTRAST,
    UNNAMED_CONTROLS,
)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("lang", ["en", "ar", "zh"])
def test_the_notice_reads_well_on_a_phone_and_a_desktop(open_page, lang):
    for viewport in (PHONE, DESKTOP):
        page = open_page("/privacy", lang=lang, viewport=viewport)
        assert page.evaluate(UNNAMED_CONTROLS) == []
        assert page.evaluate(IMAGES_WITHOUT_ALT) == []
        assert page.evaluate(LOW_CONTRAST) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        heading = page.locator(".privacy-notice h2").first
        direction = heading.evaluate("el => getComputedStyle(el).direction")
        assert direction == ("rtl" if lang == "ar" else "ltr")
        screenshot(page, f"privacy-{lang}-{viewport['width']}px")
