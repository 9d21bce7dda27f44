"""An entry: one person's photo, statement and the cards rendered from them, and the one
definition of "public" every public query is built from."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ColumnElement, ForeignKey, Index, Select, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.dbtypes import enum_column, utcnow
from campaign.extensions import db
from campaign.models.city import City
from campaign.models.edition import Edition


class EntryStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    UNPUBLISHED = "unpublished"


class EntryKind(enum.StrEnum):
    LEARNER = "learner"
    OFFICIAL = "official"


_WALL_ORDER = ("featured", "created_at", "id")


class Entry(db.Model):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[EntryKind] = mapped_column(
        enum_column(EntryKind, "entry_kind"), default=EntryKind.LEARNER
    )
    name: Mapped[str] = mapped_column(String(80))
    title: Mapped[str | None] = mapped_column(String(160))
    city: Mapped[str] = mapped_column(String(120))
    city_id: Mapped[int | None] = mapped_column(ForeignKey("cities.id", ondelete="SET NULL"))
    country_code: Mapped[str] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(5))
    statement: Mapped[str] = mapped_column(Text)
    focal_x: Mapped[float] = mapped_column(default=0.5)
    focal_y: Mapped[float] = mapped_column(default=0.5)
    # The faces found in the photo (left, top, right, bottom as fractions of the upright
    # photo) when the person set no focal point: the cards are framed around them, on
    # every re-rendering too. None: the cards are cut around focal_x, focal_y.
    faces: Mapped[list[list[float]] | None] = mapped_column(JSON)
    # A design of campaign/cards/designs.json, chosen on the join page; kept on edits.
    card_design: Mapped[str] = mapped_column(String(32), default="split", server_default="split")
    photo_key: Mapped[str] = mapped_column(String(255))
    # Format name ("landscape", "square", "story", "thumb") -> storage key.
    card_keys: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    status: Mapped[EntryStatus] = mapped_column(
        enum_column(EntryStatus, "entry_status"), default=EntryStatus.PENDING
    )
    featured: Mapped[bool] = mapped_column(default=False)
    manage_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None]
    # Bumped on every change, so two moderators acting at once cannot overwrite each other.
    version: Mapped[int] = mapped_column(default=1)
    # What automatic flags need, recorded at submission: a keyed hash of the sender's
    # network address (never the address itself) and a perceptual hash of the photo.
    ip_hash: Mapped[str | None] = mapped_column(String(32))
    photo_hash: Mapped[str | None] = mapped_column(String(16))
    # Who invited this person (/join?via=<slug>); recorded only when the inviter was public.
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("entries.id", ondelete="SET NULL"), index=True
    )

    # The city edition it was made through (campaign/models/edition.py); NULL: the global site.
    edition_id: Mapped[int | None] = mapped_column(ForeignKey("editions.id", ondelete="SET NULL"))

    # The consent its owner gave: which wording (campaign.models.privacy.ConsentVersion),
    # when, and in which language the page was. NULL for entries made before it was kept.
    consent_version: Mapped[str | None] = mapped_column(String(16))
    consent_at: Mapped[datetime | None]
    consent_language: Mapped[str | None] = mapped_column(String(5))

    # The approval notice (campaign/notices), asked for on the share page under
    # pre-moderation: the address, kept only until the notice is sent or the entry is
    # rejected or erased; the private link's token, encrypted under SECRET_KEY (the database
    # otherwise keeps only its hash), deleted with the address; when the notice was sent.
    notify_email: Mapped[str | None] = mapped_column(String(254))
    notify_token: Mapped[str | None] = mapped_column(String(255))
    notified_at: Mapped[datetime | None]

    city_ref: Mapped[City | None] = relationship(lazy="joined")
    edition: Mapped[Edition | None] = relationship()
    invited_by: Mapped["Entry | None"] = relationship(remote_side=[id], back_populates="invitees")
    # Not passive: erasing an inviter sets invited_by_id to NULL on every backend.
    invitees: Mapped[list["Entry"]] = relationship(back_populates="invited_by")
    # Deleted with the entry by the ORM too: SQLite does not enforce ON DELETE CASCADE here.
    flags: Mapped[list["EntryFlag"]] = relationship(  # noqa: F821 (campaign.models.moderation)
        back_populates="entry", cascade="all, delete-orphan"
    )
    reports: Mapped[list["Report"]] = relationship(  # noqa: F821 (campaign.models.moderation)
        back_populates="entry", cascade="all, delete-orphan"
    )
    photo_hash_bands: Mapped[list["PhotoHashBand"]] = relationship(  # noqa: F821
        cascade="all, delete-orphan"
    )
    # Loaded with the entry (file_keys needs them, also once the entry left its session).
    revisions: Mapped[list["Revision"]] = relationship(  # noqa: F821 (campaign.models.revision)
        back_populates="entry",
        cascade="all, delete-orphan",
        order_by="Revision.id",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": version}
    # Every wall query is `status = 'approved'`, optionally one equality filter, then
    # ORDER BY featured DESC, created_at DESC, id DESC with a row-value keyset condition: each
    # ix_entries_wall* index holds exactly that, so any page (the first or the 5,000th) is an
    # index range scan that stops after one page of rows (migration wall_1 creates them).
    __table_args__ = (
        Index("ix_entries_status_created", "status", "created_at", "id"),
        Index("ix_entries_ip_hash_created", "ip_hash", "created_at"),
        Index("ix_entries_wall", "status", *_WALL_ORDER),
        Index("ix_entries_wall_country", "status", "country_code", *_WALL_ORDER),
        Index("ix_entries_wall_language", "status", "language", *_WALL_ORDER),
        Index("ix_entries_wall_kind", "status", "kind", *_WALL_ORDER),
        Index("ix_entries_wall_city", "status", "city", *_WALL_ORDER),
        # An edition's wall, and the global wall filtered by edition: the same query.
        Index("ix_entries_wall_edition", "status", "edition_id", *_WALL_ORDER),
    )

    @property
    def is_public(self) -> bool:
        return self.status is EntryStatus.APPROVED

    @property
    def local_hashtag(self) -> str | None:
        """The hashtag of the city edition it was made through, posted beside the campaign's."""
        return self.edition.hashtag if self.edition is not None else None

    @property
    def has_photo(self) -> bool:
        """False once the retention policy removed the photo as sent (the cards stay)."""
        return bool(self.photo_key)

    @property
    def open_revision(self) -> "Revision | None":  # noqa: F821
        """The edit waiting for a moderator, if any (there is at most one)."""
        return next((revision for revision in self.revisions if revision.is_open), None)

    @property
    def file_keys(self) -> list[str]:
        """Every stored file that belongs to this entry, a pending edit's cards included."""
        pending = [key for revision in self.revisions for key in revision.card_keys.values()]
        return [key for key in (self.photo_key, *self.card_keys.values(), *pending) if key]

    def __repr__(self) -> str:
        return f"<Entry {self.slug} {self.status.value}>"


def is_public() -> ColumnElement[bool]:
    """The condition an entry must meet to be shown anywhere public."""
    return Entry.status == EntryStatus.APPROVED


def public_entries(*columns) -> Select:
    """SELECT over public entries only: whole entries, or the given columns/aggregates."""
    return select(*(columns or (Entry,))).where(is_public())
