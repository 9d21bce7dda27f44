"""The card fonts: which file covers which character, and cached loading."""

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont, features

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"

# Family -> (regular file, bold file).
FILES = {
    "latin": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "cjk": ("NotoSansSC-Regular.subset.otf", "NotoSansSC-Bold.subset.otf"),
    "emoji": ("NotoColorEmoji.ttf", "NotoColorEmoji.ttf"),
}
EMOJI_NATIVE_SIZE = 109  # the only size the bitmap emoji font loads at
TEXT_FAMILIES = ("latin", "arabic", "cjk")

# Characters that extend the emoji before them into one picture.
EMOJI_EXTENDERS = (
    {0x200D, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))
)
VARIATION_TEXT, VARIATION_EMOJI = "\ufe0e", "\ufe0f"


@dataclass(frozen=True)
class Run:
    text: str
    family: str


def check_text_engine() -> None:
    """Raise RuntimeError unless Pillow can shape Arabic (raqm with FriBiDi)."""
    if not features.check("raqm"):
        raise RuntimeError(
            "Pillow's complex text layout (libraqm) is not available, so Arabic would "
            "render unjoined and backwards. Install libraqm and libfribidi "
            "(Debian: apt install libraqm0 libfribidi0) and reinstall Pillow."
        )


@cache
def coverage() -> dict[str, frozenset[int]]:
    """Per family, the code points its regular face maps (from coverage.json)."""
    ranges = json.loads((FONT_DIR / "coverage.json").read_text(encoding="utf-8"))
    return {
        family: frozenset(
            code for first, last in ranges[files[0]] for code in range(first, last + 1)
        )
        for family, files in FILES.items()
    }


@cache
def get_font(family: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """The face of a family at a size; emoji always at its native size."""
    if family == "emoji":
        size = EMOJI_NATIVE_SIZE
    path = FONT_DIR / FILES[family][1 if bold else 0]
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def covers(family: str, char: str) -> bool:
    """True when the family's font has a glyph for the character."""
    return ord(char) in coverage()[family]


def script_of(char: str) -> str:
    """The family a character asks for by its script, or "" for neutral characters."""
    code = ord(char)
    bidi = unicodedata.bidirectional(char)
    if bidi in ("R", "AL") or 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if unicodedata.east_asian_width(char) in ("W", "F") and covers("cjk", char):
        return "cjk"
    if bidi == "L" and unicodedata.category(char)[0] == "L":
        return "latin"
    return ""


def split_runs(text: str, preferred: str = "latin") -> list[Run]:
    """Split text into runs that one font draws; characters no font has are dropped."""
    families = choose_families(text, preferred)
    runs: list[Run] = []
    for char, family in zip(text, families, strict=True):
        if not family:
            continue
        if runs and runs[-1].family == family:
            runs[-1] = Run(runs[-1].text + char, family)
        else:
            runs.append(Run(char, family))
    return runs


def choose_families(text: str, preferred: str) -> list[str]:
    """The family drawing each character, "" where no font has it."""
    chosen = [""] * len(text)
    for index in range(len(text)):
        chosen[index] = _emoji_or_script(text, index, chosen)
    # Neutral characters (spaces, digits, punctuation) follow their neighbours so a
    # run is not broken where shaping and spacing would suffer.
    for index, char in enumerate(text):
        if chosen[index]:
            continue
        before = chosen[index - 1] if index else ""
        after = next((family for family in chosen[index + 1 :] if family), "")
        for family in (before, after, preferred, *TEXT_FAMILIES, "emoji"):
            if family and (family != "emoji" or _is_emoji(text, index)) and covers(family, char):
                chosen[index] = family
                break
    return chosen


def _emoji_or_script(text: str, index: int, chosen: list[str]) -> str:
    char = text[index]
    code = ord(char)
    if (
        index
        and chosen[index - 1] == "emoji"
        and (code in EMOJI_EXTENDERS or text[index - 1] == "\u200d")
    ):
        return "emoji" if covers("emoji", char) or code in EMOJI_EXTENDERS else ""
    if _is_emoji(text, index):
        return "emoji"
    family = script_of(char)
    if family and not covers(family, char):
        family = next((f for f in TEXT_FAMILIES if covers(f, char)), "")
    if unicodedata.category(char)[0] == "M" and index and chosen[index - 1]:
        return chosen[index - 1]  # a combining mark stays with its base
    return family


def _is_emoji(text: str, index: int) -> bool:
    char = text[index]
    if not covers("emoji", char):
        return False
    following = text[index + 1 : index + 2]
    if following == VARIATION_EMOJI or following == "\u20e3":
        return True
    if following == VARIATION_TEXT:
        return False
    code = ord(char)
    pictographic = code >= 0x1F000 or 0x2190 <= code <= 0x2BFF or 0x3030 <= code <= 0x303D
    return pictographic and not any(covers(f, char) for f in TEXT_FAMILIES)
