"""Where everything goes on a card of each format, with its text fitted."""

from dataclasses import dataclass
from functools import lru_cache

from campaign.cards.formats import Branding, CardContent, CardFormat
from campaign.cards.text import Block, Style, fit
from campaign.languages import get_language

Box = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class Geometry:
    """Proportions of one format; font sizes in pixels."""

    photo: Box  # for left-to-right cards; mirrored for Arabic
    bar: Box
    panel: Box
    padding: tuple[int, int]  # horizontal, vertical
    mark: int
    prompt: int
    statement: int  # largest size; shrinks down to statement_min
    statement_min: int
    name: int
    place: int
    hashtag: int
    gap: int


GEOMETRIES = {
    "landscape": Geometry(
        (0, 0, 440, 630),
        (440, 0, 450, 630),
        (450, 0, 1200, 630),
        (56, 44),
        17,
        25,
        44,
        19,
        25,
        19,
        29,
        16,
    ),
    "square": Geometry(
        (0, 0, 1080, 470),
        (0, 470, 1080, 480),
        (0, 480, 1080, 1080),
        (72, 52),
        21,
        33,
        60,
        25,
        31,
        23,
        37,
        20,
    ),
    "story": Geometry(
        (0, 0, 1080, 860),
        (0, 860, 1080, 872),
        (0, 872, 1080, 1920),
        (84, 84),
        27,
        44,
        80,
        32,
        40,
        30,
        50,
        28,
    ),
}

LINE_SPACING = {"arabic": 1.6, "cjk": 1.5, "latin": 1.32}
FAMILY_OF_LANGUAGE = {"ar": "arabic", "zh": "cjk"}


@dataclass(frozen=True)
class Placed:
    block: Block
    x: int
    y: int  # top of the ink
    width: int
    role: str  # mark, prompt, statement, name, place, hashtag


@dataclass(frozen=True)
class CardLayout:
    fmt: CardFormat
    rtl: bool
    photo: Box
    bar: Box
    panel: Box
    texts: tuple[Placed, ...]
    badge: Box | None  # the verified mark, next to the name
    logo: Box | None


def mirror(box: Box, width: int) -> Box:
    """A box reflected across the card's vertical centre line."""
    left, top, right, bottom = box
    return width - right, top, width - left, bottom


@lru_cache(maxsize=64)
def layout_card(content: CardContent, fmt: CardFormat, branding: Branding) -> CardLayout:
    """Fit every text of the card into its format; cached, so formats re-render cheaply."""
    geometry = GEOMETRIES[fmt.name]
    language = get_language(content.language)
    rtl = language.is_rtl
    family = FAMILY_OF_LANGUAGE.get(language.code, "latin")
    spacing = LINE_SPACING[family]
    photo, bar, panel = geometry.photo, geometry.bar, geometry.panel
    if rtl and fmt.width > fmt.height:
        photo, bar, panel = (mirror(box, fmt.width) for box in (photo, bar, panel))
    pad_x, pad_y = geometry.padding
    left, right = panel[0] + pad_x, panel[2] - pad_x
    width = right - left
    top, bottom = panel[1] + pad_y, panel[3] - pad_y

    def single(text: str, size: int, bold: bool, role: str, room: int = width) -> Block:
        return fit(
            text,
            Style(size, bold, 1.25),
            room,
            size * 3,
            min_size=max(12, size * 2 // 3),
            rtl=rtl,
            preferred=family,
            max_lines=1,
        )

    placed: list[Placed] = []
    badge = logo = None
    y = top
    if branding.logo_path is not None:
        logo = (left, y, right, y + round(geometry.mark * 1.8))
        y = logo[3] + geometry.gap
    else:
        mark = single(branding.mark_text, geometry.mark, True, "mark")
        placed.append(Placed(mark, left, y, width, "mark"))
        y += round(mark.height) + geometry.gap * 2
    prompt = fit(
        language.prompt,
        Style(geometry.prompt, True, spacing),
        width,
        geometry.prompt * 4,
        min_size=geometry.prompt * 2 // 3,
        rtl=rtl,
        preferred=family,
        max_lines=2,
    )
    placed.append(Placed(prompt, left, y, width, "prompt"))
    y += round(prompt.height) + geometry.gap

    # The signature sits at the bottom of the panel, built upwards.
    hashtag = single(language.hashtag, geometry.hashtag, True, "hashtag")
    y_bottom = bottom - round(hashtag.height)
    placed.append(Placed(hashtag, left, y_bottom, width, "hashtag"))
    y_bottom -= geometry.gap * 2
    place_text = ", ".join(part for part in (content.city, content.country) if part)
    if content.title:
        place_text = f"{content.title} · {place_text}" if place_text else content.title
    if place_text:
        place = single(place_text, geometry.place, False, "place")
        y_bottom -= round(place.height)
        placed.append(Placed(place, left, y_bottom, width, "place"))
        y_bottom -= geometry.gap // 2
    badge_size = round(geometry.name * 0.9) if content.verified else 0
    name_room = width - (badge_size + geometry.name // 2 if badge_size else 0)
    name = single(content.name, geometry.name, True, "name", name_room)
    y_bottom -= round(name.height)
    placed.append(Placed(name, left, y_bottom, name_room, "name"))
    if badge_size:
        badge = _badge_box(name, left, right, y_bottom, badge_size, rtl, geometry.name // 3)

    statement_bottom = y_bottom - geometry.gap * 2
    statement = fit(
        content.statement,
        Style(geometry.statement, False, spacing),
        width,
        statement_bottom - y - geometry.gap,
        min_size=geometry.statement_min,
        rtl=rtl,
        preferred=family,
    )
    placed.append(Placed(statement, left, y + geometry.gap, width, "statement"))
    if rtl:
        placed = [Placed(p.block, right - p.width, p.y, p.width, p.role) for p in placed]
    return CardLayout(fmt, rtl, photo, bar, panel, tuple(placed), badge, logo)


def _badge_box(name: Block, left: int, right: int, top: int, size: int, rtl: bool, gap: int) -> Box:
    middle = top + round(name.top - name.style.size * 0.36)  # half a capital above the baseline
    name_width = round(name.width)
    x = right - name_width - gap - size if rtl else left + name_width + gap
    return x, middle - size // 2, x + size, middle + size // 2
