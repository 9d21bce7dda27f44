"""The edition a request is answered for: set by campaign/editions/routing.py, read anywhere."""

from flask import g, has_app_context

from campaign.models import Edition


def current_edition() -> Edition | None:
    """The city edition of this request's page (/c/<slug>/ or its own host); None: global."""
    return g.get("edition") if has_app_context() else None


def unresolved_edition_slug() -> str | None:
    """The slug of this request's edition when it could not be looked up (database away)."""
    if not has_app_context() or g.get("edition") is not None:
        return None
    return g.get("edition_slug")
