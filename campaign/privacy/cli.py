"""`flask privacy purge`: apply the retention policy; safe to run hourly from cron."""

import click
from flask.cli import AppGroup

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.privacy import retention
from campaign.unit_of_work import unit_of_work

privacy_cli = AppGroup("privacy", help="Privacy: the retention policy.")


@privacy_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Only say what would be deleted.")
def purge_command(dry_run: bool) -> None:
    """Delete what the retention policy no longer allows to keep (see docs on retention)."""
    now = utcnow()
    if dry_run:
        report = retention.purge(now, files=None, dry_run=True)
        db.session.rollback()
    else:
        with unit_of_work() as files:
            report = retention.purge(now, files=files, dry_run=False)
    verb = "would delete" if dry_run else "deleted"
    for line in report.lines():
        click.echo(f"{verb}: {line}")
    for slug in report.rejected_photos:
        click.echo(f"  photo of rejected entry {slug}")
    for slug in report.archive_photos:
        click.echo(f"  photo of archived entry {slug}")
    for slug in report.archive_erased:
        click.echo(f"  archived entry {slug}")
