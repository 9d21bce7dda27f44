"""Participation per place: each city edition, and each directory city no edition speaks for.

A place's entries are the public entries made through its edition, and for a directory city
(or an edition's cities) those made on the global site naming it. People invited: public
entries that followed one of those entries' invitation links. Countries reached: the
countries of its entries and of the people they invited. Figures are plain values, cached
like the wall's (campaign/wall/cache.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from campaign.countries import country_name
from campaign.extensions import db
from campaign.models import City, Edition, Entry, EntryStatus, public_entries
from campaign.models.edition import edition_cities
from campaign.wall.cache import cached

SHOWN = 100
LATEST_CARDS = 3


@dataclass
class Place:
    """A city edition (slug set) or a directory city, with its figures."""

    key: str  # "e<id>" or "c<id>"
    name: str
    country: str
    slug: str | None = None
    city: str | None = None  # a directory city's name, for its wall filter
    entries: int = 0
    invited: int = 0
    countries: set[str] = field(default_factory=set)
    latest: list[Entry] = field(default_factory=list)

    @property
    def countries_reached(self) -> int:
        return len(self.countries)


def _place_of(edition_id: int | None, city_id: int | None, city_editions: dict) -> str | None:
    if edition_id is not None:
        return f"e{edition_id}"
    if city_id is None:
        return None  # a city the directory does not know: on no one's count
    edition = city_editions.get(city_id)
    return f"e{edition}" if edition is not None else f"c{city_id}"


def _figures() -> list[dict]:
    """Every place with entries, biggest first: key, entries, invited, countries (codes)."""
    # A city two editions share counts for the older edition (the last one written wins).
    city_editions = dict(
        db.session.execute(
            select(edition_cities.c.city_id, edition_cities.c.edition_id).order_by(
                edition_cities.c.edition_id.desc()
            )
        ).all()
    )
    figures: dict[str, dict] = defaultdict(lambda: {"entries": 0, "invited": 0, "countries": set()})
    own = public_entries(Entry.edition_id, Entry.city_id, Entry.country_code, func.count())
    for edition_id, city_id, country, count in db.session.execute(
        own.group_by(Entry.edition_id, Entry.city_id, Entry.country_code)
    ):
        key = _place_of(edition_id, city_id, city_editions)
        if key is not None:
            figures[key]["entries"] += count
            figures[key]["countries"].add(country)
    inviter = aliased(Entry)
    invited = (
        public_entries(inviter.edition_id, inviter.city_id, Entry.country_code, func.count())
        .join(inviter, inviter.id == Entry.invited_by_id)
        .where(inviter.status == EntryStatus.APPROVED)
        .group_by(inviter.edition_id, inviter.city_id, Entry.country_code)
    )
    for edition_id, city_id, country, count in db.session.execute(invited):
        key = _place_of(edition_id, city_id, city_editions)
        if key is not None:
            figures[key]["invited"] += count
            figures[key]["countries"].add(country)
    rows = [
        {
            "key": key,
            "entries": f["entries"],
            "invited": f["invited"],
            "countries": sorted(f["countries"]),
        }
        for key, f in figures.items()
    ]
    rows.sort(
        key=lambda row: (-row["entries"], -row["invited"], -len(row["countries"]), row["key"])
    )
    return rows


def ranking(locale: str, limit: int = SHOWN) -> list[Place]:
    """The places with the most participation, named in the locale, with their latest cards."""
    rows = cached("network:ranking", _figures)[:limit]
    edition_ids = [int(row["key"][1:]) for row in rows if row["key"][0] == "e"]
    city_ids = [int(row["key"][1:]) for row in rows if row["key"][0] == "c"]
    editions = {
        e.id: e for e in db.session.scalars(select(Edition).where(Edition.id.in_(edition_ids)))
    }
    cities = {c.id: c for c in db.session.scalars(select(City).where(City.id.in_(city_ids)))}
    places = []
    for row in rows:
        number = int(row["key"][1:])
        if row["key"][0] == "e":
            edition = editions.get(number)
            if edition is None:
                continue
            first = edition.cities[0] if edition.cities else None
            place = Place(
                key=row["key"],
                name=edition.name_in(locale),
                country=country_name(first.country_code, locale) if first else "",
                slug=edition.slug,
            )
        else:
            city = cities.get(number)
            if city is None:
                continue
            place = Place(
                key=row["key"],
                name=city.name,
                country=country_name(city.country_code, locale),
                city=city.name,
            )
        place.entries, place.invited = row["entries"], row["invited"]
        place.countries = set(row["countries"])
        places.append(place)
    _attach_latest(places)
    return places


def _attach_latest(places: list[Place]) -> None:
    """Each place's newest public entries, in one query per kind of place."""
    by_edition = {int(p.key[1:]): p for p in places if p.slug}
    by_city = {int(p.key[1:]): p for p in places if not p.slug}
    if by_edition:
        for edition_id, entry in _newest(Entry.edition_id, list(by_edition)):
            by_edition[edition_id].latest.append(entry)
    if by_city:
        for city_id, entry in _newest(Entry.city_id, list(by_city), global_only=True):
            by_city[city_id].latest.append(entry)


def _newest(column, ids: list[int], global_only: bool = False) -> list[tuple[int, Entry]]:
    order = func.row_number().over(
        partition_by=column, order_by=(Entry.created_at.desc(), Entry.id.desc())
    )
    ranked = public_entries(Entry.id.label("id"), column.label("place"), order.label("n")).where(
        column.in_(ids)
    )
    if global_only:
        ranked = ranked.where(Entry.edition_id.is_(None))
    ranked = ranked.subquery()
    query = (
        select(ranked.c.place, Entry)
        .join(ranked, ranked.c.id == Entry.id)
        .where(ranked.c.n <= LATEST_CARDS)
        .order_by(ranked.c.place, Entry.created_at.desc(), Entry.id.desc())
    )
    return [(place, entry) for place, entry in db.session.execute(query)]
