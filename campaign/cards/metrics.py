"""How wide a run of text is, and how far its ink reaches, in the font chosen for it."""

import math
from functools import lru_cache

from campaign.cards.fonts import EMOJI_NATIVE_SIZE, get_font, language_tag


def measure(text: str, family: str, bold: bool, size: int, rtl: bool) -> float:
    """Advance width of a run drawn with one font, shaped."""
    return _reference_width(text, family, bold, rtl) * size / REFERENCE_SIZE


def ink(text: str, family: str, bold: bool, size: int, rtl: bool) -> tuple[float, float]:
    """How far a run's ink reaches above and below its baseline (rounded outwards)."""
    above, below = _reference_ink(text, family, bold, rtl)
    scale = size / REFERENCE_SIZE
    return math.ceil(above * scale) + 1, math.ceil(below * scale) + 1


# Outlines scale linearly (within a fifth of a pixel at card sizes), so every run is
# shaped once at a reference size and scaled while the fitting tries smaller sizes.
REFERENCE_SIZE = 100


@lru_cache(maxsize=8192)
def _reference_width(text: str, family: str, bold: bool, rtl: bool) -> float:
    size = EMOJI_NATIVE_SIZE if family == "emoji" else REFERENCE_SIZE
    font = get_font(family, bold, size)
    direction = "rtl" if rtl else "ltr"
    width = font.getlength(text, direction=direction, language=language_tag(family))
    return width * REFERENCE_SIZE / size


@lru_cache(maxsize=8192)
def _reference_ink(text: str, family: str, bold: bool, rtl: bool) -> tuple[float, float]:
    if family == "emoji":
        scale = REFERENCE_SIZE / EMOJI_NATIVE_SIZE
        ascent, descent = get_font(family, bold, EMOJI_NATIVE_SIZE).getmetrics()
        return ascent * scale, descent * scale
    font = get_font(family, bold, REFERENCE_SIZE)
    direction = "rtl" if rtl else "ltr"
    language = language_tag(family)
    _, top, _, bottom = font.getbbox(text, direction=direction, language=language, anchor="ls")
    return max(0.0, -top), max(0.0, bottom)
