"""moderation: staff accounts, the append-only log, reports, flags and photo hashes

Revision ID: moderation_1
Revises: wall_1
Create Date: 2026-11-24 16:36:44.938746

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'moderation_1'
down_revision = 'wall_1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('moderation_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_email', sa.String(length=254), nullable=False),
    sa.Column('action', sa.Enum('approve', 'reject', 'unpublish', 'restore', 'feature', 'unfeature', 'dismiss_reports', 'add_user', 'disable_user', 'enable_user', name='moderation_action', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('entry_slug', sa.String(length=16), nullable=True),
    sa.Column('subject', sa.String(length=254), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('from_status', sa.Enum('pending', 'approved', 'rejected', 'unpublished', name='from_status', native_enum=False, create_constraint=True, length=16), nullable=True),
    sa.Column('to_status', sa.Enum('pending', 'approved', 'rejected', 'unpublished', name='to_status', native_enum=False, create_constraint=True, length=16), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_events'))
    )
    with op.batch_alter_table('moderation_events', schema=None) as batch_op:
        batch_op.create_index('ix_moderation_events_at', ['at', 'id'], unique=False)
        batch_op.create_index('ix_moderation_events_entry', ['entry_id', 'id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('moderator', 'admin', name='user_role', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_sign_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('entry_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('blocklist', 'duplicate_photo', 'ip_burst', name='flag_kind', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('detail', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_entry_flags_entry_id_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_flags'))
    )
    with op.batch_alter_table('entry_flags', schema=None) as batch_op:
        batch_op.create_index('ix_entry_flags_kind_entry', ['kind', 'entry_id'], unique=False)

    op.create_table('photo_hash_bands',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('band', sa.SmallInteger(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_photo_hash_bands_entry_id_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('entry_id', 'band', name=op.f('pk_photo_hash_bands'))
    )
    with op.batch_alter_table('photo_hash_bands', schema=None) as batch_op:
        batch_op.create_index('ix_photo_hash_bands_band_value', ['band', 'value'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Enum('offensive', 'not_theirs', 'privacy', 'spam', 'other', name='report_reason', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reporter_hash', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_reports_entry_id_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_reports_resolved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index('ix_reports_open', ['entry_id', 'resolved_at'], unique=False)

    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ip_hash', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('photo_hash', sa.String(length=16), nullable=True))
        batch_op.create_index('ix_entries_ip_hash_created', ['ip_hash', 'created_at'], unique=False)



def downgrade():
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index('ix_entries_ip_hash_created')
        batch_op.drop_column('photo_hash')
        batch_op.drop_column('ip_hash')

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index('ix_reports_open')

    op.drop_table('reports')
    with op.batch_alter_table('photo_hash_bands', schema=None) as batch_op:
        batch_op.drop_index('ix_photo_hash_bands_band_value')

    op.drop_table('photo_hash_bands')
    with op.batch_alter_table('entry_flags', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_flags_kind_entry')

    op.drop_table('entry_flags')
    op.drop_table('users')
    with op.batch_alter_table('moderation_events', schema=None) as batch_op:
        batch_op.drop_index('ix_moderation_events_entry')
        batch_op.drop_index('ix_moderation_events_at')

    op.drop_table('moderation_events')
