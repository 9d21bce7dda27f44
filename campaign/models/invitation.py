"""An invitation for an official to post a verified statement through a signed, single-use link."""

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models.city import City


class OfficialInvitation(db.Model):
    """Who is invited, as whom, and what became of the link.

    The link carries only the nonce, signed; the row decides whether it still works, so a
    link used on one worker is refused on every other (used_at is set in the same
    transaction that adds the entry).
    """

    __tablename__ = "official_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(160))
    city: Mapped[str] = mapped_column(String(120))
    city_id: Mapped[int | None] = mapped_column(ForeignKey("cities.id", ondelete="SET NULL"))
    country_code: Mapped[str] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(5))
    email: Mapped[str | None] = mapped_column(String(254))
    # Ticked by the admin: the statement is public as soon as the official sends it.
    pre_approved: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # When the current link was signed; renewing signs a new nonce from a new time.
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    emailed_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    used_at: Mapped[datetime | None]
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("entries.id", ondelete="SET NULL"))
    # The city edition whose admin (or a global admin for it) invited; the statement joins it.
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("editions.id", ondelete="SET NULL"), index=True
    )

    city_ref: Mapped[City | None] = relationship(lazy="joined")

    @property
    def state(self) -> str:
        """open, used, revoked or expired."""
        if self.used_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= datetime.now(UTC):
            return "expired"
        return "open"

    def __repr__(self) -> str:
        return f"<OfficialInvitation {self.id} {self.title!r} {self.state}>"
