"""Who may see staff pages: their blueprints, the sign-in requirement and the admin check."""

from functools import wraps

from flask import Blueprint, Flask, abort, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user

from campaign.extensions import login_manager
from campaign.i18n import N_
from campaign.moderation.accounts import load_user

SIGN_IN_ENDPOINT = "staff.login"


def init_login(app: Flask) -> None:
    """Bind Flask-Login: sessions are checked against the browser that signed in."""
    login_manager.init_app(app)
    login_manager.login_view = SIGN_IN_ENDPOINT
    # Flashed in the page's language: the message is translated when it is shown.
    login_manager.login_message = N_("Please sign in to moderate.")
    login_manager.localize_callback = gettext
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
    return blueprint
