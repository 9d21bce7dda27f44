"""The one definition of "public": every public surface builds its queries from here."""

from sqlalchemy import ColumnElement, Select, select

from campaign.models import Entry, EntryStatus


def is_public() -> ColumnElement[bool]:
    """The condition an entry must meet to be shown anywhere public."""
    return Entry.status == EntryStatus.APPROVED


def public_entries(*columns) -> Select:
    """SELECT over public entries only: whole entries, or the given columns/aggregates."""
    return select(*(columns or (Entry,))).where(is_public())
