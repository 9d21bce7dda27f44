"""Error pages a person can understand, with the right status codes."""

from flask import Flask, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException

from campaign import outages
from campaign.wall.pagecache import copy_for_outage


class PageError(BadRequest):
    """A 400 a view raises with its own words; the error handler renders the page."""

    title = _l("We could not read this request")

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(description=message)
        if title is not None:
            self.title = title


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _page(status: int, title: str, message: str, headers: dict | None = None):
    if _wants_json():
        return {"error": title, "message": message}, status, headers or {}
    page = render_template("errors/error.html", status=status, title=title, message=message)
    return page, status, headers or {}


def outage_headers() -> dict:
    return {"Retry-After": str(outages.RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}


def sending() -> bool:
    return request.method not in {"GET", "HEAD", "OPTIONS"}


def _without_loading_the_user() -> None:
    # The page's header asks whether a moderator is signed in; with the database away that
    # question would fail again inside this handler. Show it as to a visitor.
    if "_login_user" not in g:
        g._login_user = current_app.login_manager.anonymous_user()


def register_error_handlers(app: Flask) -> None:
    def dependency_unavailable(error: Exception):
        copy = copy_for_outage(error)  # a city edition's page, failed before its view
        if copy is not None:
            return copy
        outages.log_outage(error)
        _without_loading_the_user()
        title, message = outages.describe(error, sending=sending())
        return _page(503, title, message, outage_headers())

    for error_class in outages.OUTAGE_ERRORS:
        app.register_error_handler(error_class, dependency_unavailable)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return _page(
            400,
            _("This form has expired"),
            _(
                "For your security, forms expire. "
                "Please go back, reload the page and send it again."
            ),
        )

    @app.errorhandler(PageError)
    def page_error(error: PageError):
        if _wants_json():
            return {"error": "bad_request", "message": error.description}, 400
        return _page(400, str(error.title), error.description)

    @app.errorhandler(400)
    def bad_request(error: HTTPException):
        return _page(
            400,
            _("We could not read this request"),
            _("Something in what was sent is not valid. Please reload the page and try again."),
        )

    @app.errorhandler(404)
    def not_found(error: HTTPException):
        return _page(404, _("Page not found"), _("There is nothing at this address."))

    @app.errorhandler(405)
    def wrong_method(error: HTTPException):
        # Keep the Allow header werkzeug computed: clients and proxies rely on it.
        response_headers = dict(error.get_headers())
        allow = {"Allow": response_headers["Allow"]} if "Allow" in response_headers else {}
        return _page(
            405,
            _("This page cannot do that"),
            _("This address does not accept this kind of request. Please use the site’s links."),
            allow,
        )

    @app.errorhandler(413)
    def too_large(error: HTTPException):
        limit = app.config["MAX_UPLOAD_MB"]
        return _page(
            413,
            _("This photo is too large"),
            _("Please choose a photo under %(limit)d MB.", limit=limit),
        )

    @app.errorhandler(429)
    def too_many(error: HTTPException):
        # Flask-Limiter adds Retry-After (seconds until the window frees a slot) after this.
        return _page(
            429,
            _("Slow down a little"),
            _(
                "You have sent many requests in a short time. "
                "Please wait a little while and try again."
            ),
            {"Cache-Control": "no-store"},
        )

    @app.errorhandler(HTTPException)
    def other_http_error(error: HTTPException):
        return _page(error.code or 500, error.name, error.description or "")

    @app.errorhandler(500)
    def server_error(error: Exception):
        return _page(
            500,
            _("Something went wrong"),
            _("We could not complete your request. Nothing was saved; please try again."),
        )
