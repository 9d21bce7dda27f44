"""The retention policy: what `flask privacy purge` deletes, and when.

Each rule is a plain function of the time `now` and the configured days, returning what
it removed (or would remove with `dry_run`); it flushes and leaves the commit to the caller.
Files go through the unit of work's ledger, so they are deleted only once the rows are.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from campaign.extensions import db
from campaign.models import Entry, EntryStatus, ModerationEvent, Report
from campaign.moderation.forms import REJECT_REASON_LABELS
from campaign.storage import FileLedger

ERASED = "[erased entry]"


@dataclass
class PurgeReport:
    rejected_photos: list[str] = field(default_factory=list)  # slugs
    reports: int = 0
    ip_hashes: int = 0
    notice_emails: int = 0
    archive_photos: list[str] = field(default_factory=list)
    archive_erased: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        emails = f"{self.notice_emails} approval-notice e-mail(s) of notices sent or refused"
        return [
            f"{len(self.rejected_photos)} photo(s) of rejected entries",
            f"{self.reports} visitors' report(s)",
            f"{self.ip_hashes} network-address hash(es)",
            emails,
            f"{len(self.archive_photos)} photo(s) after the archive period",
            f"{len(self.archive_erased)} entr(ies) erased after the archive period",
        ]


def rejected_photos(now: datetime, days: int, files: FileLedger, *, dry_run: bool) -> list[str]:
    """The photo as sent of entries rejected `days` ago or more; their cards stay."""
    entries = db.session.scalars(
        select(Entry).where(
            Entry.status == EntryStatus.REJECTED,
            Entry.photo_key != "",
            Entry.updated_at <= now - timedelta(days=days),
        )
    ).all()
    if not dry_run:
        _drop_photos(entries, files)
    return [entry.slug for entry in entries]


def old_reports(now: datetime, days: int, *, dry_run: bool) -> int:
    """Visitors' reports (their note and network hash) made `days` ago or more."""
    cutoff = Report.created_at <= now - timedelta(days=days)
    if dry_run:
        return db.session.scalar(select(func.count(Report.id)).where(cutoff))
    return db.session.execute(delete(Report).where(cutoff)).rowcount


def old_ip_hashes(now: datetime, days: int, *, dry_run: bool) -> int:
    """Entries' network-address hashes, `days` after the entry was made."""
    where = (Entry.ip_hash.is_not(None), Entry.created_at <= now - timedelta(days=days))
    if dry_run:
        return db.session.scalar(select(func.count(Entry.id)).where(*where))
    # Core UPDATE: no version bump, so no moderator is told their page is stale.
    return db.session.execute(
        update(Entry).where(*where).values(ip_hash=None, updated_at=Entry.updated_at),
        execution_options={"synchronize_session": False},
    ).rowcount


def sent_notice_emails(*, dry_run: bool) -> int:
    """The approval-notice address (and private link) of entries that no longer need it.

    Sending a notice and rejecting an entry delete the address at once (campaign.notices,
    moderation.actions); this catches any left behind, e.g. by a crash after sending.
    """
    where = (
        Entry.notify_email.is_not(None) | Entry.notify_token.is_not(None),
        Entry.notified_at.is_not(None) | (Entry.status == EntryStatus.REJECTED),
    )
    if dry_run:
        return db.session.scalar(select(func.count(Entry.id)).where(*where))
    return db.session.execute(
        update(Entry)
        .where(*where)
        .values(notify_email=None, notify_token=None, updated_at=Entry.updated_at),
        execution_options={"synchronize_session": False},
    ).rowcount


def after_archive(mode: str, files: FileLedger, *, dry_run: bool) -> tuple[list[str], list[str]]:
    """At the end of the archive period: keep only the published cards ("photos") or nothing.

    With "photos", approved entries lose their photo as sent and keep their cards; entries
    never published are erased. With "everything", every entry is erased.
    """
    entries = db.session.scalars(select(Entry).order_by(Entry.id)).all()
    erase = [e for e in entries if mode == "everything" or e.status is not EntryStatus.APPROVED]
    keep = [e for e in entries if e not in erase and e.has_photo]
    photos, erased = [e.slug for e in keep], [e.slug for e in erase]
    if not dry_run:
        _drop_photos(keep, files)
        for entry in erase:
            erase_entry_data(entry, files)
    return photos, erased


def erase_entry_data(entry: Entry, files: FileLedger) -> None:
    """Delete an entry, its files after the commit, and personal text in its log lines."""
    for key in entry.file_keys:
        files.delete_after_commit(key)
    redact_log(entry.id)
    db.session.delete(entry)
    db.session.flush()


def redact_log(entry_id: int) -> None:
    """Replace what a moderator typed about an erased entry with a placeholder.

    The one change the append-only moderation log allows: who did what and when stays;
    a typed reason may name the person, a reason chosen from the list cannot.
    """
    kept = [*REJECT_REASON_LABELS.values(), ERASED]
    db.session.execute(
        update(ModerationEvent)
        .where(
            ModerationEvent.entry_id == entry_id,
            ModerationEvent.reason.is_not(None),
            ModerationEvent.reason.not_in(kept),
        )
        .values(reason=ERASED),
        execution_options={"synchronize_session": False},
    )


def purge(now: datetime, files: FileLedger, *, dry_run: bool) -> PurgeReport:
    """Apply every rule of the configured policy at time `now`."""
    from campaign.privacy.period import archive_purge_due

    config = current_app.config
    report = PurgeReport(
        rejected_photos=rejected_photos(
            now, config["RETENTION_REJECTED_PHOTO_DAYS"], files, dry_run=dry_run
        ),
        reports=old_reports(now, config["RETENTION_REPORT_DAYS"], dry_run=dry_run),
        ip_hashes=old_ip_hashes(now, config["RETENTION_IP_HASH_DAYS"], dry_run=dry_run),
        notice_emails=sent_notice_emails(dry_run=dry_run),
    )
    if archive_purge_due(now):
        report.archive_photos, report.archive_erased = after_archive(
            config["ARCHIVE_PURGE"], files, dry_run=dry_run
        )
    return report


def _drop_photos(entries: list[Entry], files: FileLedger) -> None:
    for entry in entries:
        files.delete_after_commit(entry.photo_key)
    ids = [entry.id for entry in entries]
    if ids:
        db.session.execute(
            update(Entry)
            .where(Entry.id.in_(ids))
            .values(photo_key="", updated_at=Entry.updated_at),
            execution_options={"synchronize_session": False},
        )
        for entry in entries:
            db.session.expire(entry)
