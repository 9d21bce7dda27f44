"""The Officials view: officials' public statements, grouped by country and city."""

from dataclasses import dataclass

from campaign.cities.directory import name_key
from campaign.countries import country_name
from campaign.editions.service import of_edition
from campaign.extensions import db
from campaign.models import Edition, Entry, EntryKind, public_entries
from campaign.wall.presenters import Card, card

# Officials are a few per city; this bounds one page should the campaign grow far beyond.
MAX_SHOWN = 500


@dataclass(frozen=True)
class CityGroup:
    city: str
    cards: list[Card]


@dataclass(frozen=True)
class CountryGroup:
    country: str
    country_code: str
    cities: list[CityGroup]


def officials_by_city(locale: str, edition: Edition | None = None) -> list[CountryGroup]:
    """Public officials' entries by country (named in the reader's language), then city;
    in a city edition, those of its cities or made for it."""
    query = public_entries().where(Entry.kind == EntryKind.OFFICIAL)
    if edition is not None:
        query = query.where(of_edition(edition))
    entries = db.session.scalars(
        query.order_by(Entry.created_at.desc(), Entry.id.desc()).limit(MAX_SHOWN)
    ).all()
    by_place: dict[tuple[str, str], tuple[str, list[Card]]] = {}
    for entry in entries:
        # The directory's spelling when the entry is linked to it, so one city is one group.
        city = entry.city_ref.name if entry.city_ref is not None else entry.city
        key = (entry.country_code, name_key(city))
        by_place.setdefault(key, (city, []))[1].append(card(entry, locale))
    countries: dict[str, list[CityGroup]] = {}
    for (code, _), (city, cards) in sorted(by_place.items(), key=lambda item: item[0][1]):
        countries.setdefault(code, []).append(CityGroup(city, cards))
    groups = [
        CountryGroup(country_name(code, locale), code, cities) for code, cities in countries.items()
    ]
    return sorted(groups, key=lambda group: group.country.casefold())
