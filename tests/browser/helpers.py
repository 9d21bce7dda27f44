"""What browser tests share besides fixtures: the two window sizes, screenshots for a person
to look at, the join form filled, the preview's photo dragged and staff signed in as a person
would, and the card a join made."""

import io
from pathlib import Path

from PIL import Image

from tests import chromium as chromium_setup

SCREENSHOTS = chromium_setup.SCREENSHOTS
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def screenshot(page, name: str) -> Path:
    """Save the whole page for a person to look at, under test-artifacts/screenshots/."""
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def fill_join_form(page, *, name: str, statement: str, language: str = "en") -> None:
    """Fill every field of the join form but the photo, as a person would (English labels);
    "Make my card" ([data-submit]) then confirms the age."""
    page.locator('input[name="name"]').fill(name)
    page.locator('input[name="city"]').fill("Espoo")
    page.locator('select[name="country"]').select_option("FI")
    page.locator('select[name="language"]').select_option(language)
    page.locator('textarea[name="statement"]').fill(statement)
    page.locator('input[name="consent"]').check()


def sign_in_page(page, email: str, password: str) -> None:
    """Sign in on the staff login page (/moderate/login) the page is showing, as a person would."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/moderate**")


def drag_framing(page, dx: float, dy: float = 0) -> None:
    """Drag the photo in the card preview by (dx, dy) pixels from the middle, with the mouse."""
    framing = page.locator("[data-preview-card] [data-framing]")
    framing.scroll_into_view_if_needed()
    box = framing.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=12)
    page.mouse.up()


def card_image(live_server, name: str, fmt: str = "landscape"):
    """The stored card of the entry by this name, as a Pillow image."""
    entry = live_server.entry(name=name)
    image = Image.open(io.BytesIO(live_server.stored(entry.card_keys[fmt])))
    image.load()
    return entry, image
