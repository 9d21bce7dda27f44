"""What moderation records: the append-only log, visitors' reports, automatic flags."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from campaign.dbtypes import enum_column, utcnow
from campaign.extensions import db
from campaign.models.entry import Entry, EntryStatus


class Action(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    UNPUBLISH = "unpublish"
    RESTORE = "restore"
    FEATURE = "feature"
    UNFEATURE = "unfeature"
    DISMISS_REPORTS = "dismiss_reports"
    # A submitter's edit of the statement, and a moderator's decision on it.
    EDIT = "edit"
    APPROVE_EDIT = "approve_edit"
    REJECT_EDIT = "reject_edit"
    ADD_USER = "add_user"
    DISABLE_USER = "disable_user"
    ENABLE_USER = "enable_user"
    # An admin switching submissions off (and on again) at once, e.g. during an incident.
    SUBMISSIONS_OFF = "submissions_off"
    SUBMISSIONS_ON = "submissions_on"


class ModerationEvent(db.Model):
    """One line of the moderation log. Rows are only ever added (see the guard below).

    The entry is named by id and slug without a foreign key, so erasing an entry (which
    removes every personal detail) leaves the record that a moderator acted on it. The one
    change allowed is campaign.privacy.retention.redact_log, which replaces a typed reason
    about an erased entry with a placeholder (a Core UPDATE, outside this guard).
    """

    __tablename__ = "moderation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None]
    actor_email: Mapped[str] = mapped_column(String(254))
    action: Mapped[Action] = mapped_column(enum_column(Action, "moderation_action"))
    entry_id: Mapped[int | None]
    entry_slug: Mapped[str | None] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(String(254))
    reason: Mapped[str | None] = mapped_column(Text)
    from_status: Mapped[EntryStatus | None] = mapped_column(enum_column(EntryStatus, "from_status"))
    to_status: Mapped[EntryStatus | None] = mapped_column(enum_column(EntryStatus, "to_status"))
    # The edit (campaign.models.revision) this line is about: both versions of the statement
    # are there while the entry exists; like the entry, named without a foreign key.
    revision_id: Mapped[int | None]
    # The city edition it concerns (the entry's, or a city admin's own for their accounts and
    # invitations); NULL: the global site. Named without a foreign key, like the entry.
    edition_id: Mapped[int | None]

    __table_args__ = (
        Index("ix_moderation_events_entry", "entry_id", "id"),
        Index("ix_moderation_events_at", "at", "id"),
        # A city admin's log: their edition's lines, newest first.
        Index("ix_moderation_events_edition", "edition_id", "id"),
    )


class AppendOnlyError(RuntimeError):
    """Someone tried to change or remove a line of the moderation log."""


@event.listens_for(Session, "before_flush")
def _moderation_log_is_append_only(session: Session, flush_context, instances) -> None:
    for instance in (*session.dirty, *session.deleted):
        if isinstance(instance, ModerationEvent) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise AppendOnlyError("The moderation log is append-only.")


class ReportReason(enum.StrEnum):
    OFFENSIVE = "offensive"
    NOT_THEIRS = "not_theirs"
    PRIVACY = "privacy"
    SPAM = "spam"
    OTHER = "other"


class Report(db.Model):
    """A visitor's report that an approved entry should not be on the campaign."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    reason: Mapped[ReportReason] = mapped_column(enum_column(ReportReason, "report_reason"))
    note: Mapped[str | None] = mapped_column(Text)
    reporter_hash: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    entry: Mapped[Entry] = relationship(back_populates="reports")

    __table_args__ = (Index("ix_reports_open", "entry_id", "resolved_at"),)


class FlagKind(enum.StrEnum):
    BLOCKLIST = "blocklist"
    DUPLICATE_PHOTO = "duplicate_photo"
    IP_BURST = "ip_burst"


class EntryFlag(db.Model):
    """A reason, found automatically at submission, for a moderator to look twice."""

    __tablename__ = "entry_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    kind: Mapped[FlagKind] = mapped_column(enum_column(FlagKind, "flag_kind"))
    detail: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    entry: Mapped[Entry] = relationship(back_populates="flags")

    __table_args__ = (Index("ix_entry_flags_kind_entry", "kind", "entry_id"),)


class PhotoHashBand(db.Model):
    """A 16-bit quarter of an entry's perceptual hash, indexed to find near-duplicates fast.

    Two hashes within 3 bits of each other share at least one quarter exactly
    (pigeonhole), so candidates come from an index lookup rather than a scan.
    """

    __tablename__ = "photo_hash_bands"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    value: Mapped[int]

    __table_args__ = (Index("ix_photo_hash_bands_band_value", "band", "value"),)
