"""The join page in Chromium: camera, framing, counter, downscaling, progress, plain post."""

import io
import os

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat
from playwright.sync_api import expect

from campaign.textinput import clean_text
from tests.browser.helpers import PHONE, card_image, drag_framing, fill_join_form, screenshot
from tests.factories import photo_bytes

pytestmark = pytest.mark.browser


def halves_photo(path, width=2000, height=800):
    """A wide photo, red on the left half and blue on the right: a crop shows which side."""
    image = Image.new("RGB", (width, height), (220, 30, 30))
    ImageDraw.Draw(image).rectangle([width // 2, 0, width, height], fill=(30, 60, 220))
    image.save(path, "JPEG", quality=90)


def photo_side(image: Image.Image) -> str:
    """Which colour fills the photo part of a landscape card (left-to-right: x < 440)."""
    red, _, blue = ImageStat.Stat(image.crop((20, 100, 340, 500))).mean
    return "red" if red > blue else "blue"


def drag_photo(page, fmt: str, dx: int) -> None:
    page.locator(f'[data-show-format="{fmt}"]').click()
    expect(page.locator("[data-preview-card]")).to_have_attribute("data-format", fmt)
    drag_framing(page, dx)


def test_dragging_the_photo_changes_the_crop_of_the_card(open_page, live_server, tmp_path):
    photo = tmp_path / "halves.jpg"
    halves_photo(photo)
    sides = {}
    for name, dx in (("Dragged Right", 400), ("Dragged Left", -400)):
        page = open_page("/join")
        page.set_input_files('input[name="photo"]', str(photo))
        expect(page.locator("[data-preview]")).to_be_visible()
        fill_join_form(page, name=name, statement="framing matters.")
        figure = page.locator("[data-preview-card]")
        page.locator('[data-show-format="landscape"]').click()
        expect(figure).to_have_attribute("data-format", "landscape")
        expect(figure).not_to_have_attribute("data-faces", "pending")
        before = figure.get_attribute("data-crop")
        drag_photo(page, "landscape", dx)
        expect(figure).to_have_attribute("data-framed-by", "chosen")
        after = figure.get_attribute("data-crop")
        assert after != before, "the preview follows the drag"
        screenshot(page, f"framing-{'right' if dx > 0 else 'left'}")
        page.locator("[data-submit]").click()
        page.wait_for_url("**/m/*")
        entry, card = card_image(live_server, name)
        sides[name] = (entry.focal_x, photo_side(card))

    # Dragging the photo right brings its left (red) half into the frame, and the reverse.
    assert sides["Dragged Right"][0] < 0.3 < 0.7 < sides["Dragged Left"][0]
    assert sides["Dragged Right"][1] == "red"
    assert sides["Dragged Left"][1] == "blue"


def test_a_tap_and_the_arrow_keys_set_the_focal_point(open_page, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(photo_bytes(1200, 1600))  # portrait: the square card crops vertically
    page = open_page("/join")
    page.set_input_files('input[name="photo"]', str(photo))
    framing = page.get_by_role("group", name="Square card: framing of your photo")
    expect(framing).to_be_visible()
    box = framing.bounding_box()
    framing.click(position={"x": box["width"] / 2, "y": box["height"] * 0.1})
    focal_y = float(page.locator('input[name="focal_y"]').input_value())
    assert focal_y < 0.5, "tapping near the top moves the focal point up"

    framing.focus()
    start = float(page.locator('input[name="focal_x"]').input_value())
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert float(page.locator('input[name="focal_x"]').input_value()) == pytest.approx(start + 0.1)
    expect(page.locator("[data-framing-announce]")).to_have_text(
        f"Photo centred 60% from the left and {round(focal_y * 100)}% from the top."
    )
    # Home gives the framing back to the server: no focal point is sent.
    page.keyboard.press("Home")
    assert page.locator('input[name="focal_x"]').input_value() == ""
    assert page.locator('input[name="focal_y"]').input_value() == ""


def test_the_camera_takes_the_photo_and_can_retake_it(open_page, live_server):
    page = open_page("/join", viewport=PHONE)
    page.get_by_role("button", name="Take a photo").click()
    video = page.locator("[data-camera-video]")
    expect(video).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-camera-video]').videoWidth > 0")
    screenshot(page, "camera-live-320px")

    page.get_by_role("button", name="Take the photo").click()
    expect(page.locator("[data-camera-still]")).to_be_visible()
    expect(page.locator("[data-preview]")).to_be_visible()
    retake = page.get_by_role("button", name="Retake")
    expect(retake).to_be_focused()
    retake.click()
    expect(video).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-camera-video]').videoWidth > 0")
    page.get_by_role("button", name="Take the photo").click()
    # The still shows once the second photo is taken ("Photo taken." is still there from the
    # first one, so it cannot tell).
    expect(page.locator("[data-camera-still]")).to_be_visible()
    expect(page.locator("[data-photo-status]")).to_contain_text("Photo taken.")
    assert page.locator('input[name="photo"]').evaluate("input => input.files[0].name") == (
        "camera.jpg"
    )
    # The camera is released once the photo is taken.
    assert page.locator("[data-camera-video]").evaluate("video => video.srcObject") is None

    fill_join_form(page, name="Camera User", statement="the camera works.")
    screenshot(page, "camera-taken-320px")
    page.locator("[data-submit]").click()
    page.wait_for_url("**/m/*")
    entry, card = card_image(live_server, "Camera User")
    assert card.size == (1200, 630)
    assert entry.statement == "the camera works."


def test_without_camera_permission_the_file_path_remains(open_page):
    page = open_page("/join")
    page.evaluate(
        """() => { navigator.mediaDevices.getUserMedia = () =>
             Promise.reject(new DOMException("denied", "NotAllowedError")); }"""
    )
    page.get_by_role("button", name="Take a photo").click()
    expect(page.locator("[data-photo-status]")).to_have_text(
        "We could not open your camera. You can choose a file instead."
    )
    expect(page.locator("[data-camera]")).to_be_hidden()
    expect(page.get_by_role("button", name="Choose a file")).to_be_focused()


def test_the_counter_counts_characters_as_the_server_does(open_page):
    page = open_page("/join")
    typed = "  I learn\u00a0 with my 👩🏽‍🎓 daughter\u200b, e\u0301very day.  "
    page.locator('textarea[name="statement"]').fill(typed)
    expected = len(clean_text(typed))
    expect(page.locator("[data-counter]")).to_have_text(f"{expected} of 280 characters")

    page.locator('textarea[name="statement"]').fill("é" * 281)
    counter = page.locator("[data-counter]")
    expect(counter).to_have_text("281 of 280 characters")
    expect(counter).to_have_class("counter is-over")
    expect(page.locator("[data-counter-announce]")).to_have_text("Characters over the limit: 1")


def test_a_large_photo_is_made_smaller_before_upload_with_a_progress_bar(
    open_page, live_server, tmp_path
):
    original = tmp_path / "big.jpg"
    noise = Image.frombytes("RGB", (3600, 2700), os.urandom(3600 * 2700 * 3))
    noise.save(original, "JPEG", quality=92)
    size = original.stat().st_size
    page = open_page("/join")
    page.set_input_files('input[name="photo"]', str(original))
    expect(page.locator("[data-photo-status]")).to_contain_text("made smaller")
    dimensions = page.locator('input[name="photo"]').evaluate(
        """async input => { const b = await createImageBitmap(input.files[0]);
                            return [b.width, b.height, input.files[0].type]; }"""
    )
    assert dimensions == [2560, 1920, "image/jpeg"]
    fill_join_form(page, name="Big Photo", statement="smaller is faster.")

    live_server.join_sizes.clear()
    live_server.hold_joins.set()
    try:
        page.locator("[data-submit]").click()
        expect(page.locator("[data-progress-text]")).to_have_text("Making your cards…")
        assert page.locator("#upload-bar").evaluate("bar => bar.value") == 100
        expect(page.locator("[data-submit]")).to_be_disabled()
        screenshot(page, "upload-progress")
    finally:
        live_server.release_joins.set()
    page.wait_for_url("**/m/*")
    live_server.hold_joins.clear()
    live_server.release_joins.clear()
    assert live_server.join_sizes
    assert live_server.join_sizes[0] < size * 0.8
    entry, card = card_image(live_server, "Big Photo")
    assert card.size == (1200, 630)


def test_server_errors_show_in_place_and_keep_the_photo(open_page, tmp_path):
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    page = open_page("/join")
    page.set_input_files('input[name="photo"]', str(photo))
    fill_join_form(page, name="Aino Errors", statement="I keep learning.")
    page.locator('input[name="name"]').fill("")
    page.locator('textarea[name="statement"]').fill("x" * 300)
    page.locator("[data-submit]").click()

    alert = page.locator("[data-form-errors]")
    expect(alert).to_be_visible()
    expect(alert).to_be_focused()
    expect(page.locator("#name-error")).to_have_text("Please tell us your name.")
    expect(page.locator('input[name="name"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#statement-error")).to_have_text(
        "Please keep your statement to 280 characters."
    )
    assert page.url.endswith("/join")
    screenshot(page, "join-errors-in-place")

    # Corrected, the same photo goes through without being chosen again.
    page.locator('input[name="name"]').fill("Aino Plain")
    page.locator('textarea[name="statement"]').fill("I keep learning.")
    page.locator("[data-submit]").click()
    page.wait_for_url("**/m/*")


def test_without_javascript_the_plain_form_works(browser, live_server, tmp_path):
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto("/join")
        file_input = page.get_by_label("Your photo", exact=True)
        expect(file_input).to_be_visible()
        assert file_input.get_attribute("capture") == "user"
        expect(page.locator("[data-preview]")).to_be_hidden()
        file_input.set_input_files(str(photo))
        fill_join_form(page, name="No Script", statement="plain HTML is enough.")
        screenshot(page, "join-without-javascript")
        page.get_by_role("button", name="Make my card").click()
        page.wait_for_url("**/m/*")
        expect(page.locator("h1")).to_have_text("Your card is ready")
    finally:
        context.close()
    entry, card = card_image(live_server, "No Script")
    assert card.size == (1200, 630)
    assert Image.open(io.BytesIO(live_server.stored(entry.card_keys["square"]))).size == (
        1080,
        1080,
    )


def test_a_photo_the_browser_cannot_show_is_still_sent(open_page, live_server, tmp_path):
    import pillow_heif

    pillow_heif.register_heif_opener()
    photo = tmp_path / "iphone.heic"
    Image.open(io.BytesIO(photo_bytes())).save(photo, "HEIF", quality=80)
    page = open_page("/join")
    page.set_input_files('input[name="photo"]', str(photo))
    expect(page.locator("[data-photo-status]")).to_have_text(
        "Your browser cannot show this photo, but your card will still be made from it."
    )
    expect(page.locator("[data-preview]")).to_be_hidden()
    fill_join_form(page, name="Heic User", statement="my phone saves HEIC.")
    page.locator("[data-submit]").click()
    page.wait_for_url("**/m/*")
    entry, card = card_image(live_server, "Heic User")
    assert card.size == (1200, 630)


def test_a_photo_over_the_limit_is_refused_before_it_is_sent(open_page, live_server, tmp_path):
    photo = tmp_path / "huge.heic"  # a type the browser cannot redraw, so nothing shrinks it
    photo.write_bytes(os.urandom(16 * 1024 * 1024))
    page = open_page("/join")
    page.set_input_files('input[name="photo"]', str(photo))
    # Said as soon as the photo is chosen, and again on "Make my card".
    too_large = "This photo is too large. Please choose a photo under 15 MB."
    expect(page.locator("#photo-error")).to_have_text(too_large)
    fill_join_form(page, name="Too Big", statement="this will not fit.")
    live_server.join_sizes.clear()
    page.locator("[data-submit]").click()
    expect(page.locator("#photo-error")).to_have_text(too_large)
    expect(page.locator("[data-form-errors]")).to_be_focused()
    assert live_server.join_sizes == []


def test_a_large_rotated_photo_is_downscaled_upright(open_page, orientation_samples, tmp_path):
    """A phone stores a portrait-held shot sideways with EXIF orientation 6; the smaller copy
    the browser sends is upright and has no EXIF left to turn it."""
    import base64

    upright = Image.open(orientation_samples / "Landscape_0.jpg").convert("RGB")
    upright = upright.resize((upright.width * 2, upright.height * 2))  # 3600 × 2400
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # the sensor's sideways pixels
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    photo = tmp_path / "sideways.jpg"
    stored.save(photo, "JPEG", quality=92, exif=exif.tobytes())

    page = open_page("/join")
    page.set_input_files('input[name="photo"]', str(photo))
    expect(page.locator("[data-photo-status]")).to_contain_text("made smaller")
    sent = base64.b64decode(
        page.locator('input[name="photo"]').evaluate(
            """async input => { const bytes = new Uint8Array(await input.files[0].arrayBuffer());
                 let text = ""; bytes.forEach(b => { text += String.fromCharCode(b); });
                 return btoa(text); }"""
        )
    )
    result = Image.open(io.BytesIO(sent))
    assert result.size == (2560, 1707)
    assert result.getexif().get(0x0112) is None
    expected = upright.resize(result.size)
    difference = ImageStat.Stat(ImageChops.difference(result.convert("RGB"), expected)).mean
    assert max(difference) < 12, difference
