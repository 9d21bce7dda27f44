"""Drawing laid-out text onto a card."""

from functools import lru_cache

from PIL import Image, ImageDraw

from campaign.cards.fonts import EMOJI_NATIVE_SIZE, get_font, language_tag
from campaign.cards.lines import Piece
from campaign.cards.text import Block


def draw_block(
    canvas: Image.Image, block: Block, x: float, y: float, width: float, *, fill: str, align: str
) -> None:
    """Draw a block with its ink starting at y, lines aligned "left" or "right" in [x, x+width]."""
    draw = ImageDraw.Draw(canvas)
    baseline = y + block.top
    for line in block.lines:
        left = x + width - line.width if align == "right" else x
        for piece in line.pieces:
            _draw_piece(canvas, draw, piece, block, left, baseline, fill)
            left += piece.width
        baseline += block.line_height


def _draw_piece(
    canvas: Image.Image,
    draw: ImageDraw.ImageDraw,
    piece: Piece,
    block: Block,
    x: float,
    baseline: float,
    fill: str,
) -> None:
    size, bold = block.style.size, block.style.bold
    if piece.family == "emoji":
        picture, ascent = _emoji(piece.text, piece.rtl, size)
        canvas.paste(picture, (round(x), round(baseline - ascent)), picture)
        return
    draw.text(
        (x, baseline),
        piece.text,
        fill=fill,
        font=get_font(piece.family, bold, size),
        anchor="ls",
        direction="rtl" if piece.rtl else "ltr",
        language=language_tag(piece.family),
    )


@lru_cache(maxsize=256)
def _emoji(text: str, rtl: bool, size: int) -> tuple[Image.Image, int]:
    """Emoji drawn at the font's only size, scaled to the text; and its ascent."""
    font = get_font("emoji", False, EMOJI_NATIVE_SIZE)
    ascent, descent = font.getmetrics()
    width = round(font.getlength(text, direction="rtl" if rtl else "ltr"))
    native = Image.new("RGBA", (max(1, width), ascent + descent))
    ImageDraw.Draw(native).text(
        (0, ascent),
        text,
        font=font,
        anchor="ls",
        embedded_color=True,
        direction="rtl" if rtl else "ltr",
    )
    scale = size / EMOJI_NATIVE_SIZE
    scaled_size = (max(1, round(native.width * scale)), max(1, round(native.height * scale)))
    return native.resize(scaled_size, Image.Resampling.LANCZOS), round(ascent * scale)


def ink_box(
    block: Block, x: float, y: float, width: float, *, align: str
) -> tuple[float, float, float, float]:
    """The box every glyph of a drawn block stays inside (left, top, right, bottom)."""
    size, bold = block.style.size, block.style.bold
    boxes = []
    baseline = y + block.top
    for line in block.lines:
        left = x + width - line.width if align == "right" else x
        for piece in line.pieces:
            if piece.family == "emoji":
                picture, ascent = _emoji(piece.text, piece.rtl, size)
                top = round(baseline - ascent)
                boxes.append((round(left), top, round(left) + picture.width, top + picture.height))
            else:
                font = get_font(piece.family, bold, size)
                direction = "rtl" if piece.rtl else "ltr"
                language = language_tag(piece.family)
                ink_left, ink_top, ink_right, ink_bottom = font.getbbox(
                    piece.text, direction=direction, language=language, anchor="ls"
                )
                boxes.append(
                    (left + ink_left, baseline + ink_top, left + ink_right, baseline + ink_bottom)
                )
            left += piece.width
        baseline += block.line_height
    if not boxes:
        return x, y, x, y
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )
