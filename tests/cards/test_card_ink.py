"""What a person sees on a rendered card, read from its pixels (not from the layout objects).

Each test here fails on a one-line mistake the layout-level tests cannot see: every line
drawn flush left on an Arabic card, or symbols that only a fallback font has left out.
"""

import pytest
from PIL import Image, ImageChops

from campaign.cards import LANDSCAPE, SQUARE, STORY, CardContent, render_card
from campaign.cards.formats import Branding

BACKGROUND = Branding().background
FORMATS = [LANDSCAPE, SQUARE, STORY]
NO_GLYPH = "\ue000"


def _card(content: CardContent, fmt=LANDSCAPE) -> Image.Image:
    # A photo of the card's own background colour: every pixel that differs is text or bar.
    return render_card(Image.new("RGB", (900, 900), BACKGROUND), content, fmt)


def _ink(card: Image.Image) -> Image.Image:
    """A mask of what is drawn on the background, without the accent bar (a full-height
    column on landscape cards, a full-width band on square and story ones)."""
    flat = Image.new("RGB", card.size, BACKGROUND)
    mask = ImageChops.difference(card, flat).convert("L").point(lambda v: 255 if v > 60 else 0)
    width, height = mask.size
    pixels = mask.load()
    for x in range(width):
        if sum(1 for y in range(0, height, 4) if pixels[x, y]) > height // 4 * 0.9:
            for y in range(height):
                pixels[x, y] = 0
    for y in range(height):
        if sum(1 for x in range(0, width, 4) if pixels[x, y]) > width // 4 * 0.9:
            for x in range(width):
                pixels[x, y] = 0
    return mask


def _lines(mask: Image.Image) -> list[tuple[int, int]]:
    """(left, right) of the ink of each line of text, top to bottom."""
    width, height = mask.size
    pixels = mask.load()
    rows = [[x for x in range(width) if pixels[x, y]] for y in range(height)]
    lines, band = [], []
    for row in [*rows, []]:
        if row:
            band.append((row[0], row[-1]))
        elif band:
            if len(band) > 4:  # a line of text, not a stray dot
                lines.append((min(b[0] for b in band), max(b[1] for b in band)))
            band = []
    return lines


ARABIC = CardContent(
    statement="أتعلم كل يوم",
    language="ar",
    name="سارة",
    city="الرباط",
    country="المغرب",
)
ENGLISH = CardContent(
    statement="I learn every day", language="en", name="Sara", city="Rabat", country="Morocco"
)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.name)
def test_arabic_card_text_is_flush_right_and_ragged_left(fmt):
    lines = _lines(_ink(_card(ARABIC, fmt)))
    assert len(lines) >= 5, "prompt, statement, name, place and hashtag are drawn"
    # The campaign mark at the top may be Latin; every Arabic line below it ends on one edge.
    arabic = lines[1:]
    rights = [right for _, right in arabic]
    lefts = [left for left, _ in arabic]
    assert max(rights) - min(rights) <= 6, f"not flush right: {arabic}"
    assert max(lefts) - min(lefts) > 60, f"flush left, as if aligned left: {arabic}"


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda fmt: fmt.name)
def test_english_card_text_is_flush_left(fmt):
    lines = _lines(_ink(_card(ENGLISH, fmt)))
    lefts = [left for left, _ in lines]
    rights = [right for _, right in lines]
    assert max(lefts) - min(lefts) <= 6, f"not flush left: {lines}"
    assert max(rights) - min(rights) > 60


@pytest.mark.parametrize(
    ("language", "statement"),
    [
        ("en", "I learn every day {} and {} always"),
        ("fr", "J'apprends chaque jour {} et {} toujours"),
        ("ar", "أتعلم كل يوم {} و {} دائما"),
    ],
)
@pytest.mark.parametrize("symbols", [("→", "★"), ("①", "◆")])
def test_symbols_only_a_fallback_font_has_are_drawn(language, statement, symbols):
    # The same statement with a character no font has (a private-use one) in place of each
    # symbol: if the symbols are left out, or drawn as whatever stands for a missing glyph,
    # both cards are the same; drawn, they differ by the symbols' ink.
    content = dict(name="Sara", city="Rabat", country="Morocco", language=language)
    with_symbols = _card(CardContent(statement=statement.format(*symbols), **content))
    without = _card(CardContent(statement=statement.format(NO_GLYPH, NO_GLYPH), **content))
    difference = ImageChops.difference(with_symbols, without).convert("L")
    drawn = difference.point(lambda v: 255 if v > 60 else 0).histogram()[255]
    assert drawn > 150, f"{symbols} were not drawn ({drawn} pixels of ink)"
