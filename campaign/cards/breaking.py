"""Text analysed once per string: a font per character, bidi levels and break points."""

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from campaign.cards import bidi
from campaign.cards.fonts import EMOJI_EXTENDERS, TEXT_FAMILIES, choose_families, covers

# Kinsoku: these never start a line...
NO_START = set(
    "!%),.:;?]}¢°’”‰′″℃、。〉》」』】〕〗〙〛〞︰︱︳﹐﹒﹔﹕﹖﹗﹚﹜﹞"
    "！），．：；？］｝｠｡｣､･ー…‥—–〜～·・"
)
# ...and these never end one.
NO_END = set("([{£¥‘“〈《「『【〔〖〘〚〝﹙﹛﹝（［｛｟｢＄￡￥")


@dataclass(frozen=True)
class Analysis:
    text: str  # what will be drawn: characters no font has are already removed
    families: tuple[str, ...]
    levels: tuple[int, ...]
    breaks: tuple[int, ...]  # logical indices where a new line may start, ascending
    forced: frozenset[int]  # indices where a new line must start (after a newline)
    rtl: bool
    changes: tuple[int, ...]  # indices where the font or the bidi level changes
    # Widths of measured spans by (start, end, bold, size): the text is laid out at
    # several sizes and in several formats, and most spans recur.
    widths: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


ELLIPSIS = "…"
# A cut at a sentence's end drops its full stop too: "أحفادي.…" reads as four dots.
TRIMMED_BEFORE_ELLIPSIS = " \n,;:.،؛，、。"


@lru_cache(maxsize=256)
def analyse(text: str, rtl: bool, preferred: str) -> Analysis:
    """Everything about a text that does not depend on its size."""
    text = _normalise(text)
    families = choose_families(text, preferred)
    kept = [index for index, family in enumerate(families) if family or text[index] == "\n"]
    text = "".join(text[index] for index in kept)
    families = [families[index] for index in kept]
    breaks, forced = _break_points(text, families)
    return _assemble(text, families, bidi.levels(text, rtl), breaks, forced, rtl)


def with_ellipsis(analysis: Analysis, cut: int, preferred: str) -> Analysis:
    """The text up to cut, trimmed, with an ellipsis: an excerpt, analysed from its whole."""
    text = analysis.text[:cut].rstrip(TRIMMED_BEFORE_ELLIPSIS)
    end = len(text)
    family = analysis.families[end - 1] if end else preferred
    if not covers(family, ELLIPSIS):
        family = next(f for f in (preferred, *TEXT_FAMILIES) if covers(f, ELLIPSIS))
    return _assemble(
        text + ELLIPSIS,
        [*analysis.families[:end], family],
        [*analysis.levels[:end], 1 if analysis.rtl else 0],
        [index for index in analysis.breaks if index < end],
        [index for index in analysis.forced if index < end],
        analysis.rtl,
    )


def _assemble(
    text: str,
    families: Sequence[str],
    levels: Sequence[int],
    breaks: Sequence[int],
    forced: Sequence[int],
    rtl: bool,
) -> Analysis:
    changes = [
        index
        for index in range(1, len(text))
        if families[index] != families[index - 1] or levels[index] != levels[index - 1]
    ]
    return Analysis(
        text,
        tuple(families),
        tuple(levels),
        tuple(breaks),
        frozenset(forced),
        rtl,
        tuple(changes),
    )


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in paragraphs if line)


def _break_points(text: str, families: list[str]) -> tuple[list[int], list[int]]:
    breaks, forced = [], []
    for index in range(1, len(text)):
        before, char = text[index - 1], text[index]
        if before == "\n":
            breaks.append(index)
            forced.append(index)
        elif char in NO_START or before in NO_END or char == "\n":
            continue
        elif (before.isspace() and not char.isspace()) or _ideographic_boundary(
            text, families, index
        ):
            breaks.append(index)
    return breaks, forced


def _ideographic_boundary(text: str, families: Sequence[str], index: int) -> bool:
    """Chinese and emoji may break between any two graphemes."""
    return _is_cluster_start(text, families, index) and (
        _is_ideographic(text, families, index) or _is_ideographic(text, families, index - 1)
    )


def _is_ideographic(text: str, families: Sequence[str], index: int) -> bool:
    if families[index] == "emoji":
        return True
    return families[index] == "cjk" and unicodedata.east_asian_width(text[index]) in ("W", "F")


# Thai and Lao SARA AM are letters that attach to the consonant before them; the vowels
# written before their consonant in Thai and Lao never end a line.
ATTACHED_LETTERS = {"\u0e33", "\u0eb3"}
LEADING_VOWELS = {chr(code) for code in (*range(0x0E40, 0x0E45), *range(0x0EC0, 0x0EC5))}
VIRAMA = 9  # the canonical combining class of viramas (Indic conjuncts)


def _is_cluster_start(text: str, families: Sequence[str], index: int) -> bool:
    """False inside a grapheme (after UAX #29, with Indic conjuncts kept whole): before a
    combining mark or joiner, after a virama or a leading vowel, inside an emoji sequence,
    a flag or a Hangul syllable written in jamo."""
    char, before = text[index], text[index - 1]
    code = ord(char)
    if unicodedata.category(char)[0] == "M" or code in EMOJI_EXTENDERS or char == "\u200c":
        return False
    if char in ATTACHED_LETTERS or before in LEADING_VOWELS or before == "\u200d":
        return False
    if unicodedata.combining(before) == VIRAMA and unicodedata.category(char) == "Lo":
        return False
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:  # a jamo vowel or final
        return False
    if 0x1F1E6 <= code <= 0x1F1FF:  # regional indicators pair up into flags
        run = 0
        while index - run - 1 >= 0 and 0x1F1E6 <= ord(text[index - run - 1]) <= 0x1F1FF:
            run += 1
        return run % 2 == 0
    return True


def cluster_starts(analysis: Analysis, start: int, end: int) -> list[int]:
    """Indices in [start, end) where a grapheme begins: the last resort for breaking."""
    return list(iter_cluster_starts(analysis, start, end))


def iter_cluster_starts(analysis: Analysis, start: int, end: int) -> Iterator[int]:
    """cluster_starts one by one, for a caller that stops once a line is full."""
    for index in range(start + 1, end):
        if _is_cluster_start(analysis.text, analysis.families, index):
            yield index
