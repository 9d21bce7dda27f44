"""Right-to-left layout, the share page's buttons, and what every visitor needs: labels, focus,
contrast, alt text and a page that fits a 320 px phone."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from campaign.languages import LANGUAGES
from tests.browser.helpers import DESKTOP, PHONE, fill_join_form, screenshot
from tests.factories import photo_bytes
from tests.i18n.catalogues import translate

pytestmark = pytest.mark.browser

# Every control named, every image described, computed in the page.
UNNAMED_CONTROLS = """() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]), select, textarea, button, a[href], [tabindex="0"]'))
  .filter(el => el.getClientRects().length || el.type === 'file')
  .filter(el => {
    const labelled = (el.labels && el.labels.length) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby');
    const text = (el.textContent || el.value || '').trim();
    return !labelled && !(['BUTTON', 'A'].includes(el.tagName) && text);
  })
  .map(el => el.outerHTML.slice(0, 120))"""
IMAGES_WITHOUT_ALT = """() => Array.from(document.images)
  .filter(img => !img.hasAttribute('alt')).map(img => img.outerHTML.slice(0, 120))"""
# WCAG 2 contrast of each visible text against the first opaque background behind it.
LOW_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const problems = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || el.closest('[data-card], .visually-hidden')) {
      continue;
    }
    const style = getComputedStyle(el);
    const fg = rgb(style.color), bg = background(el);
    const [a, b] = [lum(fg.slice(0, 3)), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const large = parseFloat(style.fontSize) >= 24
      || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      problems.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
  }
  return problems;
}"""


def join_as(page, tmp_path, name, language="en"):
    photo = tmp_path / f"{name}.jpg"
    photo.write_bytes(photo_bytes())
    page.goto("/join")
    page.set_input_files('input[name="photo"]', str(photo))
    fill_join_form(page, name=name, statement="learning keeps me curious.", language=language)
    page.locator("[data-submit]").click()
    page.wait_for_url("**/m/*")


def test_an_arabic_page_lays_out_right_to_left(open_page, tmp_path):
    page = open_page("/join", lang="ar", viewport=DESKTOP)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    def box(selector):
        return page.locator(selector).first.bounding_box()

    # The brand sits on the right, the navigation and language switcher on the left.
    assert box(".brand")["x"] > box(".site-header nav")["x"]
    assert box(".brand")["x"] > box(".lang-switch")["x"]
    # Labels and fields start at the right edge; a checkbox is right of its label.
    label, field = box('label[for="name"]'), box('input[name="name"]')
    assert label["x"] + label["width"] == pytest.approx(field["x"] + field["width"], abs=2)
    assert box('input[name="consent"]')["x"] > box('label[for="consent"]')["x"]
    # The city comes first, on the right, in the city/country row.
    assert box('input[name="city"]')["x"] > box('select[name="country"]')["x"]

    # The card preview of an Arabic statement puts the photo on the right, like the card.
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    page.set_input_files('input[name="photo"]', str(photo))
    page.locator('select[name="language"]').select_option("ar")
    page.locator('textarea[name="statement"]').fill("كل يوم يعلمني شيئًا جديدًا.")
    page.locator('[data-show-format="landscape"]').click()
    figure = page.locator("[data-preview-card]")
    expect(figure).to_have_attribute("data-language", "ar")
    expect(figure).to_have_attribute("data-format", "landscape")
    card, framing = box("[data-preview-canvas]"), box("[data-preview-card] [data-framing]")
    assert framing["x"] > card["x"] + card["width"] / 3
    screenshot(page, "rtl-join-ar-desktop")

    # The form's own copy is in Arabic.
    expect(page.locator("h1")).to_have_text(translate("ar", "Join the campaign"))
    expect(page.locator("[data-hashtag]")).to_have_text(LANGUAGES["ar"].hashtag)


