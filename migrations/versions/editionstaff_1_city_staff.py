"""city staff: city moderators and admins (users.edition_id), each edition's moderation
setting, the edition of log lines and officials' invitations

Revision ID: editionstaff_1
Revises: notices_1
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "editionstaff_1"
down_revision = "notices_1"
branch_labels = None
depends_on = None

OLD_ROLES = ["moderator", "admin"]
NEW_ROLES = [*OLD_ROLES, "city_moderator", "city_admin"]
ROLE_CHECK = "ck_users_user_role"


def _set_roles(batch_op, roles: list[str]) -> None:
    batch_op.drop_constraint(op.f(ROLE_CHECK), type_="check")
    batch_op.create_check_constraint(op.f(ROLE_CHECK), sa.column("role").in_(roles))


def upgrade():
    # users, editions, official_invitations and moderation_events have no triggers, so a
    # SQLite batch (copy and move) loses nothing.
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("edition_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_users_edition_id_editions"),
            "editions",
            ["edition_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(op.f("ix_users_edition_id"), ["edition_id"], unique=False)
        _set_roles(batch_op, NEW_ROLES)
    with op.batch_alter_table("editions") as batch_op:
        batch_op.add_column(sa.Column("moderation", sa.String(length=4), nullable=True))
    with op.batch_alter_table("official_invitations") as batch_op:
        batch_op.add_column(sa.Column("edition_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_official_invitations_edition_id_editions"),
            "editions",
            ["edition_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            op.f("ix_official_invitations_edition_id"), ["edition_id"], unique=False
        )
    with op.batch_alter_table("moderation_events") as batch_op:
        batch_op.add_column(sa.Column("edition_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_moderation_events_edition", ["edition_id", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("moderation_events") as batch_op:
        batch_op.drop_index("ix_moderation_events_edition")
        batch_op.drop_column("edition_id")
    with op.batch_alter_table("official_invitations") as batch_op:
        batch_op.drop_index(op.f("ix_official_invitations_edition_id"))
        batch_op.drop_constraint(
            op.f("fk_official_invitations_edition_id_editions"), type_="foreignkey"
        )
        batch_op.drop_column("edition_id")
    with op.batch_alter_table("editions") as batch_op:
        batch_op.drop_column("moderation")
    op.execute("DELETE FROM users WHERE role IN ('city_moderator', 'city_admin')")
    with op.batch_alter_table("users") as batch_op:
        _set_roles(batch_op, OLD_ROLES)
        batch_op.drop_index(op.f("ix_users_edition_id"))
        batch_op.drop_constraint(op.f("fk_users_edition_id_editions"), type_="foreignkey")
        batch_op.drop_column("edition_id")
