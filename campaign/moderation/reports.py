"""Visitors' reports on approved entries. Plain functions that flush, never commit."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import Entry, Report, ReportReason
from campaign.moderation.scope import GLOBAL, Scope

NOTE_MAX = 500
REASON_LABELS = {
    ReportReason.OFFENSIVE: _l("It is offensive or hateful"),
    ReportReason.NOT_THEIRS: _l("The photo is not of the person who posted it"),
    ReportReason.PRIVACY: _l("It shows private information"),
    ReportReason.SPAM: _l("It is spam or advertising"),
    ReportReason.OTHER: _l("Something else"),
}


def file_report(
    entry: Entry, reason: ReportReason, note: str | None, reporter_hash: str | None
) -> Report | None:
    """Record a report; the same network reporting the same entry again adds nothing."""
    reporter = reporter_hash or "unknown"
    duplicate = db.session.scalar(
        select(Report.id).where(
            Report.entry_id == entry.id,
            Report.reporter_hash == reporter,
            Report.resolved_at.is_(None),
        )
    )
    if duplicate is not None:
        return None
    report = Report(
        entry=entry,
        reason=reason,
        note=(note or "").strip()[:NOTE_MAX] or None,
        reporter_hash=reporter,
    )
    db.session.add(report)
    db.session.flush()
    return report


def open_reports(entry_id: int) -> list[Report]:
    return list(
        db.session.scalars(
            select(Report)
            .where(Report.entry_id == entry_id, Report.resolved_at.is_(None))
            .order_by(Report.id)
        )
    )


def all_reports(entry_id: int) -> list[Report]:
    return list(
        db.session.scalars(select(Report).where(Report.entry_id == entry_id).order_by(Report.id))
    )


def open_report_count(scope: Scope = GLOBAL) -> int:
    query = select(func.count(func.distinct(Report.entry_id))).where(Report.resolved_at.is_(None))
    if not scope.everything:
        query = query.join(Entry, Entry.id == Report.entry_id).where(
            scope.condition(Entry.edition_id)
        )
    return db.session.scalar(query)
