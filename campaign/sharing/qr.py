"""A QR code of the private link, drawn on the server as inline SVG (segno): someone on a
shared computer scans it to take their way back with them. No script, no third party."""

import segno
from markupsafe import Markup


def qr_svg(url: str) -> Markup:
    """The URL as a QR code, an inline <svg> (light background, quiet zone included)."""
    code = segno.make(url, error="m")
    # segno writes well-formed SVG of its own; nothing from the URL is markup in it.
    return Markup(code.svg_inline(scale=4, border=4, dark="#1b1f3b", light="#ffffff"))  # noqa: S704
