"""flask commands."""

from collections import Counter
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from campaign.extensions import db
from campaign.languages import LANGUAGES
from campaign.models import Edition, Entry

cards_cli = AppGroup("cards", help="Share cards.")


@cards_cli.command("gallery")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
def cards_gallery(outdir: Path) -> None:
    """Render every language × format with sample statements into OUTDIR."""
    from campaign.cards.gallery import render_gallery

    for path in render_gallery(outdir):
        click.echo(path)


@cards_cli.command("rerender")
@click.option("--edition", "edition_slug", help="Only the entries made through this city edition.")
@click.option(
    "--language",
    type=click.Choice(sorted(LANGUAGES)),
    help="Only the entries in this language.",
)
@click.option(
    "--entry",
    "slugs",
    multiple=True,
    help="Only this entry (the SLUG of its /e/SLUG page); may be given more than once.",
)
@click.option("--dry-run", is_flag=True, help="Say how many entries it would make; change nothing.")
def cards_rerender(
    edition_slug: str | None, language: str | None, slugs: tuple[str, ...], dry_run: bool
) -> None:
    """Make the cards of entries already made again, with today's designs and branding.

    After a change of CARD_CAMPAIGN_LINES, CARD_ACCENT, CARD_LOGO or CARD_MARK_TEXT, an
    edition's colours or logo, or a card design: cards made before keep the old look until
    then. Each entry is committed on its own, so the command can be stopped and run again.
    """
    from campaign.submissions.rerender import entries_to_rerender, rerender_all

    edition = None
    if edition_slug is not None:
        edition = db.session.scalar(select(Edition).where(Edition.slug == edition_slug))
        if edition is None:
            raise click.BadParameter(
                f"no city edition is called {edition_slug!r}", param_hint="--edition"
            )
    entries = entries_to_rerender(edition, language, slugs)
    if slugs:
        known = set(db.session.scalars(select(Entry.slug).where(Entry.slug.in_(slugs))))
        if unknown := sorted(set(slugs) - known):
            raise click.BadParameter(
                f"no entry is called {', '.join(unknown)}", param_hint="--entry"
            )
    if dry_run:
        click.echo(f"{len(entries)} entries' cards would be made again.")
        return
    counts = Counter()
    for done, (slug, outcome) in enumerate(rerender_all(entries), start=1):
        counts[outcome] += 1
        if outcome.is_problem:
            click.echo(f"{slug}: {outcome.value}", err=True)
        if done % 100 == 0:
            click.echo(f"{done} of {len(entries)}")
    click.echo(
        "; ".join(f"{count} {outcome.value}" for outcome, count in counts.items()) or "No entry."
    )
    if any(outcome.is_problem for outcome in counts):
        raise SystemExit(1)


def register_commands(app: Flask) -> None:
    from campaign.cities.importer import cities_cli
    from campaign.editions.cli import editions_cli
    from campaign.maintenance import maintenance_cli
    from campaign.moderation.cli import users_cli
    from campaign.notices.cli import notices_cli
    from campaign.privacy.cli import privacy_cli

    app.cli.add_command(cards_cli)
    app.cli.add_command(cities_cli)
    app.cli.add_command(editions_cli)
    app.cli.add_command(maintenance_cli)
    app.cli.add_command(notices_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(users_cli)
