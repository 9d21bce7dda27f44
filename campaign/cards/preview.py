"""The cards as data for the join page's live preview, which draws exactly what we will draw.

The page sends the texts and gets each format's layout (areas, colours, every line's pieces
where the renderer puts them); it sends a small copy of the photo and gets the faces and the
framing of every design, format and direction. It never measures, breaks or frames itself,
so the preview cannot drift from the card.
"""

from collections.abc import Sequence

from campaign.cards.cutting import upright_crop
from campaign.cards.formats import FORMATS, Branding, CardContent
from campaign.cards.framing import framing_for_faces
from campaign.cards.geometry import designs, regions, trimmed
from campaign.cards.layout import CardLayout, Placed, layout_card
from campaign.cards.portrait import FaceBox
from campaign.cards.render import DROP_FADE, FADE

DIRECTIONS = {"ltr": False, "rtl": True}


def card_layouts(content: CardContent, branding: Branding) -> dict[str, dict]:
    """Every format of the card, laid out as the renderer will draw it, as JSON-ready data."""
    return {
        name: _layout(layout_card(content, fmt, branding), branding)
        for name, fmt in FORMATS.items()
    }


def _layout(card: CardLayout, branding: Branding) -> dict:
    scrim = card.scrim is not None
    colours = {
        "mark": branding.text if scrim else branding.muted,
        "prompt": branding.accent,
        "statement": branding.text,
        "name": branding.text,
        "place": branding.text if scrim else branding.muted,
        "hashtag": branding.accent,
    }
    return {
        "width": card.fmt.width,
        "height": card.fmt.height,
        "rtl": card.rtl,
        "photo": card.photo,
        "panel": card.panel,
        "clear": card.clear,
        "bar": card.bar,
        "scrim": card.scrim,
        "fade": FADE,
        "drop_fade": DROP_FADE,  # a lowered photo's top edge fades in over this many pixels
        "badge": card.badge,
        "logo": card.logo,
        "colours": {"background": branding.background, "accent": branding.accent},
        "texts": [_text(placed, card.rtl, colours[placed.role]) for placed in card.texts],
    }


def _text(placed: Placed, rtl: bool, colour: str) -> dict:
    """A placed block's lines as draw_block draws them: pieces left to right from x."""
    block = placed.block
    baseline = placed.y + block.top
    lines = []
    for line in block.lines:
        left = placed.x + placed.width - line.width if rtl else placed.x
        pieces = []
        for piece in line.pieces:
            pieces.append(
                {
                    "text": piece.text,
                    "family": piece.family,
                    "rtl": piece.rtl,
                    "x": round(left, 2),
                    "width": round(piece.width, 2),
                }
            )
            left += piece.width
        lines.append({"baseline": round(baseline, 2), "pieces": pieces})
        baseline += block.line_height
    return {
        "role": placed.role,
        "colour": colour,
        "size": block.style.size,
        "bold": block.style.bold,
        "excerpt": block.excerpt,
        "lines": lines,
    }


def line_texts(card: CardLayout) -> dict[str, list[str]]:
    """Each role's lines as their pieces' texts in display order (what the preview shows)."""
    return {
        placed.role: ["".join(piece.text for piece in line.pieces) for line in placed.block.lines]
        for placed in card.texts
    }


def framings(faces: Sequence[FaceBox], size: tuple[int, int]) -> dict:
    """Where every design, format and direction cuts an upright photo of this size when
    nobody set a focal point: {design: {format: {direction: {focal, zoom, drop, lift, photo,
    crop}}}}; photo is the card's box the crop fills (the layout's photo box, its top lower
    by drop pixels and its bottom higher by lift where the framing moved the photo's edges;
    the background colour fills the rest, the photo fading in over render.DROP_FADE)."""
    result: dict = {}
    for design, shapes in designs().items():
        for name, shape in shapes.items():
            fmt = FORMATS[name]
            for direction, rtl in DIRECTIONS.items():
                area = regions(fmt, shape, rtl)
                framing = framing_for_faces(
                    faces,
                    size,
                    area.photo,
                    area.clear,
                    round(shape.drop * fmt.height),
                    round(shape.lift * fmt.height),
                )
                box = trimmed(area.photo, framing.drop, framing.lift)
                crop = upright_crop(size, box, framing.focal, framing.zoom)
                result.setdefault(design, {}).setdefault(name, {})[direction] = {
                    "focal": [round(value, 6) for value in framing.focal],
                    "zoom": round(framing.zoom, 6),
                    "drop": framing.drop,
                    "lift": framing.lift,
                    "photo": list(box),
                    "crop": [round(value, 3) for value in crop],
                }
    return result
