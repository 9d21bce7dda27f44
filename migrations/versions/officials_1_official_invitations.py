"""official invitations: signed single-use links for officials' verified statements

Revision ID: officials_1
Revises: moderation_1
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'officials_1'
down_revision = 'moderation_1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'official_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nonce', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('title', sa.String(length=160), nullable=False),
        sa.Column('city', sa.String(length=120), nullable=False),
        sa.Column('city_id', sa.Integer(), nullable=True),
        sa.Column('country_code', sa.String(length=2), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=True),
        sa.Column('pre_approved', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('emailed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('entry_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['city_id'], ['cities.id'], name=op.f('fk_official_invitations_city_id_cities'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_official_invitations_created_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['entry_id'], ['entries.id'], name=op.f('fk_official_invitations_entry_id_entries'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_official_invitations')),
        sa.UniqueConstraint('nonce', name=op.f('uq_official_invitations_nonce')),
    )


def downgrade():
    op.drop_table('official_invitations')
