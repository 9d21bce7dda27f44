"""The wall in Debian's Chromium: "Load more" appends the next cards, under our CSP, no errors."""

import socket
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.needs import import_or_missing

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = _free_port()


@pytest.fixture
def settings():
    return {"WALL_CACHE_SECONDS": 0, "SERVER_NAME": f"127.0.0.1:{PORT}"}


@pytest.fixture
def live(app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("the browser drives pages; both backends are covered by the other tests")
    server = make_server("127.0.0.1", PORT, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture
def browser_page(live, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    # The browser asks for a favicon the app does not have; that 404 is not an error.
    page.on(
        "console",
        lambda m: m.type == "error" and "404" not in m.text and problems.append(m.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield page, problems
    context.close()


def test_load_more_appends_the_next_cards_without_leaving_the_page(live, browser_page, make_entry):
    slugs = [make_entry(name=f"Person {n}").slug for n in range(30)]
    page, problems = browser_page
    page.goto(f"{live}/wall")
    cards = page.locator("#wall-grid > li")
    assert cards.count() == 24
    more = page.get_by_role("link", name="Load more")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "wall-desktop.png"), full_page=False)
    more.click()
    # Under our CSP (no eval) the page cannot run a string predicate: poll with a locator.
    sync_api = import_or_missing("playwright.sync_api")
    sync_api.expect(cards).to_have_count(30)
    assert page.url == f"{live}/wall"
    hrefs = page.locator("#wall-grid > li > a").evaluate_all("els => els.map(e => e.href)")
    assert [href.rsplit("/", 1)[1] for href in hrefs] == list(reversed(slugs))
    assert page.get_by_role("link", name="Load more").count() == 0, "nothing more to load"
    images = page.locator("#wall-grid img").evaluate_all(
        "els => els.map(e => [e.getAttribute('width'), e.getAttribute('loading')])"
    )
    assert set(map(tuple, images)) == {("480", "lazy")}
    assert problems == []


def test_filter_form_leaves_empty_fields_out_of_the_shared_url(live, browser_page, make_entry):
    make_entry(country_code="KE", city="Nairobi")
    page, problems = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live}/wall")
    # On a phone the cards come first: the search shows, the other filters wait behind
    # "Filters", and the first card starts in the first screen.
    country = page.locator("#wall-country")
    more = page.locator(".wall-more-filters > summary")
    assert country.is_hidden()
    assert page.locator("#wall-grid > li").first.bounding_box()["y"] < 740 - 100
    page.screenshot(path=str(SCREENSHOTS / "wall-phone.png"))
    more.click()
    page.select_option("#wall-country", "KE")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/wall?country=KE")
    assert page.locator("#wall-grid > li").count() == 1
    assert country.is_visible(), "a filter that is set stays in sight"
    page.screenshot(path=str(SCREENSHOTS / "wall-phone-filtered.png"), full_page=True)
    # A wide screen has room for every filter: no disclosure to open.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live}/wall")
    assert country.is_visible()
    assert more.is_hidden()
    assert problems == []
