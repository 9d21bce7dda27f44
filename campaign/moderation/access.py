"""Who may see staff pages: their blueprints, the sign-in requirement and the admin check."""

from functools import wraps

from flask import Blueprint, Flask, abort, g, redirect, request, url_for
from flask_login import current_user

from campaign.extensions import login_manager
from campaign.moderation.accounts import load_user

SIGN_IN_ENDPOINT = "staff.login"
# The staff pages are written in English only. Each says so as a whole (its lang, header,
# footer and messages) rather than showing English under another language's name.
STAFF_LANGUAGE = "en"


def init_login(app: Flask) -> None:
    """Bind Flask-Login: sessions are checked against the browser that signed in."""
    login_manager.init_app(app)
    login_manager.login_view = SIGN_IN_ENDPOINT
    login_manager.login_message = "Please sign in to moderate."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)


def require_sign_in():
    """Every staff page and action needs a signed-in, active moderator or admin."""
    if request.endpoint == SIGN_IN_ENDPOINT:
        return None
    if not current_user.is_authenticated:
        if request.method != "GET":
            # An action URL is no page to come back to after signing in.
            return redirect(url_for(SIGN_IN_ENDPOINT))
        return login_manager.unauthorized()
    return None


def private_pages(response):
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def admin_required(view):
    """Admins only: a signed-in moderator gets 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def city_admin_allowed(view):
    """Global admins, and city admins for their own edition (the view keeps to its scope)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.manages_accounts:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def staff_blueprint(name: str, import_name: str, url_prefix: str = "/moderate") -> Blueprint:
    """A blueprint whose every page is private and for signed-in moderators and admins."""
    blueprint = _staff_pages(Blueprint(name, import_name, url_prefix=url_prefix))
    blueprint.before_request(require_sign_in)
    return blueprint


def admin_blueprint(
    name: str, import_name: str, url_prefix: str, *, city_admins: bool = False
) -> Blueprint:
    """A blueprint whose every page is private and for signed-in admins only (and city
    admins, when its views keep each to their own edition: campaign/moderation/scope.py)."""
    blueprint = _staff_pages(Blueprint(name, import_name, url_prefix=url_prefix))
    check = city_admin_allowed if city_admins else admin_required
    blueprint.before_request(check(lambda: None))
    return blueprint


def _staff_pages(blueprint: Blueprint) -> Blueprint:
    blueprint.after_request(private_pages)
    # Before any hook of the request, which may already need the locale (a flash message).
    blueprint.url_value_preprocessor(_speak_staff_language)
    return blueprint


def _speak_staff_language(endpoint: str | None, values: dict | None) -> None:
    g.page_language = STAFF_LANGUAGE  # read by campaign/i18n.py
