"""The interface language: the switcher that remembers a choice, and locale-aware formatting."""

from datetime import date, datetime
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    redirect,
    request,
    url_for,
)
from flask_babel import format_date, format_datetime, format_decimal, get_locale

from campaign.languages import DEFAULT_LANGUAGE, get_language

LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600

bp = Blueprint("i18n", __name__)


def select_locale() -> str | None:
    """The language the person chose with the switcher, else the best of Accept-Language."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages)


@bp.route("/lang/<code>", methods=["GET", "POST"])
def switch(code: str):
    """Remember the interface language in a cookie and go back where the person was."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    target = (
        safe_local_path(request.values.get("next"))
        or safe_local_path(_referrer_path())
        or url_for("submissions.home")
    )
    response = redirect(target, code=303)
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=LANG_COOKIE_MAX_AGE,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )
    return response


def safe_local_path(target: str | None) -> str | None:
    """The target if it is a path on this site, else None: the switcher is no open redirect."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    # Browsers treat a backslash as a slash and drop tabs and newlines inside URLs, so
    # "/\evil.example" or "/\t/evil.example" would lead off-site.
    if any(character in target for character in "\\\t\r\n") or not target.isprintable():
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def _referrer_path() -> str | None:
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != request.host:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def switch_url(code: str) -> str:
    """The switcher link for a language, coming back to the page being shown."""
    here = request.full_path if request.query_string else request.path
    return url_for("i18n.switch", code=code, next=here)


def localized_date(value: date | datetime | None, format: str = "medium") -> str:
    """A date in the interface language ("24 nov. 2026", "2026年11月24日")."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, format)
    return format_date(value, format)


def localized_day(value: date | datetime | None, format: str = "medium") -> str:
    """Only the day of a date or a moment, in the interface language."""
    if value is None:
        return ""
    return format_date(value, format)


def localized_number(value: float | int | None) -> str:
    """A number with the interface language's separators ("1 234", "1.234", "1,234")."""
    if value is None:
        return ""
    return format_decimal(value)


def register_i18n(app: Flask) -> None:
    """Template helpers for the interface language, and caches told that pages vary by it."""
    app.register_blueprint(bp)
    app.add_template_filter(localized_date, "localdate")
    app.add_template_filter(localized_day, "localday")
    app.add_template_filter(localized_number, "localnumber")

    @app.context_processor
    def language_helpers() -> dict:
        locale = str(get_locale() or DEFAULT_LANGUAGE)
        return {
            "text_direction": get_language(locale).direction,
            "language_switch_url": switch_url,
        }

    @app.after_request
    def vary_by_language(response: Response) -> Response:
        # The same URL is served in five languages, chosen by cookie or Accept-Language.
        if response.mimetype == "text/html":
            response.vary.update(("Cookie", "Accept-Language"))
        return response
