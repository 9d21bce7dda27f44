"""The share moment's pages as a person sees them, at 390 px and desktop, in the five
languages: join, share, the public entry page (as a visitor) and the home page. Screenshots
land in test-artifacts/screenshots/ (moment-<lang>-<page>-<width>.png) for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, fill_join_form, screenshot, uneven_headings
from tests.browser.test_share_page import LANGS, STATEMENTS
from tests.factories import photo_bytes

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}

# A download's name and its size ("Publication — 1200×630") read as one line of text: the
# size ends the name's first line, or starts its next line where the name starts; not a
# column of its own beside a name wrapped on two lines.
SIZES_READ_WITH_THEIR_LABEL = """() => [...document.querySelectorAll('.tile-name')].every(name => {
  const size = name.querySelector('[dir=ltr]');
  if (!size) return true;
  const walker = document.createTreeWalker(name, NodeFilter.SHOW_TEXT);
  let text = walker.nextNode();
  while (text && (!text.textContent.trim() || size.contains(text))) text = walker.nextNode();
  const range = document.createRange();
  range.selectNodeContents(text);
  const first = range.getClientRects()[0], box = size.getBoundingClientRect();
  const rtl = getComputedStyle(name).direction === 'rtl';
  const sameLine = Math.abs(box.top - first.top) < 2;
  const startsLine = rtl
    ? Math.abs(box.right - first.right) < 2
    : Math.abs(box.left - first.left) < 2;
  return sameLine || startsLine;
})"""


@pytest.mark.parametrize("lang", LANGS)
def test_join_share_entry_and_home_pages_at_390_px_and_desktop(open_page, tmp_path, lang):
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    page = open_page("/join", lang=lang, viewport=PHONE_390, accept_language=lang)
    screenshot(page, f"moment-{lang}-join-390")
    assert not uneven_headings(page)
    page.set_input_files('input[name="photo"]', str(photo))
    name = f"Screens {lang.upper()}"
    fill_join_form(page, name=name, statement=STATEMENTS[lang], language=lang)
    page.locator("[data-submit]").click()
    page.wait_for_url("**/m/*")
    screenshot(page, f"moment-{lang}-share-390")
    assert not uneven_headings(page)
    # The private link's QR code and the named downloads are on the share page.
    expect(page.locator(".qr-code svg")).to_be_visible()
    expect(page.locator(".downloads a")).to_have_count(3)
    assert page.evaluate(SIZES_READ_WITH_THEIR_LABEL), "a card's size stands apart from its name"
    share_url = page.url
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"moment-{lang}-share-desktop")

    entry_href = page.locator('a[href*="/e/"]').first.get_attribute("href")
    slug = re.search(r"/e/([\w-]+)", entry_href).group(1)
    visitor = open_page(f"/e/{slug}", lang=lang, viewport=PHONE_390, accept_language=lang)
    expect(visitor.locator("h1")).to_have_count(1)
    join = visitor.locator(".entry-join a")
    expect(join).to_be_visible()
    assert join.bounding_box()["y"] < visitor.locator("h1").bounding_box()["y"], "join first"
    screenshot(visitor, f"moment-{lang}-entry-390")
    assert not uneven_headings(visitor)
    visitor.set_viewport_size(DESKTOP)
    screenshot(visitor, f"moment-{lang}-entry-desktop")

    home = open_page("/", lang=lang, viewport=PHONE_390, accept_language=lang)
    screenshot(home, f"moment-{lang}-home-390")
    # The campaign's question on two even lines, not "Are / you?".
    assert not uneven_headings(home)
    home.set_viewport_size(DESKTOP)
    screenshot(home, f"moment-{lang}-home-desktop")
    assert share_url.startswith(home.url.rstrip("/"))
