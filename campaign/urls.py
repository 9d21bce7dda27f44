"""Absolute URLs, as seen from outside (behind a proxy when PUBLIC_BASE_URL is set), and the
one guard for redirects to a URL someone sent."""

from urllib.parse import urlsplit

from flask import current_app, url_for


def absolute_url_for(endpoint: str, **values) -> str:
    """The URL a social network or another site should use for this page or file.

    Built from configuration only: PUBLIC_BASE_URL, or for a city edition's page the host
    EDITION_HOSTS gives it (with PUBLIC_BASE_URL's scheme).
    """
    base = current_app.config["PUBLIC_BASE_URL"]
    if base:
        host_base = _edition_host_base(endpoint, values, base)
        if host_base:
            # The host names the edition: no /c/<slug>/ in the path.
            return host_base + url_for(endpoint, **{**values, "edition_slug": None})
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


def _edition_host_base(endpoint: str, values: dict, base: str) -> str | None:
    from campaign.editions.context import current_edition
    from campaign.editions.routing import EDITION_ENDPOINTS, edition_host

    if endpoint not in EDITION_ENDPOINTS:
        return None
    slug = values.get("edition_slug")
    if slug is None and "edition_slug" not in values and current_edition() is not None:
        slug = current_edition().slug
    host = edition_host(slug) if slug else None
    return f"{urlsplit(base).scheme}://{host}" if host else None


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
