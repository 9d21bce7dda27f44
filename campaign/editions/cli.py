"""flask editions ...: city editions from the command line (admins also use /moderate/editions)."""

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import select

from campaign.cities.directory import match_city, name_key
from campaign.editions import service
from campaign.editions.rules import EditionError, taken_segments
from campaign.extensions import db
from campaign.languages import DEFAULT_LANGUAGE
from campaign.models import City
from campaign.unit_of_work import unit_of_work

editions_cli = AppGroup("editions", help="City editions of the campaign.")


def _city(spec: str) -> City:
    """A directory city from "Espoo, FI" (name and country code) or a name found once."""
    name, _, country = spec.rpartition(",")
    if name.strip() and len(country.strip()) == 2:
        city = match_city(name.strip(), country.strip().upper())
        if city is not None:
            return city
    else:
        key = name_key(spec)
        found = [city for city in db.session.scalars(select(City)) if name_key(city.name) == key]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            where = ", ".join(f"{spec}, {city.country_code}" for city in found)
            raise click.BadParameter(f"{spec!r} is in several countries: say which ({where}).")
    raise click.BadParameter(
        f"{spec!r} is not in the cities directory "
        "(`flask cities import-starter` adds the shipped list)."
    )


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        code, sep, text = value.partition("=")
        if not sep:
            raise click.BadParameter(f"{option} takes LANG=TEXT, e.g. {option} en=Espoo learns.")
        pairs[code.strip()] = text
    return pairs


@editions_cli.command("create")
@click.argument("slug")
@click.option("--city", "cities", multiple=True, required=True, help='"Espoo, FI"; repeatable.')
@click.option("--name", "names", multiple=True, help="LANG=NAME, e.g. en=Espoo learns.")
@click.option("--language", "languages", multiple=True, help="A language offered; repeatable.")
@click.option("--default-language", default=None, help="The language pages open in.")
@click.option("--line", "lines", multiple=True, help="LANG=the campaign line on its cards.")
@click.option("--design", "designs", multiple=True, help="A card design offered (all: none).")
@click.option("--hashtag", default=None, help="A local hashtag, e.g. #EspooLearns.")
@click.option("--accent", default=None, help="Accent colour, #RRGGBB.")
@click.option("--background", default=None, help="Card background colour, #RRGGBB.")
@click.option(
    "--moderation",
    type=click.Choice(["pre", "post"]),
    default=None,
    help="Its own moderation mode (default: the campaign's MODERATION).",
)
def create(slug, cities, names, languages, default_language, lines, designs, **colours) -> None:
    """Create the edition SLUG, served under /c/SLUG/."""
    default = default_language or (languages[0] if languages else DEFAULT_LANGUAGE)
    settings = service.EditionSettings(
        city_ids=[_city(spec).id for spec in cities],
        default_language=default,
        languages=list(languages),
        names=_pairs(names, "--name"),
        campaign_lines=_pairs(lines, "--line"),
        designs=list(designs),
        hashtag=colours.pop("hashtag"),
        **colours,
    )
    try:
        # Messages in English: a command runs outside any request (and its language).
        with force_locale("en"), unit_of_work():
            edition = service.create_edition(
                slug, settings, taken=taken_segments(current_app.url_map)
            )
    except EditionError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created edition {edition.slug}: /c/{edition.slug}/")


@editions_cli.command("list")
def list_editions() -> None:
    """Every edition: slug, languages, cities and local hashtag."""
    for edition in service.all_editions():
        cities = "; ".join(f"{city.name}, {city.country_code}" for city in edition.cities)
        click.echo(
            f"{edition.slug}\t{edition.name_in(edition.default_language)}\t"
            f"{','.join(edition.languages)}\t{cities}\t{edition.hashtag or ''}"
        )
