"""The review queue: filtered, counted and paged by keyset so it stays fast however long it
grows (the index on (status, created_at, id) serves both the order and the page boundary)."""

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, or_, select, tuple_
from sqlalchemy.orm import aliased, selectinload
from sqlalchemy.sql.util import ClauseAdapter

from campaign import search
from campaign.extensions import db
from campaign.models import OPEN_STATES, Entry, EntryFlag, EntryStatus, FlagKind, Report, Revision
from campaign.moderation.scope import GLOBAL, Scope
from campaign.numbers import MAX_ID, parse_int

PAGE_SIZE = 20
# An entry page's address, as pasted from a message: https://…/e/<slug> or /c/<city>/e/<slug>.
SLUG_IN_TEXT = re.compile(r"/e/([\w-]{1,16})(?![\w-])")
STATUSES = [status.value for status in EntryStatus]
# "edited": public entries whose statement was edited and waits for a moderator's look.
EDITED = "edited"
TABS = [*STATUSES, EDITED]
FLAG_FILTERS = ["flagged", *[kind.value for kind in FlagKind], "reported", "clean"]
FLAG_NAMES = {
    "flagged": _l("any automatic flag"),
    "blocklist": _l("blocklisted words"),
    "duplicate_photo": _l("duplicate photo"),
    "ip_burst": _l("many from one network"),
    "reported": _l("reported by visitors"),
    "clean": _l("no flag, no report"),
}


@dataclass(frozen=True)
class Filters:
    status: str = "pending"
    # Words of a name, city or statement, or an entry's address (/e/<slug>) or slug: what a
    # moderator has to go on when someone writes in about their entry.
    q: str = ""
    language: str = ""
    city: str = ""
    flag: str = ""
    # An entry's id: only the entries sent from its network (its keyed address hash).
    network: str = ""
    after: str = ""

    @classmethod
    def from_args(cls, args, default_status: str) -> "Filters":
        status = args.get("status", default_status)
        flag = args.get("flag", "")
        return cls(
            status=status if status in [*TABS, "all"] else default_status,
            q=" ".join(args.get("q", "").split())[:100],
            language=args.get("language", "")[:5],
            city=" ".join(args.get("city", "").split())[:120],
            flag=flag if flag in FLAG_FILTERS else "",
            network=str(parse_int(args.get("network", ""), 1, MAX_ID) or ""),
            after=args.get("after", "")[:40],
        )

    @property
    def narrowed(self) -> bool:
        """Whether anything but the tab and the page narrows the list."""
        return bool(self.q or self.language or self.city or self.flag or self.network)

    @property
    def oldest_first(self) -> bool:
        return self.status in (EntryStatus.PENDING.value, EDITED)

    def args(self, **changes) -> dict:
        """Query arguments for a link to these filters, with changes; empty ones left out."""
        values = replace(self, **changes)
        return {key: value for key, value in vars(values).items() if value}


@dataclass
class Page:
    entries: list[Entry]
    next_after: str | None


def _open_report():
    return exists().where(Report.entry_id == Entry.id, Report.resolved_at.is_(None))


def _open_edit():
    return exists().where(Revision.entry_id == Entry.id, Revision.state.in_(OPEN_STATES))


def _filtered(filters: Filters, scope: Scope):
    query = scope.filter(select(Entry), Entry.edition_id)
    if filters.status == EDITED:
        query = query.where(_open_edit())
    elif filters.status != "all":
        query = query.where(Entry.status == EntryStatus(filters.status))
    if filters.language:
        query = query.where(Entry.language == filters.language)
    if filters.city:
        query = query.where(func.lower(Entry.city) == filters.city.lower())
    if filters.flag == "flagged":
        query = query.where(exists().where(EntryFlag.entry_id == Entry.id))
    elif filters.flag in {kind.value for kind in FlagKind}:
        query = query.where(
            exists().where(EntryFlag.entry_id == Entry.id, EntryFlag.kind == FlagKind(filters.flag))
        )
    elif filters.flag == "reported":
        query = query.where(_open_report())
    elif filters.flag == "clean":
        query = query.where(~exists().where(EntryFlag.entry_id == Entry.id), ~_open_report())
    if filters.q:
        query = query.where(_searched(filters.q))
    if filters.network:
        query = query.where(
            Entry.ip_hash.is_not(None), Entry.ip_hash == _network_of(filters, scope)
        )
    return query


