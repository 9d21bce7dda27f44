"""Headers every response carries, and the one way a route may be framed by other sites."""

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, Response, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

View = TypeVar("View", bound=Callable)

# No 'unsafe-inline' anywhere: scripts and styles come from files on this site, so an
# injected <script> or style attribute would not run even if escaping ever failed.
CSP_DIRECTIVES = {
    "default-src": "'self'",
    "img-src": "'self' data: blob:",
    "media-src": "'self' blob:",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
PERMISSIONS_POLICY = "geolocation=(), microphone=(), payment=(), usb=()"
HSTS = "max-age=31536000; includeSubDomains"
# Pages whose URL holds a secret (the private manage link) must not leak it to other sites.
PRIVATE_PREFIXES = ("/m/",)
FRAMING_ATTRIBUTE = "_campaign_allow_framing"


def allow_framing(view: View) -> View:
    """Let other sites show this route in an <iframe> (the embeddable wall); nothing else may.

    Put it under the route decorator:

        @bp.get("/embed/wall")
        @allow_framing
        def embed_wall(): ...

    Which sites may frame it is EMBED_FRAME_ANCESTORS (default: any).
    """
    setattr(view, FRAMING_ATTRIBUTE, True)
    return view


def content_security_policy(*, frame_ancestors: str = "'none'", extra: dict | None = None) -> str:
    directives = {**CSP_DIRECTIVES, "frame-ancestors": frame_ancestors, **(extra or {})}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _framing_allowed() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(view and getattr(view, FRAMING_ATTRIBUTE, False))


def _api_rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def limit_api_routes(app: Flask) -> None:
    """Every /api/ route counts against API_RATE_LIMIT per client, whoever wrote it."""
    from campaign.extensions import limiter

    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            # One module-level callable, so building several apps adds the limit only once.
            view = app.view_functions[rule.endpoint]
            app.view_functions[rule.endpoint] = limiter.limit(_api_rate_limit)(view)


def register_security_headers(app: Flask) -> None:
    """Headers, the proxy settings they depend on, and the API's rate limit."""
    limit_api_routes(app)
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        # Behind a reverse proxy the client address (rate limits) and the scheme (HSTS,
        # secure redirects) come from X-Forwarded-*; trusted only for that many hops. The
        # host only when configured: a proxy that forwards a client's X-Forwarded-Host
        # would let anyone choose it, and a shared cache would hand it to the next visitor.
        hosts = proxies if app.config["TRUST_FORWARDED_HOST"] else 0
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=hosts, x_port=hosts
        )

    @app.before_request
    def refuse_nul_in_address() -> None:
        # No page has a use for NUL in its address, and PostgreSQL refuses NUL in any text
        # parameter (a 500 if it got that far); text fields say "control characters" instead.
        if "\x00" in request.path:
            abort(404)
        if any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
            abort(400)

    default_policy = content_security_policy()
    framable_policy = content_security_policy(frame_ancestors=app.config["EMBED_FRAME_ANCESTORS"])

    @app.after_request
    def set_headers(response: Response) -> Response:
        headers = response.headers
        if _framing_allowed():
            headers.setdefault("Content-Security-Policy", framable_policy)
            headers.pop("X-Frame-Options", None)
        else:
            headers.setdefault("Content-Security-Policy", default_policy)
            headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.path.startswith(PRIVATE_PREFIXES):
            headers["Referrer-Policy"] = "no-referrer"
            headers["Cache-Control"] = "private, no-store"
        else:
            headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", HSTS)
        return response
