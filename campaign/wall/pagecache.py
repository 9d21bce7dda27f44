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
"""

import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, request

from campaign.extensions import cache
from campaign.i18n import current_locale

log = logging.getLogger(__name__)

DEFAULT_SECONDS = 5
REMEMBER_COOKIE = "remember_token"  # Flask-Login's default name
VARY = ("Accept-Language", "Cookie")


def page_seconds() -> int:
    """The configured lifetime; unset means 5 s, or 0 under TESTING (tests see writes at once)."""
    seconds = current_app.config.get("WALL_PAGE_CACHE_SECONDS")
    if seconds is None:
        return 0 if current_app.testing else DEFAULT_SECONDS
    return max(0, int(seconds))


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
    session_cookie = current_app.config.get("SESSION_COOKIE_NAME", "session")
    remember_cookie = current_app.config.get("REMEMBER_COOKIE_NAME", REMEMBER_COOKIE)
    return session_cookie not in cookies and remember_cookie not in cookies


def _public_headers(response: Response, seconds: int, age: int = 0) -> Response:
    response.headers["Cache-Control"] = f"public, max-age={seconds}"
    response.headers["Age"] = str(age)
    response.vary.update(VARY)
    return response


def page_cached(view: Callable) -> Callable:
    """Serve the view's rendered answer from the micro-cache while it is fresh."""

    @wraps(view)
    def cached_view(*args, **kwargs):
        seconds = page_seconds()
        if seconds <= 0 or not _anonymous():
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code == 200:
                # Caching is off, or the page was rendered with this visitor's session: no
                # cache may serve it again without asking.
                private = "" if seconds <= 0 else "private, "
                response.headers["Cache-Control"] = f"{private}no-cache"
                response.vary.update(VARY)
            return response

        key = page_key()
        stored = _get(key)
        if stored is not None:
            stored_at, content_type, body = stored
            age = max(0, int(time.time() - stored_at))
            if age < seconds:
                return _public_headers(
                    Response(body, status=200, content_type=content_type), seconds, age
                )

        stored_at = time.time()
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code != 200 or "Set-Cookie" in response.headers:
            return response
        _set(key, (stored_at, response.content_type, response.get_data()), seconds)
        return _public_headers(response, seconds)

    return cached_view


def _get(key: str):
    try:
        return cache.get(key)
    except Exception:  # a cache outage must not take the wall down: render instead
        log.exception("wall page cache unavailable")
        return None


def _set(key: str, value: tuple, seconds: int) -> None:
    try:
        cache.set(key, value, timeout=seconds)
    except Exception:
        log.exception("wall page cache unavailable")
