"""The full-text search objects the wall's migration creates outside the models.

The wall's ordinary indexes are declared on the model (`Entry.__table_args__`).
"""

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
