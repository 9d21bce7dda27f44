"""Composing cards: the photo cropped around its focal point, the panel and the text."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from campaign.cards.formats import LANDSCAPE, Branding, CardContent, CardFormat
from campaign.cards.geometry import Box
from campaign.cards.layout import CardLayout, layout_card
from campaign.cards.paint import draw_block
from campaign.images import encode_jpeg
from campaign.orientation import stored_box, upright, upright_size

REDUCING_GAP = 1.5  # box-reduce while at least this much downscaling remains for bicubic
MAX_LANDSCAPE_BYTES = 300_000
JPEG_QUALITIES = (86, 80, 72)  # tried in turn until the landscape card is small enough


@dataclass(frozen=True)
class Panel:
    """A card drawn but for its photo: the text laid out and painted, the photo box empty."""

    layout: CardLayout
    canvas: Image.Image


def render_card(
    photo: Image.Image,
    content: CardContent,
    fmt: CardFormat = LANDSCAPE,
    focal: tuple[float, float] = (0.5, 0.5),
    branding: Branding = Branding(),  # noqa: B008 - frozen, so one shared default is safe
) -> Image.Image:
    """One share card as an RGB image of the format's size."""
    return with_photo(draw_panel(layout_card(content, fmt, branding), branding), photo, focal)


def compose(card_layout: CardLayout, photo: Image.Image, branding: Branding) -> Image.Image:
    """Draw a laid-out card around its photo, already cut to the photo box."""
    canvas = draw_panel(card_layout, branding).canvas
    canvas.paste(photo, card_layout.photo[:2])
    return canvas


def draw_panel(card_layout: CardLayout, branding: Branding) -> Panel:
    """Everything of a laid-out card but its photo, which does not change what is drawn."""
    fmt = card_layout.fmt
    canvas = Image.new("RGB", (fmt.width, fmt.height), branding.background)
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
    return Panel(card_layout, canvas)


def with_photo(
    panel: Panel, photo: Image.Image, focal: tuple[float, float], orientation: int = 1
) -> Image.Image:
    """The panel's card with the photo (stored as orientation says) cut to its box."""
    box = panel.layout.photo
    # The photo covers its whole box, so putting it in again (a second photo) is safe.
    panel.canvas.paste(crop_to(photo, box, focal, orientation), box[:2])
    return panel.canvas


def crop_to(
    photo: Image.Image, box: Box, focal: tuple[float, float], orientation: int = 1
) -> Image.Image:
    """The upright photo cut to the box's proportions around the focal point and resized.

    photo is as the file stored it, turned upright by its EXIF orientation: only the
    crop is turned, which costs a fraction of turning the whole photo.
    """
    width, height = box[2] - box[0], box[3] - box[1]
    source_width, source_height = upright_size(photo.size, orientation)
    crop_width = min(source_width, source_height * width / height)
    # min(): in floating point, crop_width * height / width can come out a hair taller
    # than the photo, which would put the crop's top edge above it.
    crop_height = min(source_height, crop_width * height / width)
    focal_x = min(max(focal[0], 0.0), 1.0) * source_width
    focal_y = min(max(focal[1], 0.0), 1.0) * source_height
    left = max(0.0, min(focal_x - crop_width / 2, source_width - crop_width))
    top = max(0.0, min(focal_y - crop_height / 2, source_height - crop_height))
    region = stored_box(
        (left, top, left + crop_width, top + crop_height),
        (source_width, source_height),
        orientation,
    )
    size = upright_size((width, height), orientation)  # the crop's size before it is turned
    # A cheap box reduction first, then one resize: as sharp as Lanczos at these ratios
    # and a fraction of its cost on a multi-megapixel photo. Hamming shrinks as cleanly
    # as bicubic at a bilinear's cost; growing a small photo takes bicubic.
    factor = int(crop_width / width / REDUCING_GAP)
    if factor >= 2:
        photo = photo.reduce(factor, box=tuple(round(edge) for edge in region))
        region = (0, 0, photo.width, photo.height)
    shrinking = region[2] - region[0] > size[0]
    resample = Image.Resampling.HAMMING if shrinking else Image.Resampling.BICUBIC
    return upright(photo.resize(size, resample, box=region), orientation)


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
