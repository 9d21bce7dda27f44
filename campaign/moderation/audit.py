"""The moderation log: written once per action, read on entry pages, exported as CSV."""

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select

from campaign.extensions import db
from campaign.i18n import N_
from campaign.models import Action, Entry, EntryStatus, ModerationEvent, Revision, User
from campaign.moderation.scope import GLOBAL, Scope

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
    "revision_id",
    "edition_id",
    "statement_before",
    "statement_after",
]
# Who an edit's line names: the person with the entry's private link, not a staff account.
# Stored in English; staff pages show it in their language (labels.actor_label).
SUBMITTER = N_("submitter (private link)")


def record(
    actor: User | None,
    action: Action,
    *,
    entry: Entry | None = None,
    subject: str | None = None,
    reason: str | None = None,
    from_status: EntryStatus | None = None,
    to_status: EntryStatus | None = None,
    revision: Revision | None = None,
    edition_id: int | None = None,
) -> ModerationEvent:
    """Add one line to the log (flushed with the change it records).

    Its edition: the entry's; without an entry, `edition_id`, else a city account's own.
    """
    if entry is not None:
        edition_id = entry.edition_id
    elif edition_id is None and actor is not None and actor.is_city_staff:
        edition_id = actor.edition_id
    event = ModerationEvent(
        actor_id=actor.id if actor is not None else None,
        actor_email=actor.email if actor is not None else SUBMITTER,
        action=action,
        entry_id=entry.id if entry is not None else None,
        entry_slug=entry.slug if entry is not None else None,
        subject=subject,
        reason=(reason or "").strip() or None,
        from_status=from_status,
        to_status=to_status,
        revision_id=revision.id if revision is not None else None,
        edition_id=edition_id,
    )
    db.session.add(event)
    return event


def record_edit(entry: Entry, revision: Revision) -> ModerationEvent:
    """The submitter's edit, pointing at the revision that holds both versions."""
    return record(
        None,
        Action.EDIT,
        entry=entry,
        subject=f"edit {revision.state.value}",
        from_status=entry.status,
        to_status=entry.status,
        revision=revision,
    )


def revisions_by_id(events: list[ModerationEvent]) -> dict[int, Revision]:
    """The revisions these log lines name that still exist (erasure removes them)."""
    wanted = {event.revision_id for event in events if event.revision_id is not None}
    if not wanted:
        return {}
    return {
        revision.id: revision
        for revision in db.session.scalars(select(Revision).where(Revision.id.in_(wanted)))
    }


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


def recent(
    limit: int, before_id: int | None = None, scope: Scope = GLOBAL
) -> list[ModerationEvent]:
    query = select(ModerationEvent).order_by(ModerationEvent.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(ModerationEvent.id < before_id)
    return list(db.session.scalars(scope.filter(query, ModerationEvent.edition_id)))


def _cell(value) -> str:
    text = "" if value is None else str(getattr(value, "value", value))
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(batch: int = 1000, scope: Scope = GLOBAL) -> Iterator[str]:
    """The log in the scope as CSV text, oldest first, read in batches (memory stays flat)."""
    logged = [name for name in CSV_COLUMNS if hasattr(ModerationEvent, name)]
    columns = [getattr(ModerationEvent, name) for name in logged]
    columns.insert(2, ModerationEvent.actor_email)
    columns += [Revision.previous_statement, Revision.statement]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    last_id = 0
    while True:
        query = (
            select(*columns)
            .outerjoin(Revision, Revision.id == ModerationEvent.revision_id)
            .where(ModerationEvent.id > last_id)
            .order_by(ModerationEvent.id)
            .limit(batch)
        )
        rows = db.session.execute(scope.filter(query, ModerationEvent.edition_id)).all()
        for row in rows:
            at = row[1].isoformat() if row[1] is not None else ""
            writer.writerow([_cell(value) for value in (row[0], at, *row[2:])])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        if len(rows) < batch:
            return
        last_id = rows[-1][0]
