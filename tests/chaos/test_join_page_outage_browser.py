"""The join page while PostgreSQL is away, in Chromium: the enhanced page says why in place and
keeps everything, the photo included; the plain form comes back filled in, but for the photo
(browsers never refill a file input)."""

import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from campaign import create_app
from tests import chromium as chromium_setup
from tests.app_settings import app_settings
from tests.chaos.services import free_port
from tests.factories import photo_bytes
from tests.i18n.catalogues import ensure_compiled

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MESSAGES = {
    "en": "The campaign is taking a short break, so your photo was not stored.",
    "ar": "الحملة تأخذ استراحة قصيرة، لذلك لم تُحفظ صورتك.",
}


@pytest.fixture(scope="module")
def offline_server(tmp_path_factory):
    """The app on a PostgreSQL port nothing listens on, served on 127.0.0.1."""
    ensure_compiled()
    uploads = tmp_path_factory.mktemp("uploads")
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/campaign"
    settings = {**app_settings(url, uploads), "DB_CONNECT_TIMEOUT": 1, "SERVER_NAME": None}
    server = make_server("127.0.0.1", 0, create_app(settings), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def _fill(page, photo) -> None:
    page.set_input_files('input[name="photo"]', str(photo))
    page.fill('input[name="name"]', "Amira Haddad")
    page.fill('input[name="city"]', "Tunis")
    page.select_option('select[name="country"]', "TN")
    page.fill('textarea[name="statement"]', "I learn to sail.")
    page.check('input[name="consent"]')


def _shot(page, name: str) -> None:
    chromium_setup.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(chromium_setup.SCREENSHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "desktop"])
def test_the_enhanced_join_page_keeps_everything_and_says_why(
    chromium, offline_server, tmp_path, language, viewport
):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(photo_bytes(1200, 900))
    context = chromium.new_context(viewport=viewport, locale=language)
    page = context.new_page()
    page.goto(f"{offline_server}/join")
    _fill(page, photo)
    page.locator("[data-submit]").click()
    alert = page.locator("[data-form-errors]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(MESSAGES[language])
    assert page.url.endswith("/join"), "still on the form"
    assert page.locator('input[name="name"]').input_value() == "Amira Haddad"
    assert page.locator('textarea[name="statement"]').input_value() == "I learn to sail."
    kept = page.evaluate("() => document.querySelector('input[name=photo]').files.length")
    preview = page.locator("[data-preview]")
    assert kept == 1 or preview.is_visible(), "the chosen photo is still there to send again"
    alert.scroll_into_view_if_needed()
    _shot(page, f"join-database-away-{language}-{viewport['width']}px")
    context.close()


def test_the_plain_form_comes_back_filled_in(chromium, offline_server, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(photo_bytes(1200, 900))
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{offline_server}/join")
    _fill(page, photo)
    with page.expect_navigation():
        page.locator("[data-submit]").click()
    expect(page.locator("[data-form-errors]")).to_contain_text(MESSAGES["en"])
    assert page.locator('input[name="name"]').input_value() == "Amira Haddad"
    assert page.locator('input[name="city"]').input_value() == "Tunis"
    assert page.locator('select[name="country"]').input_value() == "TN"
    assert page.locator('textarea[name="statement"]').input_value() == "I learn to sail."
    _shot(page, "join-database-away-no-script-390px")
    context.close()
