"""cards: the faces found in an entry's photo, and the card design the person chose

Revision ID: cards_1
Revises: moderation_2
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cards_1'
down_revision = 'moderation_2'
branch_labels = None
depends_on = None


def upgrade():
    # NULL: the person set the focal point (and every entry made before faces were found).
    op.add_column('entries', sa.Column('faces', sa.JSON(), nullable=True))
    # Existing entries keep the look they had, the panel beside the photo.
    op.add_column(
        'entries',
        sa.Column('card_design', sa.String(length=32), nullable=False, server_default='split'),
    )


def downgrade():
    with op.batch_alter_table('entries') as batch_op:
        batch_op.drop_column('card_design')
        batch_op.drop_column('faces')
