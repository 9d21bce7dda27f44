"""The interface language: the switcher that remembers a choice, and locale-aware formatting."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    g,
    has_request_context,
    redirect,
    request,
    url_for,
)
from flask_babel import format_decimal, get_locale
from markupsafe import Markup, escape

from campaign.countries import country_name
from campaign.languages import DEFAULT_LANGUAGE, get_language
from campaign.urls import safe_local_path

LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600

bp = Blueprint("i18n", __name__)


def current_locale() -> str:
    """The code of the language this request is answered in ("en" outside a request)."""
    return str(get_locale() or DEFAULT_LANGUAGE)


def N_(message: str) -> str:
    """Marks a message for the catalogues where it is defined; it is translated where it
    is shown (`gettext(message)`), so what is stored stays the English original."""
    return message


def select_locale() -> str | None:
    """The language the person chose with the switcher, else the best of Accept-Language;
    outside a request (a command, work after the response) the default language."""
    if not has_request_context():
        return None
    # A city edition speaks its own languages only (set by campaign/editions/routing.py).
    languages, default = g.get("edition_languages") or (current_app.config["LANGUAGES"], None)
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in languages:
        return chosen
    best = request.accept_languages.best_match(languages)
    return best or default


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
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


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


def localized_number(value: float | int | None) -> str:
    """A number with the interface language's separators ("1 234", "1.234", "1,234")."""
    if value is None:
        return ""
    return format_decimal(value)


def place_line(city: str, country_code: str) -> Markup:
    """City as typed and country in the interface language, joined as the card joins them.

    The city is isolated: a Latin city must not pull the separator and the country of an
    Arabic line, or what follows the line, into its own direction.
    """
    locale = current_locale()
    country = country_name(country_code, locale) if country_code else ""
    city_html = Markup("<bdi>{}</bdi>").format(city) if city else ""
    line = get_language(locale).place_line(city_html, escape(country))
    return Markup(line)  # noqa: S704 - both parts escaped above; the separator is ours


def quoted(text: str, language: str | None = None) -> Markup:
    """Words someone wrote, between the interface language's quotation marks.

    The marks belong to the page and take its direction; the words are isolated in their
    own language, so an Arabic statement quoted on an English page keeps its order.
    """
    opening, closing = get_language(current_locale()).quote_marks
    words = (
        Markup('<bdi lang="{}">{}</bdi>').format(language, text)
        if language
        else Markup("<bdi>{}</bdi>").format(text)
    )
    return escape(opening) + words + escape(closing)


def place_separator() -> str:
    """How the interface language joins a name to a city or a title ("، " in Arabic)."""
    return get_language(current_locale()).place_separator


def register_i18n(app: Flask) -> None:
    """The `|localnumber` and `|quoted` filters and the switcher; caches are told pages
    vary by language."""
    app.add_template_filter(localized_number, "localnumber")
    app.add_template_filter(quoted, "quoted")
    # A global, not a context value: the wall's card macro is imported without context.
    app.add_template_global(place_line, "place_line")
    app.add_template_global(place_separator, "place_separator")

    @app.context_processor
    def language_helpers() -> dict:
        direction = get_language(current_locale()).direction
        return {
            "text_direction": direction,
            # Arrows are not mirrored in right-to-left text: each points the other way.
            "back_arrow": "→" if direction == "rtl" else "←",
            "onward_arrow": "←" if direction == "rtl" else "→",
            "language_switch_url": switch_url,
        }

    @app.after_request
    def vary_by_language(response: Response) -> Response:
        # The same URL is served in five languages, chosen by cookie or Accept-Language.
        if response.mimetype == "text/html":
            response.vary.update(("Cookie", "Accept-Language"))
        return response
