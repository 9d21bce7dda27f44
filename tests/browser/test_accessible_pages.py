"""axe-core finds no violation on any public page, in five languages and in the error states
(a refused join, statement edit or invitation form), on a phone-sized window."""

import pytest

from tests.validity import site, tools

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def pages(live_server):
    return site.build(live_server.app)


@pytest.mark.parametrize("lang", site.LANGUAGES)
def test_axe_finds_no_violation_on_any_public_page(browser, live_server, pages, lang):
    source = tools.axe_source()
    client = live_server.app.test_client()
    # bypass_csp lets the test inject axe-core; the pages' own policy allows no inline script.
    context = browser.new_context(viewport=PHONE_390, locale=lang, bypass_csp=True)
    context.add_cookies([{"name": "lang", "value": lang, "url": live_server.url}])
    page = context.new_page()
    problems = []
    for each in pages:
        url = live_server.url + each.path
        if each.form is None:
            with site.page_settings(live_server.app, each):
                response = page.goto(url)
            assert response.status == each.status, (each, lang)
        else:
            # A refused form as the server renders it, served at its address so that the
            # page's styles and scripts load as they do after a real submission.
            answer = site.fetch(client, each, lang)
            assert answer.status_code == each.status, (each, lang)
            page.route(url, _serve(answer.get_data(as_text=True)))
            page.goto(url)
            page.unroute(url)
        problems += [f"{each.name}: {v}" for v in tools.axe_violations(page, source)]
    context.close()
    assert not problems, "\n".join(problems)


def _serve(html: str):
    def handler(route):
        route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")

    return handler
