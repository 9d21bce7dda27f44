"""The campaign's life: submissions open from/until the configured dates, then the archive.

While submissions are not open (not yet, paused by an admin, or ended) every route that
creates or changes an entry refuses with a page saying why; the wall, entry pages, cards,
share links and erasure keep working. Views that write say so with `@while_open`.
"""

import enum
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import TypeVar

from flask import current_app, render_template, request
from flask_babel import format_datetime
from flask_babel import gettext as _

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import Action, CampaignSetting, User
from campaign.moderation import audit
from campaign.outages import DATABASE_ERRORS

View = TypeVar("View", bound=Callable)
PAUSED_KEY = "submissions_paused"
WRITES_ATTRIBUTE = "_campaign_writes_entries"
PAUSED_RETRY_SECONDS = 600


class Phase(enum.StrEnum):
    NOT_YET = "not_yet"
    OPEN = "open"
    PAUSED = "paused"
    ENDED = "ended"


def phase(now: datetime | None = None) -> Phase:
    """Where the campaign is: before its opening, open, paused by an admin, or ended."""
    now = now or utcnow()
    config = current_app.config
    opens, closes = config["SUBMISSIONS_OPEN_FROM"], config["SUBMISSIONS_OPEN_UNTIL"]
    if closes and now >= closes:
        return Phase.ENDED
    if opens and now < opens:
        return Phase.NOT_YET
    if submissions_paused():
        return Phase.PAUSED
    return Phase.OPEN


def archive_purge_due(now: datetime) -> bool:
    """True once the archive period after the end is over (never without both settings)."""
    config = current_app.config
    closes, days = config["SUBMISSIONS_OPEN_UNTIL"], config["ARCHIVE_PURGE_AFTER_DAYS"]
    return closes is not None and days is not None and now >= closes + timedelta(days=days)


def submissions_paused() -> bool:
    """Whether an admin switched submissions off; False while the database is away.

    A form page then still shows (it needs no database), and sending it gets the outage
    answer from the work itself.
    """
    try:
        setting = db.session.get(CampaignSetting, PAUSED_KEY)
    except DATABASE_ERRORS:
        db.session.rollback()
        return False
    return setting is not None and setting.value == "1"


def set_paused(paused: bool, *, actor: User, reason: str | None = None) -> bool:
    """Switch submissions off (or on again) at once, logged as the admin's action.

    Returns False when they already were in that state (nothing is logged then).
    """
    if submissions_paused() == paused:
        return False
    setting = db.session.get(CampaignSetting, PAUSED_KEY)
    if setting is None:
        setting = CampaignSetting(key=PAUSED_KEY, value="0")
        db.session.add(setting)
    setting.value = "1" if paused else "0"
    setting.updated_at = utcnow()
    audit.record(actor, Action.SUBMISSIONS_OFF if paused else Action.SUBMISSIONS_ON, reason=reason)
    db.session.flush()
    return True


def refusal(current: Phase) -> tuple[int, str, str, dict]:
    """Status, title, message and headers for a write refused in this phase."""
    if current is Phase.ENDED:
        return (
            403,
            _("The campaign has ended"),
            _(
                "Thank you to everyone who took part. The wall and every card stay online, "
                "but new entries and changes are no longer accepted."
            ),
            {},
        )
    if current is Phase.NOT_YET:
        opens = format_datetime(current_app.config["SUBMISSIONS_OPEN_FROM"], "long")
        return (
            403,
            _("The campaign has not started yet"),
            _("You can join from %(date)s. Please come back then.", date=opens),
            {},
        )
    return (
        503,
        _("Submissions are paused"),
        _("New entries and changes are paused for a short while. Please try again later."),
        {"Retry-After": str(PAUSED_RETRY_SECONDS)},
    )


def closed_page(current: Phase):
    """The page a refused write gets; a GET of a form page gets it with 200."""
    status, title, message, headers = refusal(current)
    if request.method == "GET":
        status, headers = 200, {}
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return {"error": title, "message": message}, status, headers
    page = render_template("privacy/closed.html", title=title, message=message, phase=current)
    return page, status, headers


def while_open(view: View) -> View:
    """Let this view run only while submissions are open; otherwise say why not."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        current = phase()
        if current is not Phase.OPEN:
            return closed_page(current)
        return view(*args, **kwargs)

    setattr(wrapped, WRITES_ATTRIBUTE, True)
    return wrapped  # type: ignore[return-value]
