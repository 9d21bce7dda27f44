"""A city edition: a learning city's (or a region's) own campaign inside the global one.

Its pages live under /c/<slug>/ (or on a host of its own, EDITION_HOSTS); an entry made
through it carries `edition_id` and its branding, and shows on its wall and on the global one.
"""

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models.city import City

SLUG_MAX = 40

# The directory cities an edition speaks for: one city, or several for a region.
edition_cities = Table(
    "edition_cities",
    db.metadata,
    Column("edition_id", ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True),
    Column("city_id", ForeignKey("cities.id", ondelete="CASCADE"), primary_key=True),
)


class Edition(db.Model):
    __tablename__ = "editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(SLUG_MAX), unique=True)
    # Language code -> the edition's name in it ("Espoo learns"); the default one always.
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # The languages its pages offer, and the one they open in.
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    default_language: Mapped[str] = mapped_column(String(5))
    # Card and page colours (#RRGGBB); None: the campaign's own.
    accent: Mapped[str | None] = mapped_column(String(7))
    background: Mapped[str | None] = mapped_column(String(7))
    # A PNG in storage (campaign/editions/logo.py re-encodes what the admin uploads).
    logo_key: Mapped[str | None] = mapped_column(String(255))
    # Language code -> the line printed at the top of its cards; missing: the campaign's.
    campaign_lines: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Card designs (campaign/cards/designs.json) its join page offers; empty: all of them.
    designs: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Posted beside the campaign's hashtag of the language, e.g. "#EspooLearns".
    hashtag: Mapped[str | None] = mapped_column(String(60))
    # "pre" or "post" for this edition's entries; None: the campaign's MODERATION setting.
    moderation: Mapped[str | None] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    cities: Mapped[list[City]] = relationship(secondary=edition_cities, lazy="selectin")

    def name_in(self, language: str) -> str:
        """Its display name in a language, else in its default language, else the slug."""
        return self.names.get(language) or self.names.get(self.default_language) or self.slug

    def moderation_mode(self, default: str) -> str:
        """ "pre" or "post" for its entries: its own setting, else the campaign's (default)."""
        return self.moderation or default

    def __repr__(self) -> str:
        return f"<Edition {self.slug}>"
