"""Composing cards: the photo cropped around its focal point, the panel and the text."""

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from campaign.cards.cutting import crop_to
from campaign.cards.formats import LANDSCAPE, Branding, CardContent, CardFormat
from campaign.cards.geometry import Box
from campaign.cards.layout import CardLayout, layout_card
from campaign.cards.paint import draw_block
from campaign.images import encode_jpeg

MAX_LANDSCAPE_BYTES = 300_000
JPEG_QUALITIES = (86, 80, 72)  # tried in turn until the landscape card is small enough


@dataclass(frozen=True)
class Panel:
    """A card drawn but for its photo: the text laid out and painted, the photo box empty.

    A band over the photo (a scrim) is drawn apart, as overlay, and laid over the photo
    once it is in place.
    """

    layout: CardLayout
    canvas: Image.Image
    overlay: Image.Image | None = None  # RGBA, at overlay_at
    overlay_at: tuple[int, int] = (0, 0)
    background: str = Branding.background  # fills the photo box above a lowered photo


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
    return with_crop(draw_panel(card_layout, branding), photo)


FADE = 0.12  # of the band's height: the scrim fades in above the band, so no hard edge


def draw_panel(card_layout: CardLayout, branding: Branding) -> Panel:
    """Everything of a laid-out card but its photo, which does not change what is drawn."""
    fmt = card_layout.fmt
    canvas = Image.new("RGB", (fmt.width, fmt.height), branding.background)
    overlay, origin = None, (0, 0)
    target = canvas
    if card_layout.scrim is not None:
        overlay, origin = _scrim(card_layout, branding)
        target = overlay
    draw = ImageDraw.Draw(target)
    if card_layout.bar:
        draw.rectangle(_inclusive(_moved(card_layout.bar, origin)), fill=branding.accent)
    colours = {
        "mark": branding.muted,
        "prompt": branding.accent,
        "statement": branding.text,
        "name": branding.text,
        "place": branding.muted,
        "hashtag": branding.accent,
    }
    if overlay is not None:
        colours["mark"] = colours["place"] = branding.text  # muted grey is too faint on a scrim
    align = "right" if card_layout.rtl else "left"
    for placed in card_layout.texts:
        draw_block(
            target,
            placed.block,
            placed.x - origin[0],
            placed.y - origin[1],
            placed.width,
            fill=colours[placed.role],
            align=align,
        )
    if card_layout.badge:
        _draw_badge(draw, _moved(card_layout.badge, origin), branding)
    if card_layout.logo and branding.logo is not None:
        _draw_logo(target, card_layout, branding.logo, origin)
    return Panel(card_layout, canvas, overlay, origin, branding.background)


def _moved(box: Box, origin: tuple[int, int]) -> Box:
    return box[0] - origin[0], box[1] - origin[1], box[2] - origin[0], box[3] - origin[1]


def _scrim(card_layout: CardLayout, branding: Branding) -> tuple[Image.Image, tuple[int, int]]:
    """The band as an RGBA image: the background colour at the scrim's opacity, fading in
    above the band when the band does not start at the card's top edge."""
    left, top, right, bottom = card_layout.panel
    alpha = round(255 * card_layout.scrim)
    fade = round((bottom - top) * FADE) if top > 0 or bottom < card_layout.fmt.height else 0
    above = top > 0  # the band fades in on its side that faces the photo
    band = Image.new("RGBA", (right - left, bottom - top + fade), branding.background)
    mask = Image.new("L", band.size, alpha)
    if fade:
        ramp = Image.linear_gradient("L").resize((band.width, fade))
        ramp = ramp.point(lambda v: v * alpha // 255)
        if above:
            mask.paste(ramp, (0, 0))
        else:
            mask.paste(ramp.transpose(Image.Transpose.FLIP_TOP_BOTTOM), (0, band.height - fade))
    band.putalpha(mask)
    return band, (left, top - fade if above else top)


def with_photo(
    panel: Panel, photo: Image.Image, focal: tuple[float, float], orientation: int = 1
) -> Image.Image:
    """The panel's card with the photo (stored as orientation says) cut to its box."""
    return with_crop(panel, crop_to(photo, panel.layout.photo, focal, orientation))


DROP_FADE = 96  # pixels over which a moved edge of the photo fades in from the background


def with_crop(panel: Panel, crop: Image.Image, drop: int = 0, lift: int = 0) -> Image.Image:
    """The panel's card with its photo box filled by crop, already of the box's size (less
    drop pixels at its top and lift at its bottom, where the framing moved the photo's
    edges: the background fills them and the photo fades in)."""
    left, top, right, bottom = panel.layout.photo
    # The crop and the fills cover the whole box, so putting in another one later is safe.
    panel.canvas.paste(crop, (left, top + drop))
    if drop or lift:
        fade = min(DROP_FADE, crop.height)
        ramp = Image.linear_gradient("L").resize((right - left, fade))  # opaque at the bottom
        edge = Image.new("RGB", ramp.size, panel.background)
    if drop:
        panel.canvas.paste(panel.background, (left, top, right, top + drop))
        panel.canvas.paste(
            edge, (left, top + drop), ramp.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        )
    if lift:
        panel.canvas.paste(panel.background, (left, bottom - lift, right, bottom))
        panel.canvas.paste(edge, (left, bottom - lift - fade), ramp)
    if panel.overlay is not None:
        panel.canvas.paste(panel.overlay, panel.overlay_at, panel.overlay)
    return panel.canvas


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
def _logo(source_file: Path | bytes, height: int) -> Image.Image:
    opened = io.BytesIO(source_file) if isinstance(source_file, bytes) else source_file
    with Image.open(opened) as source:
        logo = source.convert("RGBA")
    logo.thumbnail((height * 8, height), Image.Resampling.LANCZOS)
    return logo


def _draw_logo(
    canvas: Image.Image, card_layout: CardLayout, path: Path | bytes, origin: tuple[int, int]
) -> None:
    left, top, right, bottom = _moved(card_layout.logo, origin)
    logo = _logo(path, bottom - top)
    x = right - logo.width if card_layout.rtl else left
    canvas.paste(logo, (x, top), logo)


def encode_card(card: Image.Image, fmt: CardFormat) -> bytes:
    """The card as an sRGB JPEG; a landscape card is kept under MAX_LANDSCAPE_BYTES.

    The landscape card is the page's og:image, shown as it loads: progressive. The square
    and story cards are downloads the networks re-encode: baseline, which encodes in about
    a quarter of the time (a progressive encode is two passes over ten scans).
    """
    for quality in JPEG_QUALITIES:
        data = encode_jpeg(card, quality=quality, progressive=fmt is LANDSCAPE)
        if fmt is not LANDSCAPE or len(data) <= MAX_LANDSCAPE_BYTES:
            break
    return data
