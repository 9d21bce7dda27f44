"""approval notice: the address to tell when an entry is public, its private link, when sent

Revision ID: notices_1
Revises: editions_1
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'notices_1'
down_revision = 'editions_1'
branch_labels = None
depends_on = None


COLUMNS = ('notify_email', 'notify_token', 'notified_at')


def upgrade():
    # Plain ALTER TABLE on every backend: a batch copy on SQLite would lose the wall's
    # FTS triggers on entries.
    op.add_column('entries', sa.Column('notify_email', sa.String(length=254), nullable=True))
    op.add_column('entries', sa.Column('notify_token', sa.String(length=255), nullable=True))
    op.add_column('entries', sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    for column in reversed(COLUMNS):
        op.drop_column('entries', column)
