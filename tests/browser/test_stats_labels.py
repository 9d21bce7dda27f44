"""/stats bar charts on a 320 px phone: every label and value is drawn inside the chart (in
Arabic too, where labels anchored at x=0 used to fall off the left edge) and at a legible
size."""

import pytest

from tests.browser.helpers import PHONE, screenshot
from tests.factories import submit

pytestmark = pytest.mark.browser

OUTSIDE_OR_TINY = """() => {
  const problems = [];
  for (const svg of document.querySelectorAll('svg.chart-bars')) {
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      const size = r.height;
      if (r.left < box.left - 1 || r.right > box.right + 1) {
        problems.push(`outside: "${text.textContent}" ${r.left.toFixed(0)}..${r.right.toFixed(0)}`
          + ` of ${box.left.toFixed(0)}..${box.right.toFixed(0)}`);
      }
      if (size < 11) problems.push(`tiny: "${text.textContent}" ${size.toFixed(1)} px`);
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def entries(live_server):
    client = live_server.app.test_client()
    for name, country, language in [
        ("Stats A", "FI", "en"),
        ("Stats B", "SA", "ar"),
        ("Stats C", "CN", "zh"),
        ("Stats D", "GB", "fr"),
    ]:
        submit(client, name=name, country=country, language=language)


@pytest.mark.parametrize("lang", ["ar", "en", "zh"])
def test_stats_bar_labels_are_on_the_chart_and_legible_at_320_px(open_page, entries, lang):
    page = open_page("/stats", lang=lang, viewport=PHONE, accept_language=lang)
    assert page.locator("svg.chart-bars text").count() >= 4
    problems = page.evaluate(OUTSIDE_OR_TINY)
    screenshot(page, f"stats-{lang}-320")
    assert not problems, "\n".join(problems)
