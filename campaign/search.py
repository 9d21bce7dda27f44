"""Search in names, cities and statements, behind one function whatever the engine.

PostgreSQL: full-text search over an expression GIN index,
to_tsvector('simple', wall_unaccent(name || ' ' || city || ' ' || statement)), so
"ecole" finds "École" (wall_unaccent is unaccent() when the extension could be
installed, the identity otherwise; see migration wall_1).
SQLite: the FTS5 table entries_fts (tokenizer unicode61 with remove_diacritics 2),
kept in step with `entries` by triggers.
Words in Arabic or Chinese script are matched as substrings instead: Chinese is written
without spaces and Arabic joins articles and prepositions to the word, so a word index
would miss most of what a reader means.
"""

import re
from collections.abc import Sequence

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    and_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.sql.util import ClauseAdapter

from campaign.extensions import db
from campaign.models import Entry

WORD = re.compile(r"\w+")
MAX_WORDS = 8
# Arabic, Syriac/Thaana neighbours, Arabic presentation forms; CJK, kana and Hangul.
SUBSTRING_SCRIPTS = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
)
# SQL string literals (standard_conforming_strings): ' ', \, \\, a quote, two, and quote + :*
SIMPLE = literal_column("'simple'::regconfig")
SPACE = literal_column("' '")
BACKSLASH = literal_column(r"'\'")
TWO_BACKSLASHES = literal_column(r"'\\'")
QUOTE = literal_column("''''")
TWO_QUOTES = literal_column("''''''")
QUOTE_PREFIX = literal_column("''':*'")
# PostgreSQL: how many rows, in the page's own order, a search looks through before it asks
# the GIN index instead. A word on 1 entry in 20 or more fills a page among them (cheaper than
# fetching and sorting all its matches); a rarer one goes to the index, whose cost grows with
# the number of its matches, not with the size of the wall.
RECENT_WINDOW = 500


def search_condition(query: str, dialect: str) -> ColumnElement[bool] | None:
    """A WHERE condition on `entries` matching every word of the query (the last as a prefix).

    None when the query holds no word at all (only punctuation), meaning "no filter".
    """
    words = WORD.findall(query)[:MAX_WORDS]
    indexed = [word for word in words if not SUBSTRING_SCRIPTS.search(word)]
    substrings = [word for word in words if SUBSTRING_SCRIPTS.search(word)]
    conditions = [_substring(word) for word in substrings]
    if indexed:
        prefix_last = bool(words) and words[-1] == indexed[-1]
        if dialect == "postgresql":
            conditions.append(_postgresql(indexed, prefix_last))
        else:
            conditions.append(_sqlite(indexed, prefix_last))
    if not conditions:
        return None
    return and_(*conditions)


def matching_rows(
    query: Select, order: Sequence, limit: int, q: str | None, dialect: str
) -> list[Row]:
    """The first `limit` rows of `query` (on `entries`) in `order` that match the search `q`."""
    condition = search_condition(q, dialect) if q else None
    if condition is None or dialect != "postgresql":
        if condition is not None:
            query = query.where(condition)
        return list(db.session.execute(query.order_by(*order).limit(limit)))
    # PostgreSQL's planner cannot know whether a word's matches are among the newest rows:
    # left to itself it may walk the wall's index computing to_tsvector for every row, which
    # for a rare word is the whole table (about 1 s at 100,000 entries). So: a bounded look at
    # the first rows in order (a common word fills the page there), then the GIN index.
    recent = query.order_by(*order).limit(RECENT_WINDOW).subquery()
    rows = list(db.session.execute(_ordered(recent, order, limit, condition)))
    if len(rows) == limit:
        return rows
    # OFFSET 0 plans the subquery on its own, without the ORDER BY ... LIMIT that made the
    # index walk look cheap: what is left is the GIN index and a sort of its matches.
    matches = query.where(condition).offset(0).subquery()
    return list(db.session.execute(_ordered(matches, order, limit)))


def _ordered(subquery, order: Sequence, limit: int, condition=None) -> Select:
    """The subquery's rows in the page's order (and matching `condition`, if given)."""
    adapt = ClauseAdapter(subquery).traverse
    outer = select(*subquery.c)
    if condition is not None:
        outer = outer.where(adapt(condition))
    return outer.order_by(*(adapt(term) for term in order)).limit(limit)


def _substring(word: str) -> ColumnElement[bool]:
    return or_(
        Entry.statement.contains(word, autoescape=True),
        Entry.name.contains(word, autoescape=True),
        Entry.city.contains(word, autoescape=True),
    )


def _postgresql(words: list[str], prefix_last: bool) -> ColumnElement[bool]:
    # The GIN index's own expression (migration wall_1), so that the planner can use it.
    document = func.to_tsvector(
        SIMPLE, func.wall_unaccent(Entry.name + SPACE + Entry.city + SPACE + Entry.statement)
    )
    last = len(words) - 1
    tsquery = None
    for index, word in enumerate(words):
        term = _tsquery_term(f"wall_q{index}", word, prefix_last and index == last)
        tsquery = term if tsquery is None else tsquery.op("&&")(term)
    return document.op("@@", is_comparison=True)(tsquery)


def _tsquery_term(name: str, word: str, prefix: bool) -> ColumnElement:
    # unaccent() turns some letters into punctuation (ʻ → ', ː → :, ⑴ → (1)), which to_tsquery
    # reads as syntax: so the word is quoted as one operand *after* unaccent, quotes and
    # backslashes doubled. A word that is only punctuation then matches nothing.
    unaccented = func.wall_unaccent(bindparam(name, word, type_=String))
    escaped = func.replace(func.replace(unaccented, BACKSLASH, TWO_BACKSLASHES), QUOTE, TWO_QUOTES)
    operand = QUOTE.op("||")(escaped).op("||")(QUOTE_PREFIX if prefix else QUOTE)
    return func.to_tsquery(SIMPLE, operand)


def _sqlite(words: list[str], prefix_last: bool) -> ColumnElement[bool]:
    # Each word becomes an FTS5 string (quotes doubled), so no word is read as syntax.
    phrases = ['"' + word.replace('"', '""') + '"' for word in words]
    if prefix_last:
        phrases[-1] += "*"
    matching = text("SELECT rowid FROM entries_fts WHERE entries_fts MATCH :wall_fts").bindparams(
        bindparam("wall_fts", " ".join(phrases))
    )
    return Entry.id.in_(matching.columns(literal_column("rowid")))
