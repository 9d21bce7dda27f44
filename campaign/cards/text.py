"""Measuring, line breaking and fitting text into a box by shrinking it."""

from dataclasses import dataclass
from functools import lru_cache

from campaign.cards.bidi import visual_order
from campaign.cards.breaking import Analysis, analyse, cluster_starts
from campaign.cards.fonts import EMOJI_NATIVE_SIZE, get_font

ELLIPSIS = "…"
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


@lru_cache(maxsize=4096)
def measure(text: str, family: str, bold: bool, size: int, rtl: bool) -> float:
    """Advance width of a run drawn with one font, shaped."""
    font = get_font(family, bold, size)
    direction = "rtl" if rtl else "ltr"
    width = font.getlength(text, direction=direction, language=LANGUAGE_TAGS.get(family))
    if family == "emoji":
        width *= size / EMOJI_NATIVE_SIZE
    return width


@lru_cache(maxsize=4096)
def ink(text: str, family: str, bold: bool, size: int, rtl: bool) -> tuple[float, float]:
    """How far a run's ink reaches above and below its baseline."""
    font = get_font(family, bold, size)
    if family == "emoji":
        ascent, descent = font.getmetrics()
        return ascent * size / EMOJI_NATIVE_SIZE, descent * size / EMOJI_NATIVE_SIZE
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
) -> Block:
    """The largest layout from style.size down to min_size that fits; else an excerpt."""
    analysis = analyse(text, rtl, preferred)
    size = style.size
    while True:
        current = Style(size, style.bold, style.line_spacing)
        block = layout(analysis, current, width)
        if _fits(block, width, height, max_lines):
            return block
        if size <= min_size:
            return _excerpt(analysis, current, width, height, max_lines, preferred)
        size = max(min_size, int(size * step))


def layout(analysis: Analysis, style: Style, width: float) -> Block:
    """Break the analysed text into lines no wider than width (when any break allows)."""
    ranges = _wrap(analysis, style, width)
    lines = tuple(_line(analysis, style, start, end) for start, end in ranges)
    top = max((_ink(piece, style)[0] for piece in lines[0].pieces), default=0.0)
    bottom = max((_ink(piece, style)[1] for piece in lines[-1].pieces), default=0.0)
    return Block(lines, style, top, bottom)


def _ink(piece: Piece, style: Style) -> tuple[float, float]:
    return ink(piece.text, piece.family, style.bold, style.size, piece.rtl)


def _fits(block: Block, width: float, height: float, max_lines: int | None) -> bool:
    if max_lines is not None and len(block.lines) > max_lines:
        return False
    return block.height <= height and block.width <= width


def _excerpt(
    analysis: Analysis,
    style: Style,
    width: float,
    height: float,
    max_lines: int | None,
    preferred: str,
) -> Block:
    # The longest prefix ending at a break point that still fits with an ellipsis.
    cuts = list(analysis.breaks) or cluster_starts(analysis, 0, len(analysis.text))
    cuts.append(len(analysis.text))
    best = layout(analyse(ELLIPSIS, analysis.rtl, preferred), style, width)
    low, high = 0, len(cuts) - 1
    while low <= high:
        middle = (low + high) // 2
        prefix = analysis.text[: cuts[middle]].rstrip(" \n,;:،，、") + ELLIPSIS
        block = layout(analyse(prefix, analysis.rtl, preferred), style, width)
        if _fits(block, width, height, max_lines):
            best, low = block, middle + 1
        else:
            high = middle - 1
    return Block(best.lines, best.style, best.top, best.bottom, excerpt=True)


def _unit_width(analysis: Analysis, style: Style, start: int, end: int) -> float:
    total = 0.0
    run_start = start
    for index in range(start + 1, end + 1):
        if index == end or _run_key(analysis, index) != _run_key(analysis, run_start):
            family = analysis.families[run_start]
            if family:  # a newline has no font and no width
                text = analysis.text[run_start:index]
                rtl = analysis.levels[run_start] % 2 == 1
                total += measure(text, family, style.bold, style.size, rtl)
            run_start = index
    return total


def _run_key(analysis: Analysis, index: int) -> tuple[str, int]:
    return analysis.families[index], analysis.levels[index]


def _wrap(analysis: Analysis, style: Style, width: float) -> list[tuple[int, int]]:
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
