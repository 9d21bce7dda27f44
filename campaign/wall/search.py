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

from sqlalchemy import ColumnElement, and_, bindparam, literal_column, or_, text

from campaign.models import Entry

WORD = re.compile(r"\w+")
MAX_WORDS = 8
# Arabic, Syriac/Thaana neighbours, Arabic presentation forms; CJK, kana and Hangul.
SUBSTRING_SCRIPTS = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]"
)
PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, "
    "wall_unaccent(entries.name || ' ' || entries.city || ' ' || entries.statement))"
)


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


def _substring(word: str) -> ColumnElement[bool]:
    return or_(
        Entry.statement.contains(word, autoescape=True),
        Entry.name.contains(word, autoescape=True),
        Entry.city.contains(word, autoescape=True),
    )


def _postgresql(words: list[str], prefix_last: bool) -> ColumnElement[bool]:
    # Words are \w+ runs, so nothing in them is tsquery syntax.
    terms = [*words[:-1], words[-1] + (":*" if prefix_last else "")]
    tsquery = " & ".join(terms)
    return literal_column(PG_DOCUMENT).op("@@")(
        text("to_tsquery('simple'::regconfig, wall_unaccent(:wall_tsquery))").bindparams(
            bindparam("wall_tsquery", tsquery)
        )
    )


def _sqlite(words: list[str], prefix_last: bool) -> ColumnElement[bool]:
    # Each word becomes an FTS5 string (quotes doubled), so no word is read as syntax.
    phrases = ['"' + word.replace('"', '""') + '"' for word in words]
    if prefix_last:
        phrases[-1] += "*"
    matching = text("SELECT rowid FROM entries_fts WHERE entries_fts MATCH :wall_fts").bindparams(
        bindparam("wall_fts", " ".join(phrases))
    )
    return Entry.id.in_(matching.columns(literal_column("rowid")))
