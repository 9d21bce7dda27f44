"""Cities typed on the join form that the directory does not know: listed for moderators,
who map them to a directory city (or add them to it)."""

from dataclasses import dataclass

from sqlalchemy import func, select

from campaign.cities.directory import name_key
from campaign.extensions import db
from campaign.models import City, Entry


@dataclass(frozen=True)
class UnmappedCity:
    city: str  # the most common spelling
    country_code: str
    entries: int
    candidates: list[City]  # directory cities of the same country, to map to


def unmapped_cities(limit: int = 200) -> list[UnmappedCity]:
    """Typed cities with no directory city, most entries first; spellings that differ only
    by case or accents count as one."""
    rows = db.session.execute(
        select(Entry.city, Entry.country_code, func.count())
        .where(Entry.city_id.is_(None))
        .group_by(Entry.city, Entry.country_code)
    ).all()
    merged: dict[tuple[str, str], list] = {}
    for city, code, count in rows:
        key = (code, name_key(city))
        spelling, total, best = merged.get(key, (city, 0, 0))
        if count > best:
            spelling, best = city, count
        merged[key] = [spelling, total + count, best]
    ordered = sorted(merged.items(), key=lambda item: (-item[1][1], item[1][0].casefold()))
    codes = {code for (code, _), _ in ordered[:limit]}
    directory: dict[str, list[City]] = {}
    for city in db.session.scalars(select(City).where(City.country_code.in_(codes))):
        directory.setdefault(city.country_code, []).append(city)
    for cities in directory.values():
        cities.sort(key=lambda city: name_key(city.name))
    return [
        UnmappedCity(spelling, code, total, directory.get(code, []))
        for (code, _), (spelling, total, _best) in ordered[:limit]
    ]


def map_entries(typed: str, country_code: str, city: City) -> int:
    """Link every unmapped entry whose city reads like `typed` (same country) to `city`."""
    key = name_key(typed)
    entries = db.session.scalars(
        select(Entry).where(Entry.city_id.is_(None), Entry.country_code == country_code)
    ).all()
    matched = [entry for entry in entries if name_key(entry.city) == key]
    for entry in matched:
        entry.city_id = city.id
    db.session.flush()
    return len(matched)
