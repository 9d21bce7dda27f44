"""Measuring, line breaking and fitting text into a box by shrinking it."""

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from campaign.cards.bidi import visual_order
from campaign.cards.breaking import ELLIPSIS, Analysis, analyse, cluster_starts, with_ellipsis
from campaign.cards.fonts import EMOJI_NATIVE_SIZE, get_font

LANGUAGE_TAGS = {"arabic": "ar", "cjk": "zh-Hans"}


@dataclass(frozen=True)
class Style:
    size: int
    bold: bool = False
    line_spacing: float = 1.3  # baseline to baseline, in font sizes


@dataclass(frozen=True)
class Piece:
    text: str  # in logical order; drawn left to right or right to left as a whole
    family: str
    rtl: bool
    width: float


@dataclass(frozen=True)
class Line:
    pieces: tuple[Piece, ...]  # in display order, left to right
    width: float


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
    width = font.getlength(text, direction=direction, language=LANGUAGE_TAGS.get(family))
    return width * REFERENCE_SIZE / size


@lru_cache(maxsize=8192)
def _reference_ink(text: str, family: str, bold: bool, rtl: bool) -> tuple[float, float]:
    if family == "emoji":
        scale = REFERENCE_SIZE / EMOJI_NATIVE_SIZE
        ascent, descent = get_font(family, bold, EMOJI_NATIVE_SIZE).getmetrics()
        return ascent * scale, descent * scale
    font = get_font(family, bold, REFERENCE_SIZE)
    direction = "rtl" if rtl else "ltr"
    language = LANGUAGE_TAGS.get(family)
    _, top, _, bottom = font.getbbox(text, direction=direction, language=language, anchor="ls")
    return max(0.0, -top), max(0.0, bottom)


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
        ranges = _wrap(analysis, current, width, budget)
        if len(ranges) <= budget:
            block = layout(analysis, current, width, ranges)
            if _fits(block, width, height, max_lines):
                return with_ink(block)
        if size <= min_size:
            if excerpt_size:
                current = Style(excerpt_size, style.bold, style.line_spacing)
            return with_ink(_excerpt(analysis, current, width, height, max_lines, preferred))
        size = max(min_size, int(size * step))


def layout(
    analysis: Analysis, style: Style, width: float, ranges: list[tuple[int, int]] | None = None
) -> Block:
    """Lines no wider than width (when any break allows), from ranges if already broken.

    Its ink above and below is the fonts' ascent and descent: at least the real ink,
    and cheap while the fitting tries sizes; with_ink measures the chosen block.
    """
    if ranges is None:
        ranges = _wrap(analysis, style, width)
    lines = tuple(_line(analysis, style, start, end) for start, end in ranges)
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
    ranges = _wrap(analysis, style, width, _line_budget(style, height, max_lines))
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


def _unit_width(analysis: Analysis, style: Style, start: int, end: int) -> float:
    key = (start, end, style.bold, style.size)
    width = analysis.widths.get(key)
    if width is None:
        width = 0.0
        first = bisect_right(analysis.changes, start)
        last = bisect_left(analysis.changes, end)
        bounds = [start, *analysis.changes[first:last], end]
        for run_start, run_end in zip(bounds, bounds[1:], strict=False):
            family = analysis.families[run_start]
            if family and run_end > run_start:  # a newline has no font and no width
                text = analysis.text[run_start:run_end]
                rtl = analysis.levels[run_start] % 2 == 1
                width += measure(text, family, style.bold, style.size, rtl)
        analysis.widths[key] = width
    return width


def _run_key(analysis: Analysis, index: int) -> tuple[str, int]:
    return analysis.families[index], analysis.levels[index]


def _wrap(
    analysis: Analysis, style: Style, width: float, limit: int | None = None
) -> list[tuple[int, int]]:
    text = analysis.text
    bounds = [0, *analysis.breaks, len(text)]
    units = list(zip(bounds, bounds[1:], strict=False))
    lines: list[tuple[int, int]] = []
    line_start, line_width = 0, 0.0
    queue = list(reversed(units))
    while queue:
        start, end = queue.pop()
        visible_end = _strip_end(text, start, end)
        unit_width = _unit_width(analysis, style, start, visible_end)
        forced = start in analysis.forced and start != line_start
        if not forced and line_width + unit_width <= width:
            line_width += _unit_width(analysis, style, start, end)
            continue
        if start == line_start:
            # One unit wider than the line: break it between graphemes.
            pieces = [start, *cluster_starts(analysis, start, end), end]
            fitting = _longest_prefix(analysis, style, pieces, width)
            lines.append((start, fitting))
            queue.append((fitting, end))
            line_start, line_width = fitting, 0.0
            continue
        lines.append((line_start, start))
        line_start, line_width = start, 0.0
        queue.append((start, end))
        if limit is not None and len(lines) > limit:
            return [(a, _strip_end(text, a, b)) for a, b in lines]
    if line_start < len(text) or not lines:
        lines.append((line_start, len(text)))
    return [(start, _strip_end(text, start, end)) for start, end in lines]


def _longest_prefix(analysis: Analysis, style: Style, cuts: list[int], width: float) -> int:
    start = cuts[0]
    best = cuts[1]  # at least one grapheme per line, or we would never finish
    for cut in cuts[2:]:
        if _unit_width(analysis, style, start, cut) > width:
            break
        best = cut
    return best


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _line(analysis: Analysis, style: Style, start: int, end: int) -> Line:
    levels = list(analysis.levels[start:end])
    order = [start + i for i in visual_order(levels, analysis.text[start:end], analysis.rtl)]
    pieces: list[Piece] = []
    group: list[int] = []
    for index in order:
        if group and (
            _run_key(analysis, index) != _run_key(analysis, group[-1])
            or abs(index - group[-1]) != 1
        ):
            pieces.append(_piece(analysis, style, group))
            group = []
        group.append(index)
    if group:
        pieces.append(_piece(analysis, style, group))
    return Line(tuple(pieces), sum(piece.width for piece in pieces))


def _piece(analysis: Analysis, style: Style, indices: list[int]) -> Piece:
    first, last = min(indices), max(indices)
    text = analysis.text[first : last + 1]
    family = analysis.families[first]
    rtl = analysis.levels[first] % 2 == 1
    return Piece(text, family, rtl, measure(text, family, style.bold, style.size, rtl))
