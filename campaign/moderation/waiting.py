"""How long entries wait for a moderator: the oldest one waiting now, and how long the
decisions of the last days took (from the moderation log, so nothing more is stored)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from statistics import median

from flask_babel import gettext as _
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import Action, Entry, EntryStatus, ModerationEvent
from campaign.moderation.scope import GLOBAL, Scope

DECISIONS = (Action.APPROVE, Action.REJECT)


@dataclass(frozen=True)
class Waiting:
    oldest: timedelta | None  # the longest wait of a pending entry, now
    decided: int  # decisions on pending entries in the window
    median_wait: timedelta | None  # their median wait from submission to decision


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def waiting(now: datetime | None = None, days: int = 7, scope: Scope = GLOBAL) -> Waiting:
    """The oldest pending entry's wait, and the median wait of the last `days` decisions."""
    now = now or datetime.now(UTC)
    oldest = select(func.min(Entry.created_at)).where(Entry.status == EntryStatus.PENDING)
    oldest_at = db.session.scalar(scope.filter(oldest, Entry.edition_id))
    decisions = (
        select(ModerationEvent.at, Entry.created_at)
        .join(Entry, Entry.id == ModerationEvent.entry_id)
        .where(
            ModerationEvent.action.in_(DECISIONS),
            ModerationEvent.from_status == EntryStatus.PENDING,
            ModerationEvent.at >= now - timedelta(days=days),
        )
    )
    rows = db.session.execute(scope.filter(decisions, Entry.edition_id)).all()
    waits = [_aware(decided) - _aware(sent) for decided, sent in rows]
    return Waiting(
        oldest=now - _aware(oldest_at) if oldest_at else None,
        decided=len(waits),
        median_wait=median(waits) if waits else None,
    )


def duration(value: timedelta | None) -> str:
    """A wait as a moderator reads it: "2 d 4 h", "3 h 12 min", "5 min" (the units in the
    page's language)."""
    if value is None:
        return "–"
    minutes = max(0, int(value.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)d d %(hours)d h", days=days, hours=hours)
    if hours:
        return _("%(hours)d h %(minutes)d min", hours=hours, minutes=minutes)
    return _("%(minutes)d min", minutes=minutes)
