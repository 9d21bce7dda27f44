"""A small bidi: embedding levels for runs of strong characters, and visual order per line.

It covers what a card needs (Arabic with Latin words and numbers, or the reverse),
after the Unicode Bidirectional Algorithm without explicit embeddings: strong L / R
characters keep their direction, numbers display left to right, neutrals between
two strongs of one direction take it, others take the paragraph direction.
"""

import unicodedata

STRONG_RTL = {"R", "AL"}
NUMBER = {"EN", "AN"}
NUMBER_JOINERS = {"CS", "ET"}  # "1,000", "50 %", "$5" stay one number


def classes(text: str) -> list[str]:
    """Reduced bidi class per character: "L", "R", "N" (number) or "" (neutral)."""
    reduced: list[str] = []
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi == "L":
            reduced.append("L")
        elif bidi in STRONG_RTL:
            reduced.append("R")
        elif bidi in NUMBER:
            reduced.append("N")
        elif bidi == "NSM" and reduced:
            reduced.append(reduced[-1])  # a mark takes the class of its base
        else:
            reduced.append("")
    for index in range(1, len(text) - 1):
        joins = unicodedata.bidirectional(text[index]) in NUMBER_JOINERS
        if joins and reduced[index - 1] == "N" and reduced[index + 1] == "N":
            reduced[index] = "N"
    return reduced


def levels(text: str, rtl: bool) -> list[int]:
    """Resolved embedding level per character for a paragraph of the given direction."""
    reduced = classes(text)
    base = 1 if rtl else 0
    # Direction each character counts as for its neutral neighbours.
    strong: list[str] = []
    previous = "R" if rtl else "L"
    for kind in reduced:
        if kind == "N":
            strong.append("R" if previous == "R" else "L")
        else:
            strong.append(kind)
            if kind:
                previous = kind
    resolved = list(strong)
    index = 0
    while index < len(text):
        if resolved[index]:
            index += 1
            continue
        end = index
        while end < len(text) and not resolved[end]:
            end += 1
        before = strong[index - 1] if index else ""
        after = strong[end] if end < len(text) else ""
        direction = before if before and before == after else ("R" if rtl else "L")
        resolved[index:end] = [direction] * (end - index)
        index = end
    result = []
    for kind, direction in zip(reduced, resolved, strict=True):
        if kind == "N":
            # Numbers are left to right inside any right-to-left context.
            result.append(base + 2 - base % 2 if direction == "R" or rtl else base)
        elif direction == "R":
            result.append(base if rtl else base + 1)
        else:
            result.append(base + 1 if rtl else base)
    return result


def visual_order(line_levels: list[int], text: str, rtl: bool) -> list[int]:
    """Logical indices of one line in display order, left to right (UBA rules L1, L2)."""
    line = list(line_levels)
    base = 1 if rtl else 0
    # Trailing whitespace takes the paragraph level so it stays at the line's end.
    index = len(line) - 1
    while index >= 0 and text[index].isspace():
        line[index] = base
        index -= 1
    order = list(range(len(line)))
    if not line:
        return order
    lowest_odd = min((level for level in line if level % 2), default=None)
    if lowest_odd is None:
        return order
    for level in range(max(line), lowest_odd - 1, -1):
        start = 0
        while start < len(order):
            if line[order[start]] < level:
                start += 1
                continue
            end = start
            while end < len(order) and line[order[end]] >= level:
                end += 1
            order[start:end] = reversed(order[start:end])
            start = end
    return order
