"""A few seconds' cache of the public wall's rendered responses (a micro-cache).

Rendering a page of 24 cards costs milliseconds of CPU (Jinja, Babel, URL building) where a
bare endpoint costs a fraction of one; a wall that a mayor's post sends thousands of people
to renders the same few URLs over and over. So /wall, its "Load more" fragment, /api/entries,
/embed/wall and /wall.atom keep their rendered body for WALL_PAGE_CACHE_SECONDS (default 5;
0 turns it off), in the same store as the wall's figures (Redis with REDIS_URL, so every
worker and host shares one copy; else per process, for at most those seconds).

What makes it correct:
- The key is the scheme and host, the path, every query argument (sorted by name, repeated
  ones kept in their order, since the first one counts) and the resolved interface locale
  (the `lang` cookie, else Accept-Language): nothing else on these pages varies by request.
- Only anonymous GET/HEAD requests are served from or stored in it: a request carrying the
  session (or a remember-me) cookie renders afresh, since its page may show a flash message
  or the moderator's menu. None of these pages renders a CSRF token.
- Only 200 answers that set no cookie are stored; errors (a forged cursor) never are.
- Visibility: an entry unpublished or rejected at time T leaves every cached copy by
  T + WALL_PAGE_CACHE_SECONDS (plus the time of one render). Responses say
  `Cache-Control: public, max-age=<seconds>` and carry `Age`, so a reverse proxy or browser
  that honours Age keeps a copy no longer than that either.

Stale if error: the copies are kept STALE_IF_ERROR_SECONDS (10 minutes) longer than they
are fresh, for one use only: while PostgreSQL is unreachable (the view raises a database
outage) the last copy is served, no older than that bound, with `Cache-Control: no-cache`
and its real `Age`, so visitors still see the wall. Entry pages (`fresh=False`) are never
served from the cache otherwise; their copies exist only for this. Moderation still wins: an
entry leaving public view (rejected, unpublished, erased) marks the time (`withdrawals.py`),
and no copy made before the last such mark is served stale. A city edition's pages
(/c/<slug>/) fail earlier, on looking up the edition before the view: the outage's handler
asks `copy_for_outage`, which finds the copy with the edition's languages (they choose the
locale, a part of the key) remembered beside its copies. The same remembered languages let a
fresh copy of an edition's page be served before the edition is looked up: a cache hit costs
no database query, as on the global pages. An edition deleted or given other languages is
therefore seen by its cached pages within the same WALL_PAGE_CACHE_SECONDS.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, g, request
from flask_babel import refresh as refresh_locale

from campaign.editions.context import current_edition, unresolved_edition_slug
from campaign.editions.routing import look_up_edition
from campaign.i18n import current_locale
from campaign.outages import is_database_outage
from campaign.wall import withdrawals
from campaign.wall.cache import cache_get, cache_set

log = logging.getLogger(__name__)

DEFAULT_SECONDS = 5
VARY = ("Accept-Language", "Cookie")


def page_seconds() -> int:
    """The configured lifetime; unset means 5 s, or 0 under TESTING (tests see writes at once)."""
    seconds = current_app.config["WALL_PAGE_CACHE_SECONDS"]
    if seconds is None:
        return 0 if current_app.testing else DEFAULT_SECONDS
    return max(0, int(seconds))


def stale_seconds() -> int:
    """How much longer than fresh a copy may be served while the database is away."""
    return max(0, int(current_app.config["STALE_IF_ERROR_SECONDS"]))


def page_key() -> str:
    """The cache key of this request's page: host, path, every argument and the locale."""
    arguments = sorted(request.args.items(multi=True), key=lambda item: item[0])
    parts = [
        request.host_url,
        request.path,
        repr(arguments),
        current_locale(),
    ]
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"page:{digest}"


def _anonymous() -> bool:
    if request.method not in {"GET", "HEAD"}:
        return False
    cookies = request.cookies
    session_cookie = current_app.config["SESSION_COOKIE_NAME"]
    remember_cookie = current_app.config["REMEMBER_COOKIE_NAME"]
    return session_cookie not in cookies and remember_cookie not in cookies


def _public_headers(response: Response, seconds: int, stale: int, age: int = 0) -> Response:
    extra = f", stale-if-error={stale}" if stale else ""
    response.headers["Cache-Control"] = f"public, max-age={seconds}{extra}"
    response.headers["Age"] = str(age)
    response.vary.update(VARY)
    return response


