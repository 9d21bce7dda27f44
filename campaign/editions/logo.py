"""An edition's logo: decoded and re-encoded like any upload (campaign/images.py), checked
that it will show on the cards, stored as a PNG under a name of its own.

A new logo gets a new key and the old file goes once the change is committed; cards already
rendered have the old logo drawn into them, so they keep their look and their URLs until
`flask cards rerender --edition <slug>` makes them again (campaign/submissions/rerender.py).
"""

import hashlib

from flask_babel import gettext as _
from PIL import Image, ImageStat

from campaign import cards
from campaign.images import PhotoError, encoded, load_logo
from campaign.models import Edition
from campaign.storage import FileLedger

# Below this share of visible pixels (alpha of at least half) nothing would show.
MIN_VISIBLE = 0.02
# The visible parts of a logo with transparency against the card's background (WCAG's ratio).
MIN_CONTRAST = 1.6


def set_logo(edition: Edition, data: bytes, files: FileLedger) -> None:
    """Store a new logo for the edition, or raise PhotoError saying why it cannot be used."""
    logo = load_logo(data)
    _check_visible(logo, edition.background or cards.Branding().background)
    png = encoded(logo, "PNG", optimize=True)
    key = f"logos/{edition.slug}-{hashlib.sha256(png).hexdigest()[:12]}.png"
    if key != edition.logo_key:
        files.save(key, png)
        if edition.logo_key:
            files.delete_after_commit(edition.logo_key)
    edition.logo_key = key


def remove_logo(edition: Edition, files: FileLedger) -> None:
    if edition.logo_key:
        files.delete_after_commit(edition.logo_key)
    edition.logo_key = None


def _check_visible(logo: Image.Image, background: str) -> None:
    alpha = logo.getchannel("A")
    if alpha.getextrema()[0] == 255:
        return  # opaque: shown as it is, on its own background
    visible = alpha.point(lambda value: 255 if value >= 128 else 0)
    share = ImageStat.Stat(visible).mean[0] / 255
    if share < MIN_VISIBLE:
        raise PhotoError(
            _("This logo is (almost) entirely transparent: nothing of it would show on the cards.")
        )
    seen = ImageStat.Stat(logo.convert("RGB"), mask=visible).mean
    ratio = _contrast(_luminance(seen), _luminance(_rgb(background)))
    if ratio < MIN_CONTRAST:
        raise PhotoError(
            _(
                "The visible parts of this transparent logo are too close to the cards’ "
                "background colour (%(colour)s) to be seen. Use a lighter logo, or one on an "
                "opaque background.",
                colour=background,
            )
        )


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""

    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: float, second: float) -> float:
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)
