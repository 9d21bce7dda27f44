"""Composing cards: the photo cropped around its focal point, the panel and the text."""

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from campaign.cards.formats import FORMATS, LANDSCAPE, Branding, CardContent, CardFormat
from campaign.cards.geometry import Box
from campaign.cards.layout import CardLayout, layout_card
from campaign.cards.paint import draw_block
from campaign.images import encode_jpeg

THUMB_WIDTH = 480
REDUCING_GAP = 1.5  # box-reduce while at least this much downscaling remains for bicubic
MAX_LANDSCAPE_BYTES = 300_000
JPEG_QUALITIES = (86, 80, 72)  # tried in turn until the landscape card is small enough


def render_card(
    photo: Image.Image,
    content: CardContent,
    fmt: CardFormat = LANDSCAPE,
    focal: tuple[float, float] = (0.5, 0.5),
    branding: Branding = Branding(),  # noqa: B008 - frozen, so one shared default is safe
) -> Image.Image:
    """One share card as an RGB image of the format's size."""
    card_layout = layout_card(content, fmt, branding)
    return compose(card_layout, crop_to(photo, card_layout.photo, focal), branding)


def compose(card_layout: CardLayout, photo: Image.Image, branding: Branding) -> Image.Image:
    """Draw a laid-out card around its photo, already cut to the photo box."""
    fmt = card_layout.fmt
    canvas = Image.new("RGB", (fmt.width, fmt.height), branding.background)
    canvas.paste(photo, card_layout.photo[:2])
    draw = ImageDraw.Draw(canvas)
    draw.rectangle(_inclusive(card_layout.bar), fill=branding.accent)
    colours = {
        "mark": branding.muted,
        "prompt": branding.accent,
        "statement": branding.text,
        "name": branding.text,
        "place": branding.muted,
        "hashtag": branding.accent,
    }
    align = "right" if card_layout.rtl else "left"
    for placed in card_layout.texts:
        draw_block(
            canvas,
            placed.block,
            placed.x,
            placed.y,
            placed.width,
            fill=colours[placed.role],
            align=align,
        )
    if card_layout.badge:
        _draw_badge(draw, card_layout.badge, branding)
    if card_layout.logo and branding.logo_path:
        _draw_logo(canvas, card_layout, branding.logo_path)
    return canvas


def render_all(
    photo: Image.Image,
    content: CardContent,
    focal: tuple[float, float] = (0.5, 0.5),
    branding: Branding = Branding(),  # noqa: B008 - frozen, so one shared default is safe
) -> dict[str, bytes]:
    """Every format as JPEG bytes by format name, plus "thumb": a WebP of the landscape card."""
    rendered: dict[str, bytes] = {}
    for name, fmt in FORMATS.items():
        card = render_card(photo, content, fmt, focal, branding)
        rendered[name] = encode_card(card, fmt)
        if fmt is LANDSCAPE:
            rendered["thumb"] = _webp_thumbnail(card)
    return rendered


def crop_to(photo: Image.Image, box: Box, focal: tuple[float, float]) -> Image.Image:
    """The photo cut to the box's proportions around the focal point, resized in one step."""
    width, height = box[2] - box[0], box[3] - box[1]
    source_width, source_height = photo.size
    crop_width = min(source_width, source_height * width / height)
    # min(): in floating point, crop_width * height / width can come out a hair taller
    # than the photo, which would put the crop's top edge above it.
    crop_height = min(source_height, crop_width * height / width)
    focal_x = min(max(focal[0], 0.0), 1.0) * source_width
    focal_y = min(max(focal[1], 0.0), 1.0) * source_height
    left = max(0.0, min(focal_x - crop_width / 2, source_width - crop_width))
    top = max(0.0, min(focal_y - crop_height / 2, source_height - crop_height))
    box = (left, top, left + crop_width, top + crop_height)
    # A cheap box reduction first, then one bicubic resize: as sharp as Lanczos at these
    # ratios and a fraction of its cost on a multi-megapixel photo.
    factor = int(crop_width / width / REDUCING_GAP)
    if factor >= 2:
        photo = photo.reduce(factor, box=tuple(round(edge) for edge in box))
        box = (0, 0, photo.width, photo.height)
    return photo.resize((width, height), Image.Resampling.BICUBIC, box=box)


def _inclusive(box: Box) -> tuple[int, int, int, int]:
    return box[0], box[1], box[2] - 1, box[3] - 1


def _draw_badge(draw: ImageDraw.ImageDraw, box: Box, branding: Branding) -> None:
    left, top, right, bottom = box
    size = right - left
    draw.ellipse(_inclusive(box), fill=branding.accent)
    tick = [
        (left + size * 0.27, top + size * 0.52),
        (left + size * 0.44, top + size * 0.68),
        (left + size * 0.74, top + size * 0.35),
    ]
    draw.line(tick, fill=branding.background, width=max(2, size // 8), joint="curve")


@lru_cache(maxsize=8)
def _logo(path: Path, height: int) -> Image.Image:
    with Image.open(path) as source:
        logo = source.convert("RGBA")
    logo.thumbnail((height * 8, height), Image.Resampling.LANCZOS)
    return logo


def _draw_logo(canvas: Image.Image, card_layout: CardLayout, path: Path) -> None:
    left, top, right, bottom = card_layout.logo
    logo = _logo(path, bottom - top)
    x = right - logo.width if card_layout.rtl else left
    canvas.paste(logo, (x, top), logo)


def encode_card(card: Image.Image, fmt: CardFormat) -> bytes:
    """The card as a progressive sRGB JPEG; a landscape card is kept under MAX_LANDSCAPE_BYTES."""
    for quality in JPEG_QUALITIES:
        data = encode_jpeg(card, quality=quality)
        if fmt is not LANDSCAPE or len(data) <= MAX_LANDSCAPE_BYTES:
            break
    return data


def _webp_thumbnail(card: Image.Image) -> bytes:
    height = round(card.height * THUMB_WIDTH / card.width)
    thumb = card.resize((THUMB_WIDTH, height), Image.Resampling.BICUBIC, reducing_gap=REDUCING_GAP)
    buffer = io.BytesIO()
    thumb.save(buffer, "WEBP", quality=80, method=2)
    return buffer.getvalue()
