"""The public wall and what hangs off it: JSON API, Atom feed, embeddable widget, statistics."""

import csv
import io
from datetime import UTC, datetime

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from markupsafe import Markup
from sqlalchemy import select

from campaign.countries import country_name
from campaign.editions.context import current_edition
from campaign.extensions import db, limiter
from campaign.i18n import current_locale
from campaign.languages import LANGUAGES
from campaign.models import Edition, Entry
from campaign.security import allow_framing
from campaign.urls import absolute_url_for
from campaign.wall import queries, stats
from campaign.wall.pagecache import page_cached
from campaign.wall.presenters import THUMB_HEIGHT, THUMB_WIDTH, CardMaker, absolute
from campaign.wall.queries import Filters, Page

bp = Blueprint("wall", __name__)

EMBED_PAGE_SIZE = 12
FEED_SIZE = 50
# A search costs the database far more than a page of the wall: each address gets
# WALL_SEARCH_RATE_LIMIT searches a minute over all the surfaces that search.
search_limit = limiter.shared_limit(
    lambda: current_app.config["WALL_SEARCH_RATE_LIMIT"],
    scope="wall-search",
    exempt_when=lambda: not (request.args.get("q") or "").strip(),
)


@bp.get("/wall")
@search_limit
@page_cached
def wall():
    filters, page = _read_page(queries.PAGE_SIZE)
    return render_template("wall/wall.html", **_context("wall.wall", filters, page))


@bp.get("/wall/slice")
@search_limit
@page_cached
def wall_slice():
    """The next cards as an HTML fragment, for the "Load more" button."""
    filters, page = _read_page(queries.PAGE_SIZE)
    return render_template("wall/_slice.html", **_context("wall.wall", filters, page))


@bp.get("/embed/wall")
@allow_framing
@search_limit
@page_cached
def embed():
    filters, page = _read_page(EMBED_PAGE_SIZE)
    return render_template("wall/embed.html", **_context("wall.embed", filters, page))


@bp.get("/api/entries")
@search_limit
@page_cached
def api_entries():
    filters = queries.parse_filters(request.args)
    limit = queries.parse_limit(request.args.get("limit"))
    page = queries.wall_page(filters, queries.decode_cursor(request.args.get("cursor")), limit)
    make_card = CardMaker(current_locale())
    args = {**filters.as_args(), **({"limit": str(limit)} if "limit" in request.args else {})}
    response = {
        "entries": [make_card(entry).as_json() for entry in page.entries],
        "next_cursor": page.next_cursor,
        "previous_cursor": page.previous_cursor,
        "next": _page_url("wall.api_entries", args, page.next_cursor, external=True),
        "previous": _page_url("wall.api_entries", args, page.previous_cursor, external=True),
        "filters": filters.as_args(),
    }
    return response


@bp.get("/wall.atom")
@search_limit
@page_cached
def feed():
    filters = queries.parse_filters(request.args)
    entries = queries.newest(filters, FEED_SIZE)
    updated = max((entry.updated_at for entry in entries), default=datetime.now(UTC))
    make_card = CardMaker(current_locale())
    body = render_template(
        "wall/feed.xml",
        cards=[(entry, make_card(entry)) for entry in entries],
        updated=updated,
        self_url=absolute_url_for("wall.feed", **filters.as_args()),
        wall_url=absolute_url_for("wall.wall", **filters.as_args()),
        filters=filters,
        absolute=absolute,
    )
    return Response(body, mimetype="application/atom+xml")


def _stats_edition() -> Edition | None:
    """?edition=<slug>: the statistics of one city edition; an unknown one is a 404.
    On an edition's own pages (/c/<slug>/stats), that edition's."""
    if current_edition() is not None:
        return current_edition()
    slug = (request.args.get("edition") or "").strip().lower()
    if not slug:
        return None
    edition = db.session.scalar(select(Edition).where(Edition.slug == slug[:40]))
    if edition is None:
        abort(404)
    return edition


@bp.get("/stats")
def stats_page():
    today = datetime.now(UTC).date()
    locale = current_locale()
    edition = _stats_edition()
    edition_id = edition.id if edition is not None else None
    return render_template(
        "wall/stats.html",
        edition=edition,
        edition_name=edition.name_in(locale) if edition is not None else None,
        counters=stats.counters(edition_id),
        per_day=stats.per_day(today, edition_id=edition_id),
        per_country=[
            (code, country_name(code, locale), count)
            for code, count in stats.per_column(Entry.country_code, edition_id)
        ],
        per_language=[
            (code, LANGUAGES[code].name if code in LANGUAGES else code, count)
            for code, count in stats.per_column(Entry.language, edition_id)
        ],
        per_edition=[]
        if edition is not None
        else [
            (slug, names.get(locale) or names.get(default) or slug, count)
            for slug, names, default, count in stats.per_edition()
        ],
    )


@bp.get("/stats.csv")
def stats_csv():
    edition = _stats_edition()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["date", "country_code", "country", "language", "edition", "entries"])
    rows = stats.export_rows(edition.id if edition is not None else None)
    for day, code, language, slug, count in rows:
        writer.writerow([day, code, country_name(code, "en"), language, slug, count])
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    name = f"ImALifelongLearner-{edition.slug}" if edition is not None else "ImALifelongLearner"
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}-stats-{stamp}.csv"',
            "Cache-Control": "no-store",
        },
    )


def _read_page(size: int) -> tuple[Filters, Page]:
    filters = queries.parse_filters(request.args, current_edition())
    cursor = queries.decode_cursor(request.args.get("cursor"))
    return filters, queries.wall_page(filters, cursor, size)


def _page_url(endpoint: str, args: dict, cursor: str | None, external: bool = False):
    if cursor is None:
        return None
    if external:
        return absolute_url_for(endpoint, **args, cursor=cursor)
    return url_for(endpoint, **args, cursor=cursor)


def _context(endpoint: str, filters: Filters, page: Page) -> dict:
    locale = current_locale()
    args = filters.as_args()
    edition = current_edition()
    edition_id = edition.id if edition is not None else None
    facets = stats.facets(edition_id)  # an edition's wall offers its own countries and cities
    countries = list(facets["countries"])
    if filters.country and filters.country not in countries:
        countries.append(filters.country)
    return {
        "filters": filters,
        "cards": list(map(CardMaker(locale), page.entries)),
        "next_url": _page_url(endpoint, args, page.next_cursor),
        "previous_url": _page_url(endpoint, args, page.previous_cursor),
        "slice_url": _page_url("wall.wall_slice", args, page.next_cursor),
        "first_url": url_for(endpoint, **args),
        "is_first_page": "cursor" not in request.args,
        # An edition's own wall counts its own entries, as its home page does.
        "counters": stats.counters(edition_id),
        "countries": sorted(
            ((code, country_name(code, locale)) for code in countries),
            key=lambda item: item[1].casefold(),
        ),
        # Up to 300 <option>s: one join here instead of a Jinja loop over them.
        "city_options": Markup("").join(
            Markup('<option value="%s">') % city for city in facets["cities"]
        ),
        # The global wall's edition filter (an edition's own wall shows its entries only).
        "editions": [] if edition else stats.edition_names(locale),
        "feed_url": url_for("wall.feed", **args),
        "wall_url": absolute_url_for("wall.wall", **args),
        "thumb_width": THUMB_WIDTH,
        "thumb_height": THUMB_HEIGHT,
    }
