"""invitations: who invited whom

Revision ID: sharing_1
Revises: 0001
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'sharing_1'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited_by_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_entries_invited_by_id'), ['invited_by_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_entries_invited_by_id_entries'),
            'entries',
            ['invited_by_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_entries_invited_by_id_entries'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_entries_invited_by_id'))
        batch_op.drop_column('invited_by_id')
