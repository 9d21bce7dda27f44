"""The edition a request is answered for: set by campaign/editions/routing.py, read anywhere."""

from flask import g, has_app_context

from campaign.models import Edition


def current_edition() -> Edition | None:
    """The city edition of this request's page (/c/<slug>/ or its own host); None: global."""
    return g.get("edition") if has_app_context() else None
