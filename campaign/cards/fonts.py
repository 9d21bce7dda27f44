"""The card fonts: which face draws which character, and cached loading."""

import unicodedata
from dataclasses import dataclass
from functools import cache

from PIL import ImageFont, features

from campaign.cards.typefaces import (
    OWN_FACES,
    Face,
    fallback_coverage,
    fallback_faces,
    own_coverage,
)

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


def face(family: str) -> Face:
    """The font files of a family: one of the card's own, or a fallback."""
    return OWN_FACES.get(family) or fallback_faces()[family]


def language_tag(family: str) -> str | None:
    """The OpenType language a family's text is shaped in (Chinese forms, Arabic, ...)."""
    return face(family).language


@cache
def get_font(family: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """The face of a family at a size; emoji always at its native size."""
    if family == "emoji":
        size = EMOJI_NATIVE_SIZE
    chosen = face(family)
    return ImageFont.truetype(
        str(chosen.path(bold)), size, index=chosen.index, layout_engine=ImageFont.Layout.RAQM
    )


def covers(family: str, char: str) -> bool:
    """True when the family's font has a glyph for the character."""
    own = own_coverage().get(family)
    if own is not None:
        return ord(char) in own
    return ord(char) in fallback_coverage()[family]


# Where the text itself says which CJK face suits an ideograph the Simplified one lacks.
HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))


def _within(char: str, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= ord(char) <= last for first, last in spans)


def fallback_family(char: str, hints: tuple[str, ...] = ()) -> str:
    """The first fallback family with the character (hinted ones first), or ""."""
    if _within(char, HANGUL):
        hints = ("cjk-kr", *hints)
    elif _within(char, KANA):
        hints = ("cjk-jp", *hints)
    coverage = fallback_coverage()
    for family in (*hints, *coverage):
        if family in coverage and ord(char) in coverage[family]:
            return family
    return ""


def _hints(text: str) -> tuple[str, ...]:
    """Japanese names take the Japanese face for their ideographs, Korean ones the Korean."""
    if any(_within(char, KANA) for char in text):
        return ("cjk-jp",)
    if any(_within(char, HANGUL) for char in text):
        return ("cjk-kr",)
    return ()


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
    hints = None
    for index in range(len(text)):
        chosen[index] = _emoji_or_script(text, index, chosen)
        category = unicodedata.category(text[index])[0]
        # A letter (or a mark without a base) of a script the card's own fonts lack.
        if not chosen[index] and (category == "L" or (category == "M" and not index)):
            if hints is None:
                hints = _hints(text)
            chosen[index] = fallback_family(text[index], hints)
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
        else:
            if not char.isspace() and not _ignorable(char):
                chosen[index] = fallback_family(char, hints or ())
    return chosen


def _ignorable(char: str) -> bool:
    """Joiners, variation selectors and other format characters: shaping hints, never ink."""
    return unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F


def unsupported(text: str, preferred: str = "latin") -> list[str]:
    """The characters of text that no font of the cards has, in order, each once."""
    missing: list[str] = []
    for char, family in zip(text, choose_families(text, preferred), strict=True):
        if not family and not char.isspace() and not _ignorable(char) and char not in missing:
            missing.append(char)
    return missing


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
        # A combining mark stays with its base, when the base's face has it.
        return chosen[index - 1] if covers(chosen[index - 1], char) else ""
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
