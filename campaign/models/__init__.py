"""The database models; import them from here."""

from campaign.models.city import City
from campaign.models.entry import Entry, EntryKind, EntryStatus

__all__ = ["City", "Entry", "EntryKind", "EntryStatus"]
