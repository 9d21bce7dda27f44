"""Reconciling storage with the database: orphan files, rows whose files are missing.

How they can arise: a unit of work writes files, then commits. If the process is killed
(SIGKILL, OOM, a power cut) between the first write and the commit, or while it removes the
files of a rolled-back attempt or of an edited card, the files stay with no row. Files are
written atomically, so there is never half a file under a key, only temporary files
(`.tmp-*`) of a write that was cut off. A row always commits after its files were written,
so a row missing files means storage lost them (a partial restore, a manual deletion).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from campaign.extensions import db
from campaign.models import Edition, Entry
from campaign.sharing.oauth.linkedin import version_warning
from campaign.storage import Storage, get_storage
from campaign.unit_of_work import unit_of_work

maintenance_cli = AppGroup("maintenance", help="Keep storage and database consistent.")


@dataclass
class Report:
    orphans: list[str] = field(default_factory=list)  # files no row refers to
    leftovers: list[str] = field(default_factory=list)  # temporaries of interrupted writes
    missing: dict[str, list[str]] = field(default_factory=dict)  # entry slug -> missing keys

    @property
    def clean(self) -> bool:
        return not (self.orphans or self.leftovers or self.missing)


def check(storage: Storage, *, grace: timedelta) -> Report:
    """What is out of step; files younger than grace may belong to a request still running."""
    cutoff = datetime.now(UTC) - grace
    referenced: set[str] = set()
    report = Report()
    for entry in db.session.scalars(select(Entry).order_by(Entry.id)):
        keys = entry.file_keys
        referenced.update(keys)
        missing = [key for key in keys if not storage.exists(key)]
        if missing:
            report.missing[entry.slug] = missing
    # City editions' logos belong to their edition's row.
    referenced.update(key for key in db.session.scalars(select(Edition.logo_key)) if key)
    # Listed after the rows were read: a file whose row committed in between is young,
    # so the grace period keeps it.
    for stored in storage.listing():
        if stored.key not in referenced and stored.modified < cutoff:
            report.orphans.append(stored.key)
    report.leftovers = storage.leftovers(cutoff)
    return report


def fix(storage: Storage, report: Report) -> None:
    """Remove orphan files and leftovers, and entries whose files are gone (and their rest)."""
    for key in report.orphans:
        storage.delete(key)
    for name in report.leftovers:
        storage.delete_leftover(name)
    if not report.missing:
        return
    # An entry without its photo or a card cannot be shown or shared as it was; its owner
    # can join again. The files it still has go with it, so nothing personal is left.
    db.session.expire_all()
    entries = [
        entry
        for entry in db.session.scalars(select(Entry).where(Entry.slug.in_(report.missing)))
        # Read again: an edit committed since the check points at new cards that exist.
        if any(not storage.exists(key) for key in entry.file_keys)
    ]
    remaining = [key for entry in entries for key in entry.file_keys]
    with unit_of_work():
        for entry in entries:
            db.session.delete(entry)
    for key in remaining:
        storage.delete(key)


@maintenance_cli.command("check")
@click.option("--fix", "apply_fix", is_flag=True, help="Remove what the check finds.")
@click.option(
    "--grace-minutes",
    default=60,
    show_default=True,
    type=click.IntRange(min=0),
    help="Leave files younger than this alone: they may belong to a submission in progress.",
)
def check_command(apply_fix: bool, grace_minutes: int) -> None:
    """Report orphan files and entries whose files are missing; exit 1 if any (unless --fix)."""
    storage = get_storage()
    _warn_about_settings()
    report = check(storage, grace=timedelta(minutes=grace_minutes))
    for key in report.orphans:
        click.echo(f"orphan file: {key}")
    for name in report.leftovers:
        click.echo(f"unfinished write: {name}")
    for slug, keys in report.missing.items():
        click.echo(f"entry {slug} is missing: {', '.join(keys)}")
    click.echo(
        f"{len(report.orphans)} orphan file(s), {len(report.leftovers)} unfinished write(s), "
        f"{len(report.missing)} entr(ies) missing files"
    )
    if report.clean:
        return
    if not apply_fix:
        raise SystemExit(1)
    fix(storage, report)
    click.echo("fixed: removed the orphan files, unfinished writes and incomplete entries")


def _warn_about_settings() -> None:
    """Settings that will break a feature soon: said, but not a failed check."""
    config = current_app.config
    if config["LINKEDIN_CLIENT_ID"]:
        warning = version_warning(config["LINKEDIN_API_VERSION"], datetime.now(UTC).date())
        if warning:
            click.echo(f"warning: {warning}")
