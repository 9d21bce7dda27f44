"""entry revisions: an edit of a public entry waits for a moderator; the log names it

Revision ID: moderation_3
Revises: cards_1
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'moderation_3'
down_revision = 'cards_1'
branch_labels = None
depends_on = None

OLD_ACTIONS = [
    'approve', 'reject', 'unpublish', 'restore', 'feature', 'unfeature', 'dismiss_reports',
    'add_user', 'disable_user', 'enable_user', 'submissions_off', 'submissions_on',
]
NEW_ACTIONS = [*OLD_ACTIONS, 'edit', 'approve_edit', 'reject_edit']


def _action_check(batch, actions):
    batch.drop_constraint(op.f('ck_moderation_events_moderation_action'), type_='check')
    batch.create_check_constraint(
        op.f('ck_moderation_events_moderation_action'), sa.column('action').in_(actions)
    )


def upgrade():
    op.create_table(
        'entry_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.Enum('pending', 'published', 'approved', 'rejected', 'withdrawn', 'applied', name='revision_state', native_enum=False, create_constraint=True, length=16), nullable=False),
        sa.Column('previous_statement', sa.Text(), nullable=False),
        sa.Column('statement', sa.Text(), nullable=False),
        sa.Column('card_keys', sa.JSON(), nullable=False),
        sa.Column('flag_detail', sa.String(length=500), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_entry_revisions_decided_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_entry_revisions_entry_id_entries'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_revisions')),
    )
    op.create_index('ix_entry_revisions_entry_state', 'entry_revisions', ['entry_id', 'state'], unique=False)
    with op.batch_alter_table('moderation_events') as batch:
        batch.add_column(sa.Column('revision_id', sa.Integer(), nullable=True))
        _action_check(batch, NEW_ACTIONS)


def downgrade():
    op.execute(
        "DELETE FROM moderation_events WHERE action IN ('edit', 'approve_edit', 'reject_edit')"
    )
    with op.batch_alter_table('moderation_events') as batch:
        _action_check(batch, OLD_ACTIONS)
        batch.drop_column('revision_id')
    op.drop_index('ix_entry_revisions_entry_state', table_name='entry_revisions')
    op.drop_table('entry_revisions')
