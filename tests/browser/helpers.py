"""What browser tests share besides fixtures: the two window sizes, screenshots for a person
to look at, the join form filled, the preview's photo dragged and staff signed in as a person
would, the card a join made, and how evenly headings break."""

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


# Each visible heading of two lines or more: its text and the width of each of its lines,
# measured on its text as laid out (pieces of one line joined, whatever their font).
HEADING_LINES = """() => [...document.querySelectorAll('h1, h2, h3')].filter(h => h.offsetParent)
  .map(heading => {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    const pieces = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      pieces.push(...[...range.getClientRects()].filter(box => box.width > 0));
    }
    const half = parseFloat(getComputedStyle(heading).lineHeight) / 2 || 10;
    const lines = [];
    for (const box of pieces.sort((a, b) => a.top - b.top)) {
      const middle = (box.top + box.bottom) / 2;
      const line = lines.find(other => Math.abs(other.middle - middle) < half);
      if (line) {
        line.left = Math.min(line.left, box.left);
        line.right = Math.max(line.right, box.right);
      } else lines.push({ middle, left: box.left, right: box.right });
    }
    return [heading.textContent.trim().replace(/\\s+/g, ' '), lines.map(l => l.right - l.left)];
  })
  .filter(([, widths]) => widths.length > 1)"""


def uneven_headings(page, evenness: float = 0.45) -> list[tuple[str, list[float]]]:
    """Headings whose shortest line is less than evenness of their longest: a word or two
    left alone on a phone ("I'm a lifelong learner. Are / you?" was 0.18 at 390 px).
    Balanced, long words still part unevenly ("Suspendre les / participations
    maintenant": 0.52), hence not more."""
    return [
        (text, widths)
        for text, widths in page.evaluate(HEADING_LINES)
        if min(widths) < evenness * max(widths)
    ]