def test_the_share_page_buttons_carry_the_right_urls(open_page, live_server, tmp_path):
    page = open_page("/", viewport=DESKTOP)
    join_as(page, tmp_path, "Sharer", language="fr")
    entry = live_server.entry(name="Sharer")
    public_url = f"{live_server.url}/e/{entry.slug}"
    screenshot(page, "share-page-desktop")

    links = {}
    for network, host in (
        ("linkedin", "www.linkedin.com"),
        ("x", "twitter.com"),
        ("facebook", "www.facebook.com"),
    ):
        link = page.locator(f".share-links a.share-{network}")
        expect(link).to_have_count(1)
        href = link.get_attribute("href")
        parts = urlsplit(href)
        assert parts.scheme == "https"
        assert parts.hostname in (host, "x.com")
        links[network] = dict(parse_qsl(parts.query))
        assert any(value.startswith(public_url) for value in links[network].values()), href
    # The post carries the hashtag of the statement's language.
    hashtag = LANGUAGES["fr"].hashtag_for_posting
    x_post = links["x"]["text"] + " #" + links["x"].get("hashtags", "")
    assert hashtag in x_post

    # The public page behind the shared link shows the entry, and the download works.
    response = page.request.get(public_url)
    assert response.ok
    assert entry.statement in response.text()
    download = page.locator(".downloads a[download]").first
    card = page.request.get(download.get_attribute("href"))
    assert card.headers["content-type"] == "image/jpeg"


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("path", "label"), [("/", "home"), ("/join", "join")])
def test_pages_are_labelled_readable_and_fit_a_phone(open_page, path, label, lang):
    for viewport in (PHONE, DESKTOP):
        page = open_page(path, lang=lang, viewport=viewport)
        assert page.evaluate(UNNAMED_CONTROLS) == []
        assert page.evaluate(IMAGES_WITHOUT_ALT) == []
        assert page.evaluate(LOW_CONTRAST) == []
        # Nothing sticks out sideways, even at 320 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(page, f"{label}-{lang}-{viewport['width']}px")


def test_the_join_page_works_from_the_keyboard(open_page, tmp_path):
    page = open_page("/join", viewport=PHONE)
    # The first Tab reaches the skip link, which is visible when focused.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    assert skip.evaluate("el => el.getBoundingClientRect().left >= 0")

    # Every focused control shows a visible outline.
    seen = []
    while len(seen) < 30 and "BUTTON:file-choose" not in [name for name, _ in seen]:
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => { const el = document.activeElement, s = getComputedStyle(el);
                   return [el.tagName + (el.dataset.action ? ':' + el.dataset.action : ''),
                           s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2]; }"""
            )
        )
    assert all(visible for _, visible in seen), seen
    names = [name for name, _ in seen]
    assert "BUTTON:camera-open" in names
    assert "BUTTON:file-choose" in names

    # The language switcher opens and works from the keyboard.
    page.locator(".lang-switch summary").focus()
    page.keyboard.press("Enter")
    page.locator('.lang-switch a[hreflang="es"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert page.url.endswith("/join")
    screenshot(page, "keyboard-switched-es-320px")


def test_the_header_is_one_short_row_on_a_phone_in_every_language(open_page):
    heights = {}
    for lang in LANGUAGES:
        page = open_page("/", lang=lang, viewport={"width": 390, "height": 844})
        header = page.locator(".site-header").bounding_box()
        heights[lang] = round(header["height"])
        # Joining and the language switch stay in the row, at full size, inside the screen.
        for selector in (".nav-cta", ".lang-switch summary", ".brand"):
            box = page.locator(selector).bounding_box()
            assert box["y"] + box["height"] <= header["y"] + header["height"], (lang, selector)
            assert box["x"] >= 0, (lang, selector)
            assert box["x"] + box["width"] <= 390, (lang, selector)
        assert page.locator(".lang-switch summary").bounding_box()["height"] >= 44
        screenshot(page, f"header-{lang}-390px")
        # Narrower still it may wrap, but never pushes the page sideways.
        page.set_viewport_size(PHONE)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], lang
    assert len(set(heights.values())) == 1, heights
    assert heights["en"] < 72, heights
