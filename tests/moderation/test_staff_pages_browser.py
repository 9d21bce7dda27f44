"""The staff pages in Chromium, in the five languages: axe-core finds no violation, nothing
runs off a 390 px phone's screen sideways, headings break evenly, Arabic reads right to
left; screenshots of each page at 390 px and on a desktop for a person to look at."""

import pytest

from tests.browser.helpers import DESKTOP, screenshot, uneven_headings
from tests.browser.live import serving
from tests.i18n.catalogues import ensure_compiled
from tests.standalone import standalone_app
from tests.validity import site, staff, tools

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
LOOKED_AT = ("staff-queue", "staff-entry-edited", "staff-log", "staff-users", "staff-invitation")


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory, chromium):
    ensure_compiled()
    app = standalone_app(tmp_path_factory.mktemp("staff-pages"), MODERATION="pre")
    pages = staff.build(app)
    with serving(app) as url:
        yield url, pages


def _signed_in_context(chromium, url: str, lang: str, viewport: dict):
    context = chromium.new_context(viewport=viewport, locale=lang, base_url=url, bypass_csp=True)
    context.add_cookies([{"name": "lang", "value": lang, "url": url}])
    page = context.new_page()
    page.goto("/moderate/login")
    page.locator('input[name="email"]').fill(staff.ADMIN)
    page.locator('input[name="password"]').fill(staff.PASSWORD)
    page.locator('button[type="submit"]').click()
    page.wait_for_url("**/moderate**")
    return context, page


@pytest.mark.parametrize("lang", site.LANGUAGES)
def test_staff_pages_are_accessible_and_fit_a_phone(chromium, staff_site, lang):
    url, pages = staff_site
    source = tools.axe_source()
    context, page = _signed_in_context(chromium, url, lang, PHONE_390)
    problems = []
    for each in pages:
        if each.path == "/moderate/login":
            continue
        response = page.goto(each.path)
        assert response.status == each.status, (each, lang)
        direction = page.evaluate("document.documentElement.dir")
        assert direction == ("rtl" if lang == "ar" else "ltr"), each.name
        problems += [f"{each.name}: {v}" for v in tools.axe_violations(page, source)]
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            problems.append(f"{each.name}: {overflow} px wider than the phone's screen")
        problems += [f"{each.name}: uneven heading {h}" for h in uneven_headings(page)]
        if each.name in LOOKED_AT:
            screenshot(page, f"staff-{lang}-{each.name}-390")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", site.LANGUAGES)
def test_staff_pages_on_a_desktop_screen(chromium, staff_site, lang):
    url, pages = staff_site
    context, page = _signed_in_context(chromium, url, lang, DESKTOP)
    for each in pages:
        if each.name in LOOKED_AT:
            assert page.goto(each.path).status == 200
            screenshot(page, f"staff-{lang}-{each.name}-desktop")
            # Every action button is labelled in the page's language, never in English
            # beside it (the keyboard's letter aside).
            labels = page.locator(".mod-buttons button").all_inner_texts()
            if lang != "en" and labels:
                assert not {"Approve", "Reject", "Feature"} & {t.split()[-1] for t in labels}
    context.close()
