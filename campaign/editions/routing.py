"""An edition's pages are the global pages, answered for the edition: no view is copied.

Every route of EDITION_ENDPOINTS gets a twin under /c/<edition_slug>/ (same endpoint, same view).
The URL value preprocessor takes `edition_slug` out of the view's arguments and puts the Edition
in `g` (unknown slug: 404), so views read `current_edition()` (a page-cached view looks it up
itself, after its fresh copy could not be served); `url_for` keeps the edition in
every link to another edition page, and leaves every other link global (/e/..., /m/...,
/static/...). A host named in EDITION_HOSTS serves its edition at the root instead.

While the database is away the edition cannot be looked up; its slug stays in `g`, so the
outage's handler can still answer the page's last copy (campaign/wall/pagecache.py).
"""

from flask import Flask, abort, current_app, g, request

from campaign.editions.service import find_edition
from campaign.languages import LANGUAGES

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
    g.edition_slug = slug
    g.edition_on_host = on_host
    view = current_app.view_functions.get(endpoint)
    if not getattr(view, "looks_up_edition_itself", False):
        look_up_edition()


def look_up_edition() -> None:
    """Put this request's edition (its slug is in `g`) in `g`; an unknown slug is a 404.

    Page-cached views call it themselves, once their fresh copy could not be served, so that
    a cache hit costs an edition's wall no database query (campaign/wall/pagecache.py).
    """
    slug = g.get("edition_slug")
    if slug is None or g.get("edition") is not None:
        return
    edition = find_edition(slug)
    if edition is None:
        abort(404)
    g.edition = edition
    g.edition_languages = (list(edition.languages), edition.default_language)


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
