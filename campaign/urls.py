"""Absolute URLs, as seen from outside (behind a proxy when PUBLIC_BASE_URL is set), and the
one guard for redirects to a URL someone sent."""

from urllib.parse import urlsplit

from flask import current_app, url_for


def absolute_url_for(endpoint: str, **values) -> str:
    """The URL a social network or another site should use for this page or file."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def absolute_url(path: str) -> str:
    """An absolute URL for a path on this site (which starts with '/')."""
    base = current_app.config["PUBLIC_BASE_URL"]
    if base:
        return base + path
    return url_for("submissions.home", _external=True).rstrip("/") + path


def safe_local_path(target: str | None, within: str = "/") -> str | None:
    """The target if it is a path on this site (below `within`), else None: no open redirect."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    # Browsers treat a backslash as a slash and drop tabs and newlines inside URLs, so
    # "/\evil.example" or "/\t/evil.example" would lead off-site.
    if any(character in target for character in "\\\t\r\n") or not target.isprintable():
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith(within):
        return None
    return target