def _searched(q: str):
    slug = SLUG_IN_TEXT.search(q)
    by_slug = Entry.slug == (slug.group(1) if slug else q)
    words = search.search_condition(q, db.session.get_bind().dialect.name)
    if words is None:
        return by_slug
    # The matches are found first, through the search index, and the queue's own index then
    # walks them in order: left to itself, PostgreSQL may walk the queue's index computing the
    # text of every row for a rare word (0.65 s at 50,000 pending; bench/moderation_queue.py).
    # OFFSET 0 keeps the matches a subquery of their own.
    searched = Entry.__table__.alias("searched")
    matches = select(searched.c.id).where(ClauseAdapter(searched).traverse(words)).offset(0)
    return or_(by_slug, Entry.id.in_(matches))


def _network_of(filters: Filters, scope: Scope):
    """The address hash of the filter's entry, if the scope covers it (NULL once retention
    dropped it, so the filter then shows nothing)."""
    named = aliased(Entry)
    query = select(named.ip_hash).where(named.id == int(filters.network))
    return scope.filter(query, named.edition_id).scalar_subquery()


def encode_cursor(entry: Entry) -> str:
    micros = int(entry.created_at.timestamp() * 1_000_000)
    return f"{micros}.{entry.id}"


def decode_cursor(cursor: str) -> tuple[datetime, int] | None:
    micros, _, entry_id = cursor.partition(".")
    micros, entry_id = parse_int(micros, 0, 2**62), parse_int(entry_id, 1, MAX_ID)
    if micros is None or entry_id is None:
        return None
    try:
        return datetime.fromtimestamp(micros / 1_000_000, tz=UTC), entry_id
    except (ValueError, OverflowError, OSError):
        return None


def page(filters: Filters, size: int = PAGE_SIZE, scope: Scope = GLOBAL) -> Page:
    """One page of entries for these filters in the scope, flags and open reports loaded."""
    query = _filtered(filters, scope)
    key = tuple_(Entry.created_at, Entry.id)
    cursor = decode_cursor(filters.after) if filters.after else None
    if cursor is not None:
        query = query.where(key > cursor if filters.oldest_first else key < cursor)
    order = (
        (Entry.created_at, Entry.id)
        if filters.oldest_first
        else (Entry.created_at.desc(), Entry.id.desc())
    )
    entries = list(
        db.session.scalars(
            query.order_by(*order)
            .limit(size + 1)
            .options(
                selectinload(Entry.flags),
                selectinload(Entry.reports),
                selectinload(Entry.revisions),
            )
        )
    )
    more = len(entries) > size
    entries = entries[:size]
    return Page(entries, encode_cursor(entries[-1]) if more and entries else None)


def found_in_other_tabs(filters: Filters, scope: Scope = GLOBAL) -> int:
    """For a search that found nothing in its tab: how many entries it finds in all of them."""
    if not filters.q or filters.status == "all":
        return 0
    every = _filtered(replace(filters, status="all", after=""), scope).subquery()
    return db.session.scalar(select(func.count()).select_from(every))


def status_counts(scope: Scope = GLOBAL) -> dict[str, int]:
    """How many entries have each status (one grouped query, served by the index)."""
    query = scope.filter(select(Entry.status, func.count()), Entry.edition_id)
    rows = db.session.execute(query.group_by(Entry.status))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status.value: count for status, count in rows})
    return counts


def edited_count(scope: Scope = GLOBAL) -> int:
    """How many entries have an edit waiting for a moderator."""
    query = select(func.count(func.distinct(Revision.entry_id))).where(
        Revision.state.in_(OPEN_STATES)
    )
    if not scope.everything:
        query = query.where(
            exists().where(Entry.id == Revision.entry_id, scope.condition(Entry.edition_id))
        )
    return db.session.scalar(query)


def flag_counts(status: str, scope: Scope = GLOBAL) -> dict[str, int]:
    """How many entries of this status carry each kind of flag, or open reports.

    Driven from the (few) flags and reports, each checked against its entry by primary key,
    so the cost follows the number of flags rather than the length of the queue.
    """
    flagged = select(EntryFlag.kind, func.count(func.distinct(EntryFlag.entry_id))).group_by(
        EntryFlag.kind
    )
    reported = select(func.count(func.distinct(Report.entry_id))).where(
        Report.resolved_at.is_(None)
    )
    conditions = []
    if status in STATUSES:
        conditions.append(Entry.status == EntryStatus(status))
    if not scope.everything:
        conditions.append(scope.condition(Entry.edition_id))
    if conditions:
        flagged = flagged.where(exists().where(Entry.id == EntryFlag.entry_id, *conditions))
        reported = reported.where(exists().where(Entry.id == Report.entry_id, *conditions))
    counts = {kind.value: count for kind, count in db.session.execute(flagged)}
    counts["reported"] = db.session.scalar(reported)
    return counts


def languages_in_use(scope: Scope = GLOBAL) -> list[str]:
    query = scope.filter(select(Entry.language).distinct(), Entry.edition_id)
    return list(db.session.scalars(query.order_by(Entry.language)))
