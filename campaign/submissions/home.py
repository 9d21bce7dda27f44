"""What the campaign's home page shows: its figures, the newest public cards and what mayors
and city officials said (verified entries). Public entries only; the page is micro-cached
like the wall (campaign/wall/pagecache.py)."""

from sqlalchemy import Select

from campaign.editions.service import of_edition
from campaign.extensions import db
from campaign.models import Edition, Entry, EntryKind, public_entries
from campaign.wall import stats
from campaign.wall.presenters import CardMaker

RECENT_CARDS = 8
OFFICIAL_STATEMENTS = 3


def _newest(query: Select, limit: int) -> list[Entry]:
    return db.session.scalars(
        query.order_by(Entry.created_at.desc(), Entry.id.desc()).limit(limit)
    ).all()


def home_context(locale: str, edition: Edition | None = None) -> dict:
    """An edition's home shows its own learners, and the officials of its cities."""
    make_card = CardMaker(locale)
    learners = public_entries().where(Entry.kind == EntryKind.LEARNER)
    # Featured statements first, then the newest.
    officials = public_entries().where(Entry.kind == EntryKind.OFFICIAL)
    if edition is not None:
        learners = learners.where(Entry.edition_id == edition.id)
        officials = officials.where(of_edition(edition))
    officials = officials.order_by(Entry.featured.desc())
    return {
        "counters": stats.counters(edition.id if edition is not None else None),
        "recent": [make_card(entry) for entry in _newest(learners, RECENT_CARDS)],
        "officials": [make_card(entry) for entry in _newest(officials, OFFICIAL_STATEMENTS)],
    }
