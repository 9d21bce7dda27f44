"""privacy: consent records, the campaign switch, and its two audit actions

Revision ID: privacy_1
Revises: officials_1
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "privacy_1"
down_revision = "officials_1"
branch_labels = None
depends_on = None

OLD_ACTIONS = [
    "approve",
    "reject",
    "unpublish",
    "restore",
    "feature",
    "unfeature",
    "dismiss_reports",
    "add_user",
    "disable_user",
    "enable_user",
]
NEW_ACTIONS = [*OLD_ACTIONS, "submissions_off", "submissions_on"]
CHECK = "ck_moderation_events_moderation_action"


def _set_actions(actions: list[str]) -> None:
    allowed = ", ".join(f"'{action}'" for action in actions)
    # moderation_events has no triggers, so recreating it on SQLite loses nothing.
    with op.batch_alter_table("moderation_events") as batch_op:
        batch_op.drop_constraint(op.f(CHECK), type_="check")
        batch_op.create_check_constraint(op.f(CHECK), sa.text(f"action IN ({allowed})"))


def upgrade():
    op.create_table(
        "consent_versions",
        sa.Column("version", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("consent_text", sa.Text(), nullable=False),
        sa.Column("notice_html", sa.Text(), nullable=False),
        sa.Column("first_accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_consent_versions")),
    )
    op.create_table(
        "campaign_settings",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_campaign_settings")),
    )
    # Plain ADD COLUMN (no batch): recreating `entries` on SQLite would drop the wall's
    # search triggers (see wall_1).
    op.add_column("entries", sa.Column("consent_version", sa.String(length=16), nullable=True))
    op.add_column("entries", sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("entries", sa.Column("consent_language", sa.String(length=5), nullable=True))
    _set_actions(NEW_ACTIONS)


def downgrade():
    op.execute(
        sa.text("DELETE FROM moderation_events WHERE action IN ('submissions_off', 'submissions_on')")
    )
    _set_actions(OLD_ACTIONS)
    # Plain DROP COLUMN (SQLite 3.35+) for the same reason as above.
    for column in ("consent_language", "consent_at", "consent_version"):
        op.drop_column("entries", column)
    op.drop_table("campaign_settings")
    op.drop_table("consent_versions")
