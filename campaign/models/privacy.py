"""What privacy needs to remember: the consent texts people accepted, and the campaign switch."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from campaign.dbtypes import utcnow
from campaign.extensions import db


class ConsentVersion(db.Model):
    """One wording of the consent and the privacy notice in one language, stored once.

    `version` is a hash of the text, so changing a word gives a new version; each entry
    names the version its owner accepted instead of keeping a copy of the text.
    """

    __tablename__ = "consent_versions"

    version: Mapped[str] = mapped_column(String(16), primary_key=True)
    language: Mapped[str] = mapped_column(String(5))
    consent_text: Mapped[str] = mapped_column(Text)
    notice_html: Mapped[str] = mapped_column(Text)
    first_accepted_at: Mapped[datetime] = mapped_column(default=utcnow)


class CampaignSetting(db.Model):
    """A switch an admin turns at run time (today: submissions paused during an incident)."""

    __tablename__ = "campaign_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
