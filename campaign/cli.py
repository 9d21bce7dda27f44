"""flask commands."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

cards_cli = AppGroup("cards", help="Share cards.")


@cards_cli.command("gallery")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
def cards_gallery(outdir: Path) -> None:
    """Render every language × format with sample statements into OUTDIR."""
    from campaign.cards.gallery import render_gallery

    for path in render_gallery(outdir):
        click.echo(path)


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
