"""The statistics page's charts on a 320 px phone and a desktop: every label and figure is
drawn inside its chart, at a size a person can read, in English and in right-to-left Arabic."""

import pytest

from tests.browser.helpers import DESKTOP, PHONE, screenshot
from tests.factories import submit

pytestmark = pytest.mark.browser

LANGS = ("en", "fr", "es", "ar", "zh")
# Every label, tick and figure of the charts: where it is drawn, how big, inside which chart.
CHART_TEXT = """() => Array.from(document.querySelectorAll(
    '.chart .chart-label, .chart .chart-value, .chart .chart-tick, .chart text'))
  .filter(el => el.getClientRects().length)
  .map(el => {
    const box = el.getBoundingClientRect();
    const chart = el.closest('.chart').getBoundingClientRect();
    return {
      text: el.textContent.trim(),
      size: parseFloat(getComputedStyle(el).fontSize) * (box.height ? 1 : 0),
      inside: box.left >= chart.left - 0.5 && box.right <= chart.right + 0.5
        && box.top >= chart.top - 0.5 && box.bottom <= chart.bottom + 0.5,
      onScreen: box.left >= 0 && box.right <= document.documentElement.clientWidth + 0.5,
      // An SVG text is as small as its drawing: its rendered height, not its CSS size.
      rendered: box.height,
    };
  })"""


@pytest.fixture(scope="module")
def figures(live_server):
    client = live_server.app.test_client()
    for name, country, language in (
        ("Aino", "FI", "en"),
        ("Amal", "EG", "ar"),
        ("Wei", "CN", "zh"),
        ("Lucía", "ES", "es"),
    ):
        response = submit(client, name=name, country=country, language=language)
        assert response.status_code == 303


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chart_labels_are_inside_the_chart_and_legible(open_page, figures, lang, viewport):
    page = open_page("/stats", lang=lang, viewport=viewport)
    texts = page.evaluate(CHART_TEXT)
    labels = {each["text"] for each in texts}
    country = {"en": "Egypt", "ar": "مصر"}[lang]
    assert country in labels, labels
    assert len(texts) >= 12, texts
    outside = [each["text"] for each in texts if not (each["inside"] and each["onScreen"])]
    assert not outside, f"drawn outside the chart: {outside}"
    small = [(each["text"], each["size"]) for each in texts if each["size"] < 11]
    assert not small, f"smaller than 11 px: {small}"
    squashed = [(each["text"], each["rendered"]) for each in texts if each["rendered"] < 11]
    assert not squashed, f"drawn less than 11 px high: {squashed}"


@pytest.mark.parametrize("lang", LANGS)
def test_stats_screenshots(open_page, figures, lang):
    for label, viewport in (("390", {"width": 390, "height": 844}), ("desktop", DESKTOP)):
        page = open_page("/stats", lang=lang, viewport=viewport)
        assert page.locator("h1").count() == 1
        screenshot(page, f"stats-{lang}-{label}")
