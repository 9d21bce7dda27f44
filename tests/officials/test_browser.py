"""The city combobox, the invitation form and the Officials view in Chromium.

Playwright's sync API allows one instance per thread, and other folders keep theirs open for
the whole session; so each test here drives its own Chromium from a thread of its own.
"""

import re
import threading

import pytest
from playwright.sync_api import expect

from campaign.cities.importer import STARTER_CSV, import_cities
from campaign.extensions import db as _db
from campaign.officials import invitations
from tests.browser.helpers import DESKTOP, PHONE, SCREENSHOTS, screenshot
from tests.chromium import ARGS as CHROMIUM_ARGS
from tests.chromium import CHROMIUM
from tests.factories import photo_bytes
from tests.needs import missing

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(live_server):
    with live_server.app.test_request_context():
        import_cities(STARTER_CSV.read_bytes())
        _db.session.commit()


@pytest.fixture
def in_chromium(live_server):
    """Run fn(open_page) in a thread with its own Playwright; page errors fail the test."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def run(fn) -> None:
        failure: list[BaseException] = []

        def body() -> None:
            from playwright.sync_api import sync_playwright

            problems: list[str] = []
            try:
                with sync_playwright() as playwright:
                    chromium = playwright.chromium.launch(
                        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                    )

                    def open_page(path, *, lang=None, viewport=DESKTOP, javascript=True):
                        context = chromium.new_context(
                            viewport=viewport,
                            base_url=live_server.url,
                            java_script_enabled=javascript,
                        )
                        if lang:
                            context.add_cookies(
                                [{"name": "lang", "value": lang, "url": live_server.url}]
                            )
                        page = context.new_page()
                        page.on("pageerror", lambda error: problems.append(str(error)))
                        page.goto(path)
                        return page

                    try:
                        fn(open_page)
                    finally:
                        chromium.close()
                assert not problems, problems
            except BaseException as error:  # handed to the test's own thread
                failure.append(error)

        thread = threading.Thread(target=body)
        thread.start()
        thread.join(180)
        if failure:
            raise failure[0]

    if not CHROMIUM.exists():
        missing("Debian's Chromium is not installed")
    return run


def test_typing_a_city_offers_directory_cities_to_pick_with_the_keyboard(in_chromium, directory):
    def check(open_page):
        page = open_page("/join")
        city = page.locator('input[name="city"]')
        assert city.get_attribute("role") == "combobox"
        assert city.get_attribute("aria-expanded") == "false"
        city.click()
        city.press_sequentially("evr", delay=40)
        options = page.locator(".combobox-list").get_by_role("option")
        # An earlier keystroke's list may still show while the last one's answer is on its
        # way (a busy machine lets the field ask before the typing ends): wait for it.
        expect(options.first).to_have_text(re.compile(r"^Évry-Courcouronnes"))
        assert city.get_attribute("aria-expanded") == "true"
        page.keyboard.press("ArrowDown")
        active = city.get_attribute("aria-activedescendant")
        assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
        screenshot(page, "officials-city-combobox-open")
        page.keyboard.press("Enter")
        assert city.input_value() == "Évry-Courcouronnes"
        assert page.locator('select[name="country"]').input_value() == "FR"
        assert city.get_attribute("aria-expanded") == "false"
        assert not page.get_by_role("listbox").is_visible()
        # Escape closes the list and keeps what was typed.
        city.fill("")
        city.press_sequentially("cor", delay=40)
        page.locator(".combobox-list").get_by_role("option").first.wait_for()
        page.keyboard.press("Escape")
        assert city.get_attribute("aria-expanded") == "false"
        assert city.input_value() == "cor"

    in_chromium(check)


def test_a_city_can_be_picked_with_a_tap_in_arabic(in_chromium, directory):
    def check(open_page):
        page = open_page("/join", lang="ar", viewport=PHONE)
        city = page.locator('input[name="city"]')
        city.press_sequentially("shan", delay=40)
        option = page.locator(".combobox-list").get_by_role("option").first
        # The country, in the reader's language (in the last keystroke's list: see above).
        expect(option).to_contain_text("الصين")
        screenshot(page, "officials-city-combobox-arabic-phone")
        option.click()
        assert city.input_value() == "Shanghai"
        assert page.locator('select[name="country"]').input_value() == "CN"

    in_chromium(check)


def test_without_javascript_the_city_is_a_plain_text_field(in_chromium, directory):
    def check(open_page):
        page = open_page("/join", javascript=False)
        city = page.locator('input[name="city"]')
        assert city.get_attribute("role") is None
        city.fill("Tampere")
        assert city.input_value() == "Tampere"

    in_chromium(check)


def test_an_official_sends_a_statement_that_shows_verified_on_the_officials_view(
    in_chromium, live_server, directory, tmp_path
):
    with live_server.app.test_request_context():
        invitation = invitations.create_invitation(
            invitations.InvitationDetails(
                name="Jukka Mäkelä",
                title="Mayor of Espoo",
                city="Espoo",
                country_code="FI",
                language="en",
            ),
            by=None,
        )
        _db.session.commit()
        token = invitations.link_token(invitation)
    photo = tmp_path / "mayor.jpg"
    photo.write_bytes(photo_bytes())

    def check(open_page):
        page = open_page(f"/invite/{token}")
        screenshot(page, "officials-invitation-form")
        page.locator('input[name="photo"]').set_input_files(str(photo))
        page.locator('textarea[name="statement"]').fill(
            "Learning keeps a city young.\n" + "Our libraries are open to every age. " * 30
        )
        page.locator('input[name="consent"]').check()
        page.get_by_role("button", name="Send my statement").click()
        page.wait_for_url("**/m/**")
        officials = open_page("/officials")
        assert officials.get_by_text("Mayor of Espoo").first.is_visible()
        assert officials.locator(".badge-verified").first.is_visible()
        screenshot(officials, "officials-view")
        entry = live_server.entry(title="Mayor of Espoo")
        entry_page = open_page(f"/e/{entry.slug}")
        assert entry_page.get_by_text("Our libraries are open to every age.").first.is_visible()
        screenshot(entry_page, "officials-entry-page")

    in_chromium(check)
