"""Breaking analysed text into lines no wider than a box, and lines into font runs."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import chain

from campaign.cards.bidi import visual_order
from campaign.cards.breaking import Analysis, iter_cluster_starts
from campaign.cards.metrics import measure


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


def _unit_width(analysis: Analysis, style: Style, start: int, end: int) -> float:
    key = (start, end, style.bold, style.size)
    width = analysis.widths.get(key)
    if width is None:
        width = 0.0
        first = bisect_right(analysis.changes, start)
        last = bisect_left(analysis.changes, end)
        bounds = [start, *analysis.changes[first:last], end]
        for run_start, run_end in zip(bounds, bounds[1:], strict=False):
            if run_end <= run_start:
                continue  # an empty text (every character dropped) has no run
            family = analysis.families[run_start]
            if family:  # a newline has no font and no width
                text = analysis.text[run_start:run_end]
                rtl = analysis.levels[run_start] % 2 == 1
                width += measure(text, family, style.bold, style.size, rtl)
        analysis.widths[key] = width
    return width


def _run_key(analysis: Analysis, index: int) -> tuple[str, int]:
    return analysis.families[index], analysis.levels[index]


def wrap(
    analysis: Analysis, style: Style, width: float, limit: int | None = None
) -> list[tuple[int, int]]:
    """Line ranges (start, end) of the text at this style, each no wider than width when a
    break allows; stops once more than limit lines are made."""
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
            fitting = _longest_prefix(analysis, style, start, end, width)
            lines.append((start, fitting))
            queue.append((fitting, end))
            line_start, line_width = fitting, 0.0
            if limit is not None and len(lines) > limit:
                # A long run without a break (278 × U+FDFD) would otherwise be broken to
                # its end however few lines fit: seconds of work for every card size tried.
                return [(a, _strip_end(text, a, b)) for a, b in lines]
            continue
        lines.append((line_start, start))
        line_start, line_width = start, 0.0
        queue.append((start, end))
        if limit is not None and len(lines) > limit:
            return [(a, _strip_end(text, a, b)) for a, b in lines]
    if line_start < len(text) or not lines:
        lines.append((line_start, len(text)))
    return [(start, _strip_end(text, start, end)) for start, end in lines]


def _longest_prefix(analysis: Analysis, style: Style, start: int, end: int, width: float) -> int:
    """Where the most whole graphemes from start that fit width end; at least one, or we would
    never finish. Graphemes are looked for only as far as the line reaches, not to the end of
    the run (a run of hundreds of wide ligatures would cost seconds)."""
    best = None
    for cut in chain(iter_cluster_starts(analysis, start, end), [end]):
        if best is not None and _unit_width(analysis, style, start, cut) > width:
            break
        best = cut
    return best


def _strip_end(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends without its trailing spaces."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def build_line(analysis: Analysis, style: Style, start: int, end: int) -> Line:
    """The text from start to end as one line: its font runs in display order, measured."""
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
