"""Figures about public entries: the wall's counters, its filter choices, the stats page.

Every figure counts public entries only (campaign.models.public_entries). Figures are plain
dicts and lists so they can be cached as they are (cache.cached).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Date, cast, distinct, func

from campaign.extensions import db
from campaign.models import Entry, public_entries
from campaign.wall.cache import cached

DAYS_SHOWN = 90
TOP_CITIES = 300


@dataclass(frozen=True)
class Counters:
    entries: int
    cities: int
    countries: int
    languages: int


def counters() -> Counters:
    """How many public entries, from how many cities, countries and languages."""
    return Counters(**cached("counters", _counters))


def _counters() -> dict:
    entries, countries, languages = db.session.execute(
        public_entries(
            func.count(Entry.id),
            func.count(distinct(Entry.country_code)),
            func.count(distinct(Entry.language)),
        )
    ).one()
    # A city is a name in a country, however its people capitalise it.
    cities = {(city.casefold(), country) for city, country, _count in _city_rows()}
    return {
        "entries": entries,
        "cities": len(cities),
        "countries": countries,
        "languages": languages,
    }


def _city_rows() -> list[tuple[str, str, int]]:
    return [
        tuple(row)
        for row in db.session.execute(
            public_entries(Entry.city, Entry.country_code, func.count()).group_by(
                Entry.city, Entry.country_code
            )
        )
    ]


def facets() -> dict:
    """Values the filters can offer: countries with entries, and the biggest cities."""
    return cached("facets", _facets)


def _facets() -> dict:
    countries = db.session.execute(
        public_entries(Entry.country_code, func.count())
        .group_by(Entry.country_code)
        .order_by(func.count().desc())
    ).all()
    # City name (casefolded) -> every spelling people used, most used first; the city
    # filter matches them all, so "espoo" and "Espoo" are one city.
    totals: dict[str, int] = {}
    for city, _country, count in _city_rows():
        totals[city] = totals.get(city, 0) + count
    spellings: dict[str, list[str]] = {}
    for city in sorted(totals, key=lambda name: -totals[name]):
        spellings.setdefault(city.casefold(), []).append(city)
    biggest = sorted(spellings.values(), key=lambda names: -sum(totals[n] for n in names))
    return {
        "countries": [code for code, _count in countries],
        "cities": sorted((names[0] for names in biggest[:TOP_CITIES]), key=str.casefold),
        "spellings": spellings,
    }


def city_spellings(city: str) -> list[str]:
    """Every spelling of this city on the wall (at least the one given)."""
    known = facets()["spellings"].get(city.casefold(), [])
    return known if city in known else [city, *known]


def _day():
    """The UTC calendar day of created_at, per dialect."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", Entry.created_at), Date)
    return func.date(Entry.created_at)


def per_day(today: date, days: int = DAYS_SHOWN) -> list[tuple[str, int]]:
    """(ISO day, entries) for each of the last `days` days up to today, gaps as zero."""
    counts = dict(cached(f"per_day:{today.isoformat()}:{days}", lambda: _per_day(today, days)))
    first = today - timedelta(days=days - 1)
    return [
        ((first + timedelta(n)).isoformat(), counts.get((first + timedelta(n)).isoformat(), 0))
        for n in range(days)
    ]


def _per_day(today: date, days: int) -> list[tuple[str, int]]:
    day = _day()
    since = datetime.combine(today - timedelta(days=days - 1), time(), tzinfo=UTC)
    rows = db.session.execute(
        public_entries(day, func.count())
        .where(Entry.created_at >= since)
        .group_by(day)
        .order_by(day)
    ).all()
    return [(str(value), count) for value, count in rows]


def per_column(column) -> list[tuple[str, int]]:
    """(value, entries) for a column such as country_code or language, biggest first."""
    return cached(
        f"per:{column.key}",
        lambda: [
            (value, count)
            for value, count in db.session.execute(
                public_entries(column, func.count())
                .group_by(column)
                .order_by(func.count().desc(), column)
            ).all()
        ],
    )


def export_rows() -> list[tuple[str, str, str, int]]:
    """(day, country code, language, entries) for every combination that has entries."""
    day = _day()
    query = (
        public_entries(day, Entry.country_code, Entry.language, func.count())
        .group_by(day, Entry.country_code, Entry.language)
        .order_by(day, Entry.country_code, Entry.language)
    )
    return [
        (str(value), country, language, count)
        for value, country, language, count in db.session.execute(query)
    ]
