"""The learning-cities directory: matching what people type, and suggestions as they type."""

import unicodedata
from dataclasses import dataclass

from sqlalchemy import select

from campaign.countries import country_name
from campaign.extensions import db
from campaign.models import City

SUGGEST_LIMIT = 8
QUERY_MAX = 80


def name_key(name: str) -> str:
    """A city's name for comparison: case and accents ignored, punctuation as spaces.

    "Évry-Courcouronnes", "evry courcouronnes" and "ÉVRY – COURCOURONNES" compare equal;
    so do "İzmir" and "izmir".
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = "".join(char if char.isalnum() else " " for char in text)
    return " ".join(text.split())


def match_city(name: str, country_code: str) -> City | None:
    """The directory's city with this name in this country, however it was typed."""
    key = name_key(name)
    if not key:
        return None
    candidates = db.session.scalars(select(City).where(City.country_code == country_code))
    return next((city for city in candidates if name_key(city.name) == key), None)


@dataclass(frozen=True)
class Suggestion:
    id: int
    name: str
    country_code: str
    country: str
    region: str | None

    @property
    def label(self) -> str:
        return f"{self.name}, {self.country}"

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "country_code": self.country_code,
            "country": self.country,
            "region": self.region,
            "label": self.label,
        }


def suggest(
    query: str, *, locale: str = "en", country: str | None = None, limit: int = SUGGEST_LIMIT
) -> list[Suggestion]:
    """Cities whose name (or country, in the reader's language) starts like the query.

    Names that start with the query come first, then names with a word that does, then
    cities of a country that does. The directory is a few hundred rows, so they are
    compared here, where accents and case can be ignored the same way on every database.
    """
    key = name_key(query[:QUERY_MAX])
    if not key:
        return []
    rows = db.session.execute(
        select(City.id, City.name, City.country_code, City.region).order_by(City.name)
    ).all()
    ranked = []
    for row in rows:
        if country and row.country_code != country:
            continue
        city_key = name_key(row.name)
        country_key = name_key(country_name(row.country_code, locale))
        if city_key.startswith(key):
            rank = 0
        elif any(word.startswith(key) for word in city_key.split()) or key in city_key:
            rank = 1
        elif country_key.startswith(key) or f" {key}" in f" {country_key}":
            rank = 2
        else:
            continue
        ranked.append((rank, city_key, row))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [
        Suggestion(
            id=row.id,
            name=row.name,
            country_code=row.country_code,
            country=country_name(row.country_code, locale),
            region=row.region,
        )
        for _, _, row in ranked[:limit]
    ]


def directory_city_id(name: str, country_code: str) -> int | None:
    """The id of the directory's city of this name and country, or None."""
    city = match_city(name, country_code)
    return city.id if city is not None else None


class DuplicateCity(ValueError):
    """Another city of the directory already has this name in this country."""


def save_city(
    city: City | None,
    *,
    name: str,
    country_code: str,
    region: str | None,
    member_since: int | None,
) -> City:
    """Add a city (city=None) or change one; DuplicateCity if the name is taken (flushed)."""
    existing = match_city(name, country_code)
    if existing is not None and existing is not city:
        raise DuplicateCity(name)
    if city is None:
        city = City()
        db.session.add(city)
    city.name = name
    city.country_code = country_code
    city.country = country_name(country_code, "en")
    city.region = region or None
    city.member_since = member_since
    db.session.flush()
    return city


def search_cities(query: str = "", *, limit: int = 500) -> list[City]:
    """Directory cities, by country then name; narrowed to names or countries like the query."""
    cities = db.session.scalars(select(City)).all()
    key = name_key(query)
    if key:
        cities = [
            city
            for city in cities
            if key in name_key(city.name)
            or key in name_key(city.country)
            or key == city.country_code.lower()
        ]
    cities.sort(key=lambda city: (city.country.casefold(), name_key(city.name)))
    return cities[:limit]
