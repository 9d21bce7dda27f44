"""Indexes that serve the wall's orderings and filters (created by migration wall_1).

Every wall query is `status = 'approved'`, optionally one equality filter, then
ORDER BY featured DESC, created_at DESC, id DESC with a row-value keyset condition: each
index below holds exactly that, so any page (the first or the 5,000th) is an index range
scan that stops after one page of rows.
"""

from sqlalchemy import Index

from campaign.models import Entry

_ORDER = (Entry.featured, Entry.created_at, Entry.id)

WALL_INDEXES = (
    Index("ix_entries_wall", Entry.status, *_ORDER),
    Index("ix_entries_wall_country", Entry.status, Entry.country_code, *_ORDER),
    Index("ix_entries_wall_language", Entry.status, Entry.language, *_ORDER),
    Index("ix_entries_wall_kind", Entry.status, Entry.kind, *_ORDER),
    Index("ix_entries_wall_city", Entry.status, Entry.city, *_ORDER),
)

# What the wall's migration creates outside the models, per dialect: SQLite's FTS5 table
# (and its shadow tables), PostgreSQL's expression GIN index. Alembic's autogenerate must
# neither drop them nor report them as drift.
SEARCH_TABLE_PREFIX = "entries_fts"
SEARCH_INDEX = "ix_entries_search"


def include_name(name: str | None, type_: str, parent_names: dict) -> bool:
    """Alembic include_name hook: leave the full-text search objects alone."""
    if type_ == "table" and name and name.startswith(SEARCH_TABLE_PREFIX):
        return False
    return not (type_ == "index" and name == SEARCH_INDEX)
