"""Where everything goes on a card of each format, with its text fitted."""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from campaign.cards.formats import Branding, CardContent, CardFormat
from campaign.cards.geometry import Box, Geometry, Regions, geometry, regions
from campaign.cards.lines import Style
from campaign.cards.text import Block, fit, without_orphan
from campaign.languages import Language, get_language

LINE_SPACING = {"arabic": 1.6, "cjk": 1.5, "latin": 1.3}
FAMILY_OF_LANGUAGE = {"ar": "arabic", "zh": "cjk"}
LRM = "\u200e"  # LEFT-TO-RIGHT MARK: zero width, a strong left-to-right character


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
    bar: Box | None
    panel: Box  # behind the text: a solid panel, or a band over the photo (scrim)
    clear: Box  # the part of the photo no text covers: where faces go
    scrim: float | None
    texts: tuple[Placed, ...]
    badge: Box | None  # the verified mark, next to the name
    logo: Box | None
    drop: int = 0  # how far the photo's top may move down to frame a face (pixels)
    lift: int = 0  # how far its bottom may move up

    def text(self, role: str) -> Placed:
        """The placed text of a role ("statement", "hashtag", ...)."""
        return next(placed for placed in self.texts if placed.role == role)


@lru_cache(maxsize=64)
def layout_card(content: CardContent, fmt: CardFormat, branding: Branding) -> CardLayout:
    """Fit every text of the card into its format; cached, so re-renders skip the fitting."""
    shape = geometry(content.design, fmt)
    return _compose(content, fmt, branding, shape, get_language(content.language))


def _compose(
    content: CardContent,
    fmt: CardFormat,
    branding: Branding,
    geometry: Geometry,
    language: Language,
) -> CardLayout:
    rtl = language.is_rtl
    family = FAMILY_OF_LANGUAGE.get(language.code, "latin")
    spacing = LINE_SPACING[family]
    area: Regions = regions(fmt, geometry, rtl)
    left, right = area.text[0] + geometry.pad_x, area.text[2] - geometry.pad_x
    top, bottom = area.text[1] + geometry.pad_y, area.text[3] - geometry.pad_y
    width = right - left
    gap = geometry.gap

    def fitted(text: str, size: int, bold: bool, room: int = width, lines: int = 1) -> Block:
        return fit(
            text,
            Style(size, bold, 1.25 if lines == 1 else spacing),
            room,
            size * 2 * lines,
            min_size=max(12, size * 2 // 3),
            rtl=rtl,
            preferred=family,
            max_lines=lines,
        )

    placed: list[Placed] = []
    badge = logo = None
    y = top
    if branding.logo is not None:
        logo = (left, y, right, y + round(geometry.mark * 1.8))
        y = logo[3] + gap * 2
    if branding.logo_path is None or branding.logo_png is not None:
        mark_text = branding.mark_for(language.code, language.campaign_line)
        mark = fitted(mark_text, geometry.mark, True)
        placed.append(Placed(mark, left, y, width, "mark"))
        y += round(mark.height) + gap * 2
    prompt = without_orphan(
        language.prompt,
        fitted(language.prompt, geometry.prompt, True, lines=2),
        rtl=rtl,
        preferred=family,
    )
    placed.append(Placed(prompt, left, y, width, "prompt"))
    y += round(prompt.height) + gap

    # The signature sits at the foot of the panel, built upwards.
    # As posted, so a reader can type it: '#' first, words joined by underscores.
    hashtags = " ".join(filter(None, (language.hashtag_for_posting, _local_tag(branding, rtl))))
    hashtag = fitted(hashtags, geometry.hashtag, True)
    y_bottom = bottom - round(hashtag.height)
    placed.append(Placed(hashtag, left, y_bottom, width, "hashtag"))
    y_bottom -= gap * 2
    place_text = language.place_line(content.city, content.country)
    if content.title:
        place_text = f"{content.title} · {place_text}" if place_text else content.title
    if place_text:
        place = fitted(place_text, geometry.place, False)
        y_bottom -= round(place.height)
        placed.append(Placed(place, left, y_bottom, width, "place"))
        y_bottom -= gap // 2
    badge_size = round(geometry.name * 0.9) if content.verified else 0
    name_room = width - (badge_size + geometry.name // 2 if badge_size else 0)
    name = fitted(content.name, geometry.name, True, name_room)
    y_bottom -= round(name.height)
    placed.append(Placed(name, left, y_bottom, name_room, "name"))
    if badge_size:
        badge = _badge_box(name, left, right, y_bottom, badge_size, rtl, geometry.name // 3)

    room = y_bottom - gap * 2 - (y + gap)
    # An official's statement (up to 1,500 characters) shrinks no further than the
    # excerpt's size: past it, a legible excerpt, the whole text being on the entry page.
    statement = fit(
        content.statement,
        Style(geometry.statement, False, spacing),
        width,
        room,
        min_size=geometry.excerpt if content.title else geometry.statement_min,
        rtl=rtl,
        preferred=family,
        excerpt_size=geometry.excerpt,
    )
    # Prompt and statement read as one sentence: they sit together, a little above the
    # middle of the room left between the mark and the signature.
    shift = round(max(0.0, room - statement.height) * 0.4)
    placed = [
        Placed(p.block, p.x, p.y + shift, p.width, p.role) if p.role == "prompt" else p
        for p in placed
    ]
    placed.append(Placed(statement, left, y + gap + shift, width, "statement"))
    if rtl:
        placed = [Placed(p.block, right - p.width, p.y, p.width, p.role) for p in placed]
    return CardLayout(
        fmt,
        rtl,
        area.photo,
        area.bar,
        area.panel,
        area.clear,
        geometry.scrim,
        tuple(placed),
        badge,
        logo,
        round(geometry.drop * fmt.height),
        round(geometry.lift * fmt.height),
    )


def _badge_box(name: Block, left: int, right: int, top: int, size: int, rtl: bool, gap: int) -> Box:
    middle = top + round(name.top - name.style.size * 0.36)  # half a capital above the baseline
    name_width = round(name.width)
    x = right - name_width - gap - size if rtl else left + name_width + gap
    return x, middle - size // 2, x + size, middle + size // 2


def _local_tag(branding: Branding, rtl: bool) -> str | None:
    """A city edition's hashtag; on a right-to-left card a Latin one gets a left-to-right mark
    first, so its '#' stays before it ("#EspooLearns", not "EspooLearns#")."""
    tag = branding.local_hashtag
    if tag and rtl and len(tag) > 1 and unicodedata.bidirectional(tag[1]) == "L":
        return LRM + tag
    return tag
