"""Pages of public entries: filters from the URL, and keyset (cursor) pagination.

The wall's order is featured first, then newest, then id: (featured, created_at, id)
descending. A cursor is the key of the row a page starts after (or before, going back),
signed so it cannot be forged or cut short unnoticed; entries that arrive while someone
reads sort before their cursor, so the pages they go on to never repeat or skip a row.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import Row, Select, select, tuple_

from campaign import search
from campaign.countries import is_country
from campaign.errors import PageError
from campaign.extensions import db
from campaign.languages import LANGUAGES
from campaign.models import Edition, Entry, EntryKind, public_entries
from campaign.numbers import parse_int
from campaign.sessions import signing_keys
from campaign.wall import stats

PAGE_SIZE = 24
MAX_PAGE_SIZE = 100
QUERY_MAX = 100
CITY_MAX = 120
TRUE_VALUES = {"1", "true", "yes", "on", "y"}
FALSE_VALUES = {"0", "false", "no", "off", "n", ""}


class BadRequestArgs(PageError):
    """A filter or cursor in the URL that cannot be used; the message says why."""

    title = _l("This link does not work")


@dataclass(frozen=True)
class Filters:
    city: str | None = None
    country: str | None = None
    language: str | None = None
    kind: str | None = None
    featured: bool = False
    q: str | None = None
    # ?edition=<slug> on the global wall; on an edition's own pages its id alone (no argument).
    edition: str | None = None
    edition_id: int | None = field(default=None, repr=False)

    def as_args(self) -> dict[str, str]:
        """The filters as URL query arguments (only those that are set)."""
        args = {
            key: value
            for key, value in asdict(self).items()
            if value and key not in {"featured", "edition_id"}
        }
        if self.featured:
            args["featured"] = "1"
        return args

    @property
    def any(self) -> bool:
        return bool(self.as_args())


def parse_filters(args: Mapping[str, str], page_edition: Edition | None = None) -> Filters:
    """Filters from URL arguments; BadRequestArgs for values no entry could have.

    On an edition's pages (page_edition) only its entries are shown, whatever the arguments.
    """
    city = (args.get("city") or "").strip() or None
    if city and len(city) > CITY_MAX:
        raise BadRequestArgs(_("The city name is too long."))
    country = (args.get("country") or "").strip().upper() or None
    if country and not is_country(country):
        raise BadRequestArgs(_("“%(value)s” is not a country code.", value=country[:10]))
    language = (args.get("language") or "").strip().lower() or None
    if language and language not in LANGUAGES:
        raise BadRequestArgs(
            _("“%(value)s” is not one of the campaign’s languages.", value=language[:10])
        )
    kind = (args.get("kind") or "").strip().lower() or None
    if kind and kind not in {k.value for k in EntryKind}:
        raise BadRequestArgs(_("The kind must be “learner” or “official”."))
    featured = (args.get("featured") or "").strip().lower()
    if featured not in TRUE_VALUES | FALSE_VALUES:
        raise BadRequestArgs(_("“featured” must be 1 or 0."))
    q = " ".join((args.get("q") or "").split()) or None
    if q and len(q) > QUERY_MAX:
        raise BadRequestArgs(_("Please search with at most %(max)d characters.", max=QUERY_MAX))
    edition, edition_id = _edition_filter(args, page_edition)
    return Filters(
        city=city,
        country=country,
        language=language,
        kind=kind,
        featured=featured in TRUE_VALUES,
        q=q,
        edition=edition,
        edition_id=edition_id,
    )


def _edition_filter(
    args: Mapping[str, str], page_edition: Edition | None
) -> tuple[str | None, int | None]:
    if page_edition is not None:
        return None, page_edition.id
    slug = (args.get("edition") or "").strip().lower() or None
    if slug is None:
        return None, None
    edition_id = db.session.scalar(select(Edition.id).where(Edition.slug == slug[:40]))
    if edition_id is None:
        raise BadRequestArgs(_("“%(value)s” is not one of the city editions.", value=slug[:40]))
    return slug, edition_id


def parse_limit(value: str | None, default: int = PAGE_SIZE) -> int:
    if value in (None, ""):
        return default
    limit = parse_int(value, 1, MAX_PAGE_SIZE)
    if limit is None:
        raise BadRequestArgs(_("“limit” must be a number from 1 to %(max)d.", max=MAX_PAGE_SIZE))
    return limit


def filtered(filters: Filters, *columns) -> Select:
    """Public entries (or columns of them) narrowed by the filters, all but the search."""
    query = public_entries(*columns)
    if filters.city:
        query = query.where(Entry.city.in_(stats.city_spellings(filters.city)))
    if filters.country:
        query = query.where(Entry.country_code == filters.country)
    if filters.language:
        query = query.where(Entry.language == filters.language)
    if filters.kind:
        query = query.where(Entry.kind == EntryKind(filters.kind))
    if filters.featured:
        query = query.where(Entry.featured.is_(True))
    if filters.edition_id is not None:
        query = query.where(Entry.edition_id == filters.edition_id)
    return query


def _rows(filters: Filters, query: Select, order: tuple, limit: int) -> list[Row]:
    dialect = db.session.get_bind().dialect.name
    return search.matching_rows(query, order, limit, filters.q, dialect)


# --- cursors -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    featured: bool
    created_at: datetime
    id: int
    backwards: bool = False

    @classmethod
    def after(cls, entry: Entry | Row) -> "Cursor":
        return cls(entry.featured, entry.created_at, entry.id)

    @classmethod
    def before(cls, entry: Entry | Row) -> "Cursor":
        return cls(entry.featured, entry.created_at, entry.id, backwards=True)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(signing_keys(current_app), salt="wall-cursor")


def encode_cursor(cursor: Cursor) -> str:
    """An opaque, signed token for a position on the wall."""
    return _serializer().dumps(
        [
            int(cursor.featured),
            cursor.created_at.astimezone(UTC).isoformat(),
            cursor.id,
            int(cursor.backwards),
        ]
    )


def decode_cursor(token: str | None) -> Cursor | None:
    """The position a cursor token stands for; BadRequestArgs if it was not made here."""
    if not token:
        return None
    try:
        featured, created, entry_id, backwards = _serializer().loads(token[:500])
        created_at = datetime.fromisoformat(created)
        if created_at.tzinfo is None or not isinstance(entry_id, int):
            raise ValueError(created)
        return Cursor(bool(featured), created_at.astimezone(UTC), entry_id, bool(backwards))
    except (BadData, ValueError, TypeError):
        raise BadRequestArgs(
            _(
                "This page link is not valid (it may have been cut short). "
                "Please start again from the first page of the wall."
            )
        ) from None


# --- pages ---------------------------------------------------------------------------

_KEY = (Entry.featured, Entry.created_at, Entry.id)
# What the wall, the API and the feed show of an entry: plain rows, not ORM objects (loading
# whole entries into the identity map cost more than the query itself).
CARD_COLUMNS = (
    Entry.id,
    Entry.slug,
    Entry.kind,
    Entry.name,
    Entry.title,
    Entry.city,
    Entry.country_code,
    Entry.language,
    Entry.statement,
    Entry.featured,
    Entry.card_keys,
    Entry.created_at,
    Entry.updated_at,
)
NEWEST_FIRST = (Entry.featured.desc(), Entry.created_at.desc(), Entry.id.desc())
OLDEST_FIRST = (Entry.featured.asc(), Entry.created_at.asc(), Entry.id.asc())


@dataclass(frozen=True)
class Page:
    entries: list[Row]
    next_cursor: str | None
    previous_cursor: str | None


def wall_page(filters: Filters, cursor: Cursor | None, limit: int = PAGE_SIZE) -> Page:
    """One page of the wall after (or, going back, before) the cursor."""
    query, order = filtered(filters, *CARD_COLUMNS), NEWEST_FIRST
    if cursor is not None:
        key = (cursor.featured, cursor.created_at, cursor.id)
        if cursor.backwards:
            query, order = query.where(tuple_(*_KEY) > key), OLDEST_FIRST
        else:
            query = query.where(tuple_(*_KEY) < key)
    rows = _rows(filters, query, order, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    if cursor is not None and cursor.backwards:
        rows.reverse()
        has_next, has_previous = True, more
    else:
        has_next, has_previous = more, cursor is not None
    if not rows:
        return Page([], None, None)
    return Page(
        rows,
        encode_cursor(Cursor.after(rows[-1])) if has_next else None,
        encode_cursor(Cursor.before(rows[0])) if has_previous else None,
    )


def newest(filters: Filters, limit: int) -> list[Row]:
    """The newest public entries, in plain time order (for the feed: nothing pinned)."""
    order = (Entry.created_at.desc(), Entry.id.desc())
    return _rows(filters, filtered(filters, *CARD_COLUMNS), order, limit)