def page_cached(view: Callable | None = None, *, fresh: bool = True) -> Callable:
    """Serve the view's rendered answer from the micro-cache while it is fresh (fresh=False:
    never), and a stale copy while the database is unreachable."""
    if view is None:
        return lambda function: page_cached(function, fresh=fresh)

    @wraps(view)
    def cached_view(*args, **kwargs):
        seconds = page_seconds() if fresh else 0
        stale = stale_seconds()
        if seconds > 0 and _anonymous() and unresolved_edition_slug() is not None:
            copy = _fresh_edition_copy(seconds, stale)
            if copy is not None:
                return copy
        if unresolved_edition_slug() is not None:
            look_up_edition()
            refresh_locale()  # the edition's own languages choose it now
        if (seconds <= 0 and stale <= 0) or not _anonymous():
            return _uncached(view(*args, **kwargs), fresh, seconds)

        key = page_key()
        stored = cache_get(key)
        age = None
        if stored is not None:
            age = _age(stored)
            if age < seconds:
                return _public_headers(_from_copy(stored), seconds, stale, age)

        stored_at = time.time()
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except Exception as error:
            if stored is not None and _may_serve_stale(error, stored[0], age, seconds + stale):
                return _stale_copy(key, stored, age)
            raise
        if response.status_code != 200 or "Set-Cookie" in response.headers:
            return response
        cache_set(key, (stored_at, response.content_type, response.get_data()), seconds + stale)
        _remember_edition_languages(seconds + stale)
        if not fresh:
            return response
        if seconds <= 0:
            return _uncached(response, fresh, seconds)
        return _public_headers(response, seconds, stale)

    cached_view.looks_up_edition_itself = True  # read by campaign/editions/routing.py
    return cached_view


def _fresh_edition_copy(seconds: int, stale: int) -> Response | None:
    """A city edition's page served from its fresh copy before the edition is looked up."""
    found = _edition_copy()
    if found is None or found[2] >= seconds:
        return None
    return _public_headers(_from_copy(found[1]), seconds, stale, found[2])


def copy_for_outage(error: Exception) -> Response | None:
    """The last copy of a city edition's page whose edition could not be looked up, on the
    same terms as above; None: no copy may be served."""
    if unresolved_edition_slug() is None or not _anonymous():
        return None
    found = _edition_copy()
    if found is None:
        return None
    key, stored, age = found
    if not _may_serve_stale(error, stored[0], age, page_seconds() + stale_seconds()):
        return None
    return _stale_copy(key, stored, age)


def _edition_copy() -> tuple[str, tuple, int] | None:
    """This request's copy of a city edition's page (key, copy, age in seconds), found before
    the edition is looked up: the languages remembered beside its copies choose the locale,
    a part of the key (campaign/i18n.py)."""
    languages = cache_get(_languages_key(unresolved_edition_slug()))
    if languages is None:
        return None
    g.edition_languages = languages
    refresh_locale()
    key = page_key()
    stored = cache_get(key)
    if stored is None:
        return None
    return key, stored, _age(stored)


def _remember_edition_languages(timeout: int) -> None:
    edition = current_edition()
    if edition is not None:
        cache_set(_languages_key(edition.slug), g.edition_languages, timeout)


def _languages_key(slug: str) -> str:
    return f"edition-languages:{slug}"


def _stale_copy(key: str, stored: tuple, age: int) -> Response:
    log.warning("database unavailable: %s served from a copy %d s old", key, age)
    response = _from_copy(stored)
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Age"] = str(age)
    response.vary.update(VARY)
    return response


def _uncached(result, fresh: bool, seconds: int) -> Response:
    response = current_app.make_response(result)
    if fresh and response.status_code == 200:
        # Caching is off, or the page was rendered with this visitor's session: no cache
        # may serve it again without asking.
        private = "" if seconds <= 0 else "private, "
        response.headers["Cache-Control"] = f"{private}no-cache"
        response.vary.update(VARY)
    return response


def _age(stored: tuple) -> int:
    return max(0, int(time.time() - stored[0]))


def _from_copy(stored: tuple) -> Response:
    _, content_type, body = stored
    return Response(body, status=200, content_type=content_type)


def _may_serve_stale(error: Exception, stored_at: float, age: int, bound: int) -> bool:
    return is_database_outage(error) and age < bound and stored_at > withdrawals.last_withdrawal()
