"""Importing the learning-cities directory from CSV, and the `flask cities` commands.

A CSV has a header row with at least `name` and `country_code` (ISO 3166 alpha-2), and
optionally `country`, `region` and `member_since`. Re-importing a file updates the cities
it names (matched by country and by name, ignoring case and accents) and never adds a
second row for the same city; a bad row is reported with its line number and skipped,
while every good row is kept.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from campaign.cities.directory import name_key
from campaign.countries import country_name, is_country
from campaign.extensions import db
from campaign.models import City
from campaign.textinput import TextInputError, clean_text
from campaign.unit_of_work import unit_of_work

REQUIRED = ("name", "country_code")
OPTIONAL = ("country", "region", "member_since")
HEADER_ALIASES = {"city": "name", "iso": "country_code", "code": "country_code"}
NAME_MAX, COUNTRY_MAX, REGION_MAX = 120, 80, 120
FIRST_MEMBER_YEAR = 2013  # the Global Network of Learning Cities was founded in 2013
STARTER_CSV = Path(__file__).resolve().parent.parent / "data" / "learning_cities.csv"


class CsvError(ValueError):
    """The file as a whole cannot be read (encoding, header); the message says why."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class CityRow:
    name: str
    country_code: str
    country: str
    region: str | None
    member_since: int | None


def import_cities(data: bytes) -> ImportReport:
    """Add or update the cities of a CSV file (flushed, not committed).

    Raises CsvError when the file as a whole is unusable.
    """
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    header = next(reader, None)
    columns, width = _columns(header), len(header or [])
    existing = {
        (city.country_code, name_key(city.name)): city for city in db.session.scalars(select(City))
    }
    seen: dict[tuple[str, str], int] = {}
    report = ImportReport()
    start = reader.line_num + 1
    try:
        for fields in reader:
            # A quoted field may hold line breaks: a row starts after the previous one ended.
            line, start = start, reader.line_num + 1
            if not any(field.strip() for field in fields):
                continue  # blank lines are not mistakes
            values = {
                columns[index]: value for index, value in enumerate(fields) if index in columns
            }
            try:
                row = parse_row(values, extra=len(fields) > width)
            except ValueError as error:
                report.errors.append((line, str(error)))
                continue
            key = (row.country_code, name_key(row.name))
            if key in seen:
                duplicate = _(
                    "%(name)s is already on line %(line)d.", name=row.name, line=seen[key]
                )
                report.errors.append((line, duplicate))
                continue
            seen[key] = line
            _upsert(existing, key, row, report)
    except csv.Error as error:
        report.errors.append(
            (start, _("the CSV cannot be read from here on (%(error)s).", error=str(error)))
        )
    db.session.flush()
    return report


def parse_row(values: dict[str, str | None], extra: bool = False) -> CityRow:
    """One row checked; ValueError with a message naming what is wrong."""
    if extra:
        raise ValueError(_("this row has more fields than the header."))
    name = _text(values.get("name"), _("the city name"), NAME_MAX)
    if not name:
        raise ValueError(_("the city name is empty."))
    code = (values.get("country_code") or "").strip().upper()
    if not code:
        raise ValueError(_("the country code is empty."))
    if not is_country(code):
        raise ValueError(_("“%(code)s” is not an ISO 3166 country code.", code=code[:10]))
    country = _text(values.get("country"), _("the country"), COUNTRY_MAX)
    region = _text(values.get("region"), _("the region"), REGION_MAX) or None
    member_since = _year(values.get("member_since"))
    return CityRow(name, code, country or country_name(code, "en"), region, member_since)


def _upsert(
    existing: dict[tuple[str, str], City], key: tuple[str, str], row: CityRow, report: ImportReport
) -> None:
    city = existing.get(key)
    if city is None:
        city = City(
            name=row.name,
            country_code=row.country_code,
            country=row.country,
            region=row.region,
            member_since=row.member_since,
        )
        db.session.add(city)
        existing[key] = city
        report.created += 1
        return
    changes = {
        "name": row.name,
        "country": row.country,
        "region": row.region,
        "member_since": row.member_since,
    }
    if all(getattr(city, attr) == value for attr, value in changes.items()):
        report.unchanged += 1
        return
    for attr, value in changes.items():
        setattr(city, attr, value)
    report.updated += 1


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # spreadsheets often start UTF-8 with a BOM
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvError(
            _("line %(line)d: the file is not UTF-8 text; save it as CSV UTF-8.", line=line)
        ) from None


def _columns(header: list[str] | None) -> dict[int, str]:
    """Position in the row -> the column it stands for."""
    if not header:
        raise CsvError(_("the file is empty: it needs a header row such as name,country_code."))
    columns = {}
    for index, written in enumerate(header):
        normal = written.strip().lower().replace(" ", "_")
        normal = HEADER_ALIASES.get(normal, normal)
        if normal in REQUIRED + OPTIONAL and normal not in columns.values():
            columns[index] = normal
    missing = [name for name in REQUIRED if name not in columns.values()]
    if missing:
        raise CsvError(
            _("line 1: the header lacks the column(s) %(columns)s.", columns=", ".join(missing))
        )
    return columns


def _text(value: str | None, what: str, limit: int) -> str:
    try:
        text = clean_text(value)
    except TextInputError as error:
        raise ValueError(f"{what}: {error}") from None
    if len(text) > limit:
        raise ValueError(_("%(what)s is longer than %(max)d characters.", what=what, max=limit))
    return text


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    last = datetime.now(UTC).year + 1
    if not value.isdigit() or not FIRST_MEMBER_YEAR <= int(value) <= last:
        raise ValueError(
            _(
                "member_since “%(value)s” is not a year from %(first)d to %(last)d.",
                value=value[:10],
                first=FIRST_MEMBER_YEAR,
                last=last,
            )
        )
    return int(value)


cities_cli = AppGroup("cities", help="The learning-cities directory.")


@cities_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(csv_file: Path) -> None:
    """Add or update cities from CSV_FILE (name,country_code[,country,region,member_since])."""
    try:
        with force_locale("en"), unit_of_work():  # messages for the terminal, outside any request
            report = import_cities(csv_file.read_bytes())
    except CsvError as error:
        raise click.ClickException(f"{csv_file}: {error}") from None
    for line, message in report.errors:
        click.echo(f"{csv_file}:{line}: {message}", err=True)
    click.echo(
        f"{report.created} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.errors)} row(s) skipped."
    )
    if report.errors:
        raise SystemExit(1)


@cities_cli.command("import-starter")
def import_starter_command() -> None:
    """Add or update the learning cities shipped with the campaign."""
    with force_locale("en"), unit_of_work():
        report = import_cities(STARTER_CSV.read_bytes())
    click.echo(f"{report.created} added, {report.updated} updated, {report.unchanged} unchanged.")
