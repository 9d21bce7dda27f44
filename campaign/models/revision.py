"""A statement edit of an entry that was public: what it said before, what it says now."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.dbtypes import enum_column, utcnow
from campaign.extensions import db
from campaign.models.entry import Entry


class RevisionState(enum.StrEnum):
    # Pre-moderation: waiting for a moderator; the public still sees `previous_statement`.
    PENDING = "pending"
    # Post-moderation: public at once, waiting for a moderator to look at it.
    PUBLISHED = "published"
    APPROVED = "approved"
    REJECTED = "rejected"
    # Replaced by a newer edit, or closed with the entry (rejected, unpublished).
    WITHDRAWN = "withdrawn"
    # The entry was not public: the edit changed it directly, nothing to review.
    APPLIED = "applied"


OPEN_STATES = frozenset({RevisionState.PENDING, RevisionState.PUBLISHED})


class Revision(db.Model):
    """One edit of an entry's statement, kept so the moderation log can show both versions.

    Deleted with its entry (erasure removes every personal detail); the log lines that
    name it keep only its id.
    """

    __tablename__ = "entry_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    state: Mapped[RevisionState] = mapped_column(enum_column(RevisionState, "revision_state"))
    previous_statement: Mapped[str] = mapped_column(Text)
    statement: Mapped[str] = mapped_column(Text)
    # The cards of a pending edit, stored out of public reach (held/) until approved.
    card_keys: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Blocklisted words found in the new statement, for the moderator.
    flag_detail: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    entry: Mapped[Entry] = relationship(back_populates="revisions")

    __table_args__ = (Index("ix_entry_revisions_entry_state", "entry_id", "state"),)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES
