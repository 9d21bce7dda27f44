"""An edition's pages are the global pages, answered for the edition: no view is copied.

Every route of EDITION_ENDPOINTS gets a twin under /c/<edition_slug>/ (same endpoint, same view).
The URL value preprocessor takes `edition_slug` out of the view's arguments and puts the Edition
in `g` (unknown slug: 404), so views read `current_edition()`; `url_for` keeps the edition in
every link to another edition page, and leaves every other link global (/e/..., /m/...,
/static/...). A host named in EDITION_HOSTS serves its edition at the root instead.

While the database is away the edition cannot be looked up, yet its pages keep their last
copies in the page cache (campaign/wall/pagecache.py) like the global ones: the edition's
languages (which pick the copy's locale) are remembered in the same cache at each lookup, and
a hook before the view answers the copy, or the outage (503) when there is none.
"""

from flask import Flask, Response, abort, current_app, g, request

from campaign.editions.service import find_edition
from campaign.languages import LANGUAGES
from campaign.outages import DATABASE_ERRORS
from campaign.wall.cache import cache_get, cache_set
from campaign.wall.pagecache import copy_for_outage, page_seconds, stale_seconds

PREFIX = "/c/<edition_slug>"
# home, join, wall (and the slices its "more" button loads), embed, stats, officials, and
# the join page's card preview, which draws the edition's branding.
EDITION_ENDPOINTS = frozenset(
    {
        "submissions.home",
        "submissions.join",
        "wall.wall",
        "wall.wall_slice",
        "wall.embed",
        "wall.stats_page",
        "officials.officials",
        "card_preview.layout",
        "card_preview.faces",
    }
)


def register_edition_routes(app: Flask) -> None:
    """Add the /c/<edition_slug>/ twins of the edition pages and the hooks that resolve them."""
    for rule in list(app.url_map.iter_rules()):
        if rule.endpoint in EDITION_ENDPOINTS:
            app.add_url_rule(
                PREFIX + rule.rule,
                endpoint=rule.endpoint,
                methods=sorted(rule.methods - {"HEAD", "OPTIONS"}),
            )
    app.url_value_preprocessor(_resolve_edition)
    app.before_request(_answer_from_copy)
    app.url_defaults(_keep_edition)
    app.context_processor(_edition_for_templates)


def edition_host(slug: str) -> str | None:
    """The host EDITION_HOSTS maps to this edition, if any."""
    return next((host for host, mapped in _hosts().items() if mapped == slug), None)


def _hosts() -> dict[str, str]:
    return current_app.config["EDITION_HOSTS"]


def _resolve_edition(endpoint: str | None, values: dict | None) -> None:
    slug = values.pop("edition_slug", None) if values else None
    on_host = False
    if slug is None and endpoint in EDITION_ENDPOINTS:
        slug = _hosts().get(request.host.lower())
        on_host = slug is not None
    if slug is None:
        return
    try:
        edition = find_edition(slug)
    except DATABASE_ERRORS as error:
        languages = cache_get(_languages_key(slug))
        if languages is None:
            raise
        g.edition_languages = languages
        g.edition_outage = error
        return
    if edition is None:
        abort(404)
    g.edition = edition
    g.edition_on_host = on_host
    g.edition_languages = (list(edition.languages), edition.default_language)
    if request.method in {"GET", "HEAD"} and stale_seconds() > 0:
        # As long as the page copies made now, which only anonymous GETs read while away.
        cache_set(_languages_key(slug), g.edition_languages, page_seconds() + stale_seconds())


def _languages_key(slug: str) -> str:
    return f"edition-languages:{slug}"


def _answer_from_copy() -> Response | None:
    error = g.get("edition_outage")
    if error is None:
        return None
    copy = copy_for_outage(error)
    if copy is None:
        raise error
    return copy


def _keep_edition(endpoint: str, values: dict) -> None:
    edition = g.get("edition")
    if (
        edition is not None
        and not g.get("edition_on_host")
        and endpoint in EDITION_ENDPOINTS
        and "edition_slug" not in values
    ):
        values["edition_slug"] = edition.slug


def _edition_for_templates() -> dict:
    edition = g.get("edition")
    if edition is None:
        return {"edition": None, "interface_languages": LANGUAGES}
    return {
        "edition": edition,
        # The language switcher offers the edition's languages only.
        "interface_languages": {code: LANGUAGES[code] for code in edition.languages},
    }
