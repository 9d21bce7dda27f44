"""city editions: editions, the directory cities each speaks for, and entries.edition_id

Revision ID: editions_1
Revises: moderation_3
Create Date: 2026-12-02

On SQLite the batch (move-and-copy) that adds `entries.edition_id` and its foreign key
drops the wall's search triggers (wall_1), so both directions create them again.
"""
from alembic import op
import sqlalchemy as sa

import campaign.dbtypes


# revision identifiers, used by Alembic.
revision = 'editions_1'
down_revision = 'moderation_3'
branch_labels = None
depends_on = None

WALL_EDITION = ["status", "edition_id", "featured", "created_at", "id"]
FK_NAME = 'fk_entries_edition_id_editions'

SQLITE_TRIGGERS = [
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


def upgrade():
    op.create_table(
        'editions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=40), nullable=False),
        sa.Column('names', sa.JSON(), nullable=False),
        sa.Column('languages', sa.JSON(), nullable=False),
        sa.Column('default_language', sa.String(length=5), nullable=False),
        sa.Column('accent', sa.String(length=7), nullable=True),
        sa.Column('background', sa.String(length=7), nullable=True),
        sa.Column('logo_key', sa.String(length=255), nullable=True),
        sa.Column('campaign_lines', sa.JSON(), nullable=False),
        sa.Column('designs', sa.JSON(), nullable=False),
        sa.Column('hashtag', sa.String(length=60), nullable=True),
        sa.Column('created_at', campaign.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', campaign.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_editions')),
        sa.UniqueConstraint('slug', name=op.f('uq_editions_slug')),
    )
    op.create_table(
        'edition_cities',
        sa.Column('edition_id', sa.Integer(), nullable=False),
        sa.Column('city_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['city_id'], ['cities.id'], name=op.f('fk_edition_cities_city_id_cities'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['edition_id'], ['editions.id'], name=op.f('fk_edition_cities_edition_id_editions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('edition_id', 'city_id', name=op.f('pk_edition_cities')),
    )
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edition_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(FK_NAME, 'editions', ['edition_id'], ['id'], ondelete='SET NULL')
        batch_op.create_index('ix_entries_wall_edition', WALL_EDITION, unique=False)
    _search_triggers_again()


def downgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index('ix_entries_wall_edition')
        batch_op.drop_constraint(FK_NAME, type_='foreignkey')
        batch_op.drop_column('edition_id')
    _search_triggers_again()
    op.drop_table('edition_cities')
    op.drop_table('editions')


def _search_triggers_again():
    """SQLite: the copy of `entries` a batch makes comes without wall_1's search triggers."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS entries_fts_{trigger}")
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)
