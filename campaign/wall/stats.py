"""Figures about public entries: the wall's counters, its filter choices, the stats page.

Every figure counts public entries only (campaign.models.public_entries). Figures are plain
dicts and lists so they can be cached as they are (cache.cached).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Date, cast, distinct, func, select

from campaign.extensions import db
from campaign.models import Edition, Entry, public_entries
from campaign.wall.cache import cached

DAYS_SHOWN = 90
TOP_CITIES = 300


@dataclass(frozen=True)
class Counters:
    entries: int
    cities: int
    countries: int
    languages: int


def _public(edition_id: int | None, *columns):
    """Public entries (of one city edition, when edition_id is given)."""
    query = public_entries(*columns)
    return query if edition_id is None else query.where(Entry.edition_id == edition_id)


def _key(name: str, edition_id: int | None) -> str:
    return name if edition_id is None else f"{name}:e{edition_id}"


def counters(edition_id: int | None = None) -> Counters:
    """How many public entries (of the whole campaign, or of one city edition), from how many
    cities, countries and languages."""
    return Counters(**cached(_key("counters", edition_id), lambda: _counters(edition_id)))


def _counters(edition_id: int | None = None) -> dict:
    entries, countries, languages = db.session.execute(
        _public(
            edition_id,
            func.count(Entry.id),
            func.count(distinct(Entry.country_code)),
            func.count(distinct(Entry.language)),
        )
    ).one()
    # A city is a name in a country, however its people capitalise it.
    cities = {(city.casefold(), country) for city, country, _count in _city_rows(edition_id)}
    return {
        "entries": entries,
        "cities": len(cities),
        "countries": countries,
        "languages": languages,
    }


def _city_rows(edition_id: int | None = None) -> list[tuple[str, str, int]]:
    return [
        tuple(row)
        for row in db.session.execute(
            _public(edition_id, Entry.city, Entry.country_code, func.count()).group_by(
                Entry.city, Entry.country_code
            )
        )
    ]


def facets(edition_id: int | None = None) -> dict:
    """Values the filters can offer: countries with entries, and the biggest cities (of the
    whole campaign, or of one city edition)."""
    return cached(_key("facets", edition_id), lambda: _facets(edition_id))


def _facets(edition_id: int | None = None) -> dict:
    countries = db.session.execute(
        _public(edition_id, Entry.country_code, func.count())
        .group_by(Entry.country_code)
        .order_by(func.count().desc())
    ).all()
    # City name (casefolded) -> every spelling people used, most used first; the city
    # filter matches them all, so "espoo" and "Espoo" are one city.
    totals: dict[str, int] = {}
    for city, _country, count in _city_rows(edition_id):
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


def edition_names(language: str) -> list[tuple[str, str]]:
    """(slug, name in the language) of every city edition, by name: the wall's filter."""
    editions = cached("editions", _editions)
    named = [
        (slug, names.get(language) or names.get(default) or slug)
        for slug, names, default in editions
    ]
    return sorted(named, key=lambda item: item[1].casefold())


def _editions() -> list:
    rows = db.session.execute(select(Edition.slug, Edition.names, Edition.default_language))
    return [[slug, names, default] for slug, names, default in rows]


def city_spellings(city: str) -> list[str]:
    """Every spelling of this city on the wall (at least the one given)."""
    known = facets()["spellings"].get(city.casefold(), [])
    return known if city in known else [city, *known]


def _day():
    """The UTC calendar day of created_at, per dialect."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone("UTC", Entry.created_at), Date)
    return func.date(Entry.created_at)


def per_day(
    today: date, days: int = DAYS_SHOWN, edition_id: int | None = None
) -> list[tuple[str, int]]:
    """(ISO day, entries) for each of the last `days` days up to today, gaps as zero."""
    key = _key(f"per_day:{today.isoformat()}:{days}", edition_id)
    counts = dict(cached(key, lambda: _per_day(today, days, edition_id)))
    first = today - timedelta(days=days - 1)
    return [
        ((first + timedelta(n)).isoformat(), counts.get((first + timedelta(n)).isoformat(), 0))
        for n in range(days)
    ]


def _per_day(today: date, days: int, edition_id: int | None) -> list[tuple[str, int]]:
    day = _day()
    since = datetime.combine(today - timedelta(days=days - 1), time(), tzinfo=UTC)
    rows = db.session.execute(
        _public(edition_id, day, func.count())
        .where(Entry.created_at >= since)
        .group_by(day)
        .order_by(day)
    ).all()
    return [(str(value), count) for value, count in rows]


def per_column(column, edition_id: int | None = None) -> list[tuple[str, int]]:
    """(value, entries) for a column such as country_code or language, biggest first."""
    return cached(
        _key(f"per:{column.key}", edition_id),
        lambda: [
            (value, count)
            for value, count in db.session.execute(
                _public(edition_id, column, func.count())
                .group_by(column)
                .order_by(func.count().desc(), column)
            ).all()
        ],
    )


def per_edition() -> list[tuple[str, dict[str, str], str, int]]:
    """(slug, names, default language, entries) of every city edition with public entries,
    biggest first: the global statistics broken down by edition."""
    return cached(
        "per:edition",
        lambda: [
            (slug, names, default, count)
            for slug, names, default, count in db.session.execute(
                public_entries(Edition.slug, Edition.names, Edition.default_language, func.count())
                .select_from(Entry)
                .join(Edition, Edition.id == Entry.edition_id)
                # The rest of the edition's columns depend on its key (no JSON equality needed).
                .group_by(Edition.id)
                .order_by(func.count().desc(), Edition.slug)
            )
        ],
    )


def export_rows(edition_id: int | None = None) -> list[tuple[str, str, str, str, int]]:
    """(day, country code, language, edition slug or "", entries) for every combination that
    has entries (of one city edition, when edition_id is given)."""
    day = _day()
    query = (
        _public(edition_id, day, Entry.country_code, Entry.language, Edition.slug, func.count())
        .select_from(Entry)
        .outerjoin(Edition, Edition.id == Entry.edition_id)
        .group_by(day, Entry.country_code, Entry.language, Edition.slug)
        .order_by(day, Entry.country_code, Entry.language, Edition.slug)
    )
    return [
        (str(value), country, language, slug or "", count)
        for value, country, language, slug, count in db.session.execute(query)
    ]
