"""Absolute URLs, as seen from outside (behind a proxy when PUBLIC_BASE_URL is set)."""

from flask import current_app, url_for


def absolute_url_for(endpoint: str, **values) -> str:
    """The URL a social network or another site should use for this page or file."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def absolute_url(path: str) -> str:
    """An absolute URL for a path on this site (which starts with '/')."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base + path
    return url_for("submissions.home", _external=True).rstrip("/") + path
