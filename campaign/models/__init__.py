"""The database models; import them from here."""

from campaign.models.city import City
from campaign.models.edition import Edition
from campaign.models.entry import Entry, EntryKind, EntryStatus, is_public, public_entries
from campaign.models.invitation import OfficialInvitation
from campaign.models.moderation import (
    Action,
    EntryFlag,
    FlagKind,
    ModerationEvent,
    PhotoHashBand,
    Report,
    ReportReason,
)
from campaign.models.privacy import CampaignSetting, ConsentVersion
from campaign.models.revision import OPEN_STATES, Revision, RevisionState
from campaign.models.user import CITY_ROLES, Role, User

# Every table, all defined once this package is imported (what Alembic compares against).
metadata = User.metadata

__all__ = [
    "metadata",
    "Action",
    "CITY_ROLES",
    "CampaignSetting",
    "City",
    "ConsentVersion",
    "Edition",
    "Entry",
    "EntryFlag",
    "EntryKind",
    "EntryStatus",
    "FlagKind",
    "ModerationEvent",
    "OfficialInvitation",
    "PhotoHashBand",
    "OPEN_STATES",
    "Report",
    "ReportReason",
    "Revision",
    "RevisionState",
    "Role",
    "User",
    "is_public",
    "public_entries",
]
