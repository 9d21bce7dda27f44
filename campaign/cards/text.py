"""Fitting text into a box: laid out in lines, shrunk step by step, cut as a last resort."""

import math
from dataclasses import dataclass
from functools import lru_cache

from campaign.cards.breaking import ELLIPSIS, Analysis, analyse, with_ellipsis
from campaign.cards.fonts import get_font
from campaign.cards.lines import Line, Piece, Style, build_line, wrap
from campaign.cards.metrics import REFERENCE_SIZE, ink

ORPHAN_STEPS = 10  # bisection steps: to within a thousandth of the line's width


@dataclass(frozen=True)
class Block:
    lines: tuple[Line, ...]
    style: Style
    top: float  # ink above the first baseline (positive)
    bottom: float  # ink below the last baseline
    excerpt: bool = False  # the text was cut and ends with an ellipsis

    @property
    def line_height(self) -> float:
        return self.style.size * self.style.line_spacing

    @property
    def height(self) -> float:
        return self.top + self.line_height * (len(self.lines) - 1) + self.bottom

    @property
    def width(self) -> float:
        return max((line.width for line in self.lines), default=0.0)


def fit(
    text: str,
    style: Style,
    width: float,
    height: float,
    *,
    min_size: int,
    rtl: bool = False,
    preferred: str = "latin",
    max_lines: int | None = None,
    step: float = 0.92,
    excerpt_size: int | None = None,
) -> Block:
    """The largest layout from style.size down to min_size that fits; else an excerpt.

    The excerpt is set at excerpt_size when given: a statement too long for the card
    is better read larger and cut sooner than shrunk to the smallest size.
    """
    analysis = analyse(text, rtl, preferred)
    size = style.size
    while True:
        current = Style(size, style.bold, style.line_spacing)
        budget = _line_budget(current, height, max_lines)
        ranges = wrap(analysis, current, width, budget)
        if len(ranges) <= budget:
            block = layout(analysis, current, width, ranges)
            if _fits(block, width, height, max_lines):
                return with_ink(block)
        if size <= min_size:
            if excerpt_size:
                current = Style(excerpt_size, style.bold, style.line_spacing)
            return with_ink(_excerpt(analysis, current, width, height, max_lines, preferred))
        size = max(min_size, int(size * step))


def without_orphan(
    text: str, block: Block, *, rtl: bool = False, preferred: str = "latin"
) -> Block:
    """The block with at least two words on its last line, at the same size and line count:
    a heading on two lines does not leave one word alone ("… la vie parce / que…").

    The widest line width that does so, found by bisection; words are never split."""
    count = len(block.lines)
    if count < 2 or block.excerpt:
        return block
    analysis = analyse(text, rtl, preferred)
    breaks = {0, *analysis.breaks}
    style = block.style
    if _words_after(analysis, wrap(analysis, style, block.width, count)[-1][0]) >= 2:
        return block
    narrow, wide = block.width / count, block.width
    best = None
    for _ in range(ORPHAN_STEPS):
        width = (narrow + wide) / 2
        ranges = wrap(analysis, style, width, count)
        if len(ranges) > count or not all(start in breaks for start, _ in ranges):
            narrow = width
            continue
        if _words_after(analysis, ranges[-1][0]) >= 2:
            narrow, best = width, ranges
        else:
            wide = width
    return with_ink(layout(analysis, style, narrow, best)) if best else block


def _words_after(analysis: Analysis, start: int) -> int:
    """How many words (units between breaks) the text holds from start on."""
    return 1 + sum(1 for position in analysis.breaks if position > start)


def layout(
    analysis: Analysis, style: Style, width: float, ranges: list[tuple[int, int]] | None = None
) -> Block:
    """Lines no wider than width (when any break allows), from ranges if already broken.

    Its ink above and below is the fonts' ascent and descent: at least the real ink,
    and cheap while the fitting tries sizes; with_ink measures the chosen block.
    """
    if ranges is None:
        ranges = wrap(analysis, style, width)
    lines = tuple(build_line(analysis, style, start, end) for start, end in ranges)
    top = max((_extent(piece.family, style)[0] for piece in lines[0].pieces), default=0.0)
    bottom = max((_extent(piece.family, style)[1] for piece in lines[-1].pieces), default=0.0)
    return Block(lines, style, top, bottom)


def with_ink(block: Block) -> Block:
    """The block with its real ink above the first baseline and below the last."""
    if not block.lines:
        return block
    style = block.style
    top = max((_ink(piece, style)[0] for piece in block.lines[0].pieces), default=0.0)
    bottom = max((_ink(piece, style)[1] for piece in block.lines[-1].pieces), default=0.0)
    return Block(block.lines, style, top, bottom, block.excerpt)


def _ink(piece: Piece, style: Style) -> tuple[float, float]:
    return ink(piece.text, piece.family, style.bold, style.size, piece.rtl)


@lru_cache(maxsize=512)
def _extent(family: str, style: Style) -> tuple[float, float]:
    if family == "emoji":
        return ink("", family, style.bold, style.size, False)
    ascent, descent = get_font(family, style.bold, REFERENCE_SIZE).getmetrics()
    scale = style.size / REFERENCE_SIZE
    return math.ceil(ascent * scale) + 1, math.ceil(descent * scale) + 1


def _fits(block: Block, width: float, height: float, max_lines: int | None) -> bool:
    if max_lines is not None and len(block.lines) > max_lines:
        return False
    return block.height <= height and block.width <= width


def _line_budget(style: Style, height: float, max_lines: int | None) -> int:
    """More lines than this cannot fit the height, whatever their ink."""
    budget = int(height // (style.size * style.line_spacing)) + 1
    return budget if max_lines is None else min(budget, max_lines)


def _excerpt(
    analysis: Analysis,
    style: Style,
    width: float,
    height: float,
    max_lines: int | None,
    preferred: str,
) -> Block:
    # The first lines that fit, cut at the last break after which an ellipsis still fits.
    ranges = wrap(analysis, style, width, _line_budget(style, height, max_lines))
    cuts = sorted(set(analysis.breaks) | {end for _, end in ranges})
    for count in range(len(ranges), 0, -1):
        line_start, line_end = ranges[count - 1]
        for cut in reversed([c for c in cuts if line_start < c <= line_end] or [line_end]):
            block = layout(with_ellipsis(analysis, cut, preferred), style, width)
            if len(block.lines) > count:
                continue
            if not _fits(block, width, height, max_lines):
                break  # too tall with this many lines: try one line fewer
            return Block(block.lines, block.style, block.top, block.bottom, excerpt=True)
    block = layout(analyse(ELLIPSIS, analysis.rtl, preferred), style, width)
    return Block(block.lines, block.style, block.top, block.bottom, excerpt=True)
