"""wall: indexes for the wall's orderings and filters; full-text search per dialect

Revision ID: wall_1
Revises: sharing_1
Create Date: 2026-11-24

SQLite: an external-content FTS5 table `entries_fts` (unicode61, remove_diacritics 2) kept
in step by three triggers on `entries`. Beware: a later batch migration that *recreates*
`entries` on SQLite (move-and-copy) drops these triggers; such a migration must create them
again (see create_sqlite_search below), and tests/wall catches it if it does not.

PostgreSQL: an IMMUTABLE wall_unaccent(text) (unaccent() when the extension is available,
the identity otherwise) and an expression GIN index on
to_tsvector('simple', wall_unaccent(name || ' ' || city || ' ' || statement)).
"""
import logging

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'wall_1'
down_revision = 'sharing_1'
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.wall_1")

ORDER = ["featured", "created_at", "id"]
INDEXES = {
    "ix_entries_wall": ["status", *ORDER],
    "ix_entries_wall_country": ["status", "country_code", *ORDER],
    "ix_entries_wall_language": ["status", "language", *ORDER],
    "ix_entries_wall_kind": ["status", "kind", *ORDER],
    "ix_entries_wall_city": ["status", "city", *ORDER],
}

SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE entries_fts USING fts5(
        name, city, statement,
        content='entries', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_fts(rowid, name, city, statement)
        VALUES (new.id, new.name, new.city, new.statement);
    END""",
    """CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, name, city, statement)
        VALUES ('delete', old.id, old.name, old.city, old.statement);
    END""",
    """CREATE TRIGGER entries_fts_update AFTER UPDATE OF name, city, statement ON entries BEGIN
        INSERT INTO entries_fts(entries_fts, rowid, name, city, statement)
        VALUES ('delete', old.id, old.name, old.city, old.statement);
        INSERT INTO entries_fts(rowid, name, city, statement)
        VALUES (new.id, new.name, new.city, new.statement);
    END""",
    "INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')",
]

PG_INDEX = (
    "CREATE INDEX ix_entries_search ON entries USING gin "
    "(to_tsvector('simple'::regconfig, "
    "wall_unaccent(name || ' ' || city || ' ' || statement)))"
)


def upgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(_pg_unaccent_function())
        op.execute(PG_INDEX)


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS entries_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS entries_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_entries_search")
        op.execute("DROP FUNCTION IF EXISTS wall_unaccent(text)")
    with op.batch_alter_table('entries', schema=None) as batch_op:
        for name in reversed(INDEXES):
            batch_op.drop_index(name)


def _pg_unaccent_function() -> str:
    """CREATE FUNCTION wall_unaccent, calling unaccent() wherever the extension lives."""
    bind = op.get_bind()
    schema = _unaccent_schema(bind)
    if schema is None:
        # unaccent is a trusted extension (PostgreSQL 13+): a database owner may install
        # it. In `public`, so that schemas dropped later (tests) never take it with them.
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
        except sa.exc.DBAPIError as error:
            log.warning("unaccent not available, search stays accent-sensitive: %s", error)
        schema = _unaccent_schema(bind)
    if schema is None:
        body = "SELECT $1"
    else:
        quoted = bind.dialect.identifier_preparer.quote_identifier(schema)
        body = f"SELECT {quoted}.unaccent('{quoted}.unaccent'::regdictionary, $1)"
    return (
        "CREATE OR REPLACE FUNCTION wall_unaccent(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ {body} $$"
    )


def _unaccent_schema(bind) -> str | None:
    return bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'"
    ).scalar()
