"""The moderation log: written once per action, read on entry pages, exported as CSV."""

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select

from campaign.extensions import db
from campaign.models import Action, Entry, EntryStatus, ModerationEvent, User

PAST_TENSE = {
    Action.APPROVE: "approved",
    Action.REJECT: "rejected",
    Action.UNPUBLISH: "unpublished",
    Action.RESTORE: "restored",
    Action.FEATURE: "featured",
    Action.UNFEATURE: "unfeatured",
    Action.DISMISS_REPORTS: "dismissed the reports on",
    Action.ADD_USER: "added",
    Action.DISABLE_USER: "disabled",
    Action.ENABLE_USER: "re-enabled",
}
CSV_COLUMNS = [
    "id",
    "at",
    "actor",
    "action",
    "entry_id",
    "entry_slug",
    "subject",
    "reason",
    "from_status",
    "to_status",
]


def past_tense(action: Action) -> str:
    return PAST_TENSE.get(action, action.value)


def record(
    actor: User,
    action: Action,
    *,
    entry: Entry | None = None,
    subject: str | None = None,
    reason: str | None = None,
    from_status: EntryStatus | None = None,
    to_status: EntryStatus | None = None,
) -> ModerationEvent:
    """Add one line to the log (flushed with the change it records)."""
    event = ModerationEvent(
        actor_id=actor.id,
        actor_email=actor.email,
        action=action,
        entry_id=entry.id if entry is not None else None,
        entry_slug=entry.slug if entry is not None else None,
        subject=subject,
        reason=(reason or "").strip() or None,
        from_status=from_status,
        to_status=to_status,
    )
    db.session.add(event)
    return event


def events_for(entry_id: int) -> list[ModerationEvent]:
    return list(
        db.session.scalars(
            select(ModerationEvent)
            .where(ModerationEvent.entry_id == entry_id)
            .order_by(ModerationEvent.id.desc())
        )
    )


def last_event_for(entry_id: int) -> ModerationEvent | None:
    return db.session.scalar(
        select(ModerationEvent)
        .where(ModerationEvent.entry_id == entry_id)
        .order_by(ModerationEvent.id.desc())
        .limit(1)
    )


def recent(limit: int, before_id: int | None = None) -> list[ModerationEvent]:
    query = select(ModerationEvent).order_by(ModerationEvent.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(ModerationEvent.id < before_id)
    return list(db.session.scalars(query))


def _cell(value) -> str:
    text = "" if value is None else str(getattr(value, "value", value))
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(batch: int = 1000) -> Iterator[str]:
    """The whole log as CSV text, oldest first, read in batches so memory stays flat."""
    columns = [getattr(ModerationEvent, name) for name in CSV_COLUMNS if name != "actor"]
    columns.insert(2, ModerationEvent.actor_email)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    last_id = 0
    while True:
        rows = db.session.execute(
            select(*columns)
            .where(ModerationEvent.id > last_id)
            .order_by(ModerationEvent.id)
            .limit(batch)
        ).all()
        for row in rows:
            at = row[1].isoformat() if row[1] is not None else ""
            writer.writerow([_cell(value) for value in (row[0], at, *row[2:])])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if len(rows) < batch:
            return
        last_id = rows[-1][0]
