"""Laying out a statement with no break in it costs about what an ordinary one costs.

Counted, not timed: the grapheme checks and the text measurements the layout makes for
every card format. 278 × U+FDFD (a ligature several ems wide) used to take over four million
grapheme checks, 1.4 to 2.2 s an edit; an ordinary statement takes a few thousand.
"""

import dataclasses
from collections import Counter

import pytest

from campaign.cards import breaking, layout, lines, text
from campaign.cards.formats import FORMATS, Branding
from campaign.cards.samples import sample_content

ORDINARY = ("Learning every day keeps my mind open and my heart young. " * 5)[:280]
UNBROKEN = {
    "278 × U+FDFD": "\ufdfd" * 278,
    "280 × x": "x" * 280,
    "280 × ب": "\u0628" * 280,
    "an official's 1500 × U+FDFD": "\ufdfd" * 1500,
}
# An unbroken run is broken between graphemes, which costs a little more than at spaces.
AS_MUCH_AS = 10


def layout_work(monkeypatch, statement: str, official: bool = False) -> int:
    """Grapheme checks plus text measurements for laying out every format afresh."""
    calls = Counter()

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(
        breaking, "_is_cluster_start", counted("cluster", breaking._is_cluster_start)
    )
    monkeypatch.setattr(lines, "measure", counted("measure", lines.measure))
    _forget_layouts()
    content = dataclasses.replace(sample_content("en", official=official), statement=statement)
    for fmt in FORMATS.values():
        layout.layout_card(content, fmt, Branding())
    monkeypatch.undo()
    _forget_layouts()
    return sum(calls.values())


def _forget_layouts() -> None:
    """Lay out afresh: the analyses (with the widths they remember) and layouts are cached."""
    for cached in (breaking.analyse, text._extent, layout.layout_card):
        cached.cache_clear()


@pytest.mark.parametrize("case", UNBROKEN, ids=list(UNBROKEN))
def test_unbroken_runs_cost_about_what_ordinary_text_costs(monkeypatch, case):
    statement = UNBROKEN[case]
    official = len(statement) > 280
    ordinary = layout_work(monkeypatch, ORDINARY, official)
    assert ordinary > 0
    assert layout_work(monkeypatch, statement, official) <= AS_MUCH_AS * ordinary
