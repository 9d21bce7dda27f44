"""Errors on the join page stay true: a field's error goes once the field is valid, the banner
with the last error; what the page can tell of a photo is said before the upload, in the
server's own words (in English and in Arabic)."""

import io

import pytest
from flask_babel import force_locale
from PIL import Image
from playwright.sync_api import expect

from campaign.images import PhotoError, load_photo
from tests.browser.helpers import PHONE, screenshot
from tests.factories import photo_bytes
from tests.i18n.catalogues import translate

pytestmark = pytest.mark.browser

STATEMENTS = {"en": "every day teaches me something new.", "ar": "كل يوم يعلمني شيئًا جديدًا."}


def server_says(live_server, lang: str, data: bytes) -> str:
    """What the server answers of this file, in this language (campaign.images.load_photo)."""
    with live_server.app.test_request_context(), force_locale(lang):
        with pytest.raises(PhotoError) as refusal:
            load_photo(data)
        return str(refusal.value)


def frames(format: str, **options) -> bytes:
    """A two-frame animation of 400×400 pixels (large enough to be refused for moving)."""
    first, second = Image.new("RGB", (400, 400), "navy"), Image.new("RGB", (400, 400), "gold")
    buffer = io.BytesIO()
    first.save(buffer, format, save_all=True, append_images=[second], duration=200, **options)
    return buffer.getvalue()


BAD_PHOTOS = {
    "too small": ("small.jpg", lambda: photo_bytes(200, 150)),
    "not an image": ("notes.txt", lambda: b"My lifelong learning notes, not a photo.\n" * 20),
    "animated GIF": ("moving.gif", lambda: frames("GIF")),
    "animated PNG": ("moving.png", lambda: frames("PNG")),
    "animated WebP": ("moving.webp", lambda: frames("WEBP")),
}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_fields_error_goes_once_it_is_valid_and_the_banner_with_the_last(
    open_page, live_server, tmp_path, lang
):
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    page = open_page("/join", lang=lang, viewport=PHONE)
    page.set_input_files('input[name="photo"]', str(photo))
    page.locator('textarea[name="statement"]').fill(STATEMENTS[lang])
    page.locator("[data-submit]").click()

    banner = page.locator("[data-form-errors]")
    expect(banner).to_be_visible()
    name, name_error = page.locator('input[name="name"]'), page.locator("#name-error")
    expect(name_error).to_have_text(translate(lang, "Please tell us your name."))
    expect(page.locator("#consent-error")).to_be_visible()
    screenshot(page, f"join-errors-{lang}-320px")

    name.fill("Layla")
    expect(name_error).to_be_hidden()
    expect(name).not_to_have_attribute("aria-invalid", "true")
    expect(banner).to_be_visible()  # other fields still have theirs
    # Back to what the server refused: its error is true again.
    name.fill("")
    expect(name_error).to_have_text(translate(lang, "Please tell us your name."))
    name.fill("Layla")
    expect(name_error).to_be_hidden()

    page.locator('input[name="city"]').fill("Aswan")
    expect(page.locator("#city-error")).to_be_hidden()
    page.locator('select[name="country"]').select_option("EG")
    expect(page.locator("#country-error")).to_be_hidden()
    expect(banner).to_be_visible()
    page.locator('input[name="consent"]').check()
    expect(page.locator("#consent-error")).to_be_hidden()
    expect(banner).to_be_hidden()  # gone with the last error
    assert page.locator(".has-error").count() == 0

    page.locator("[data-submit]").click()
    page.wait_for_url("**/m/*", timeout=90_000)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_photo_problems_are_said_before_the_upload_in_the_servers_words(
    open_page, live_server, tmp_path, lang
):
    page = open_page("/join", lang=lang, viewport=PHONE)
    page.locator('textarea[name="statement"]').fill(STATEMENTS[lang])
    error = page.locator("#photo-error")
    for case, (filename, make) in BAD_PHOTOS.items():
        data = make()
        path = tmp_path / filename
        path.write_bytes(data)
        posts = len(live_server.join_sizes)
        page.set_input_files('input[name="photo"]', str(path))
        expect(error).to_have_text(server_says(live_server, lang, data))
        expect(page.locator('input[name="photo"]')).to_have_attribute("aria-invalid", "true")
        expect(page.locator("[data-preview]")).to_be_hidden()
        if case == "too small":
            screenshot(page, f"join-photo-too-small-{lang}-320px")
        # "Make my card" says it again and sends nothing.
        page.locator("[data-submit]").click()
        expect(page.locator("[data-form-errors]")).to_be_visible()
        expect(error).to_have_text(server_says(live_server, lang, data))
        assert len(live_server.join_sizes) == posts, case

    # A photo the server takes: the error goes, and the banner with it.
    good = tmp_path / "me.jpg"
    good.write_bytes(photo_bytes())
    page.set_input_files('input[name="photo"]', str(good))
    expect(error).to_be_hidden()
    expect(page.locator("[data-form-errors]")).to_be_hidden()
    expect(page.locator("[data-preview]")).to_be_visible()
