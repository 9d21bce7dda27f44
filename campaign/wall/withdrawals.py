"""When an entry last left public view, so stale pages never bring it back.

The page cache may serve a copy up to STALE_IF_ERROR_SECONDS old while the database is away
(`pagecache.py`). A copy made before a moderator rejected or unpublished an entry, or before
its owner erased or edited it, must not be served then: every commit that takes an approved
entry out of view (or changes what it says) records the time, and older copies are not used.
The time lives where the copies live: in Redis with REDIS_URL, else in a file of the
instance folder, which every worker of the host sees.
"""

import logging
import time
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from campaign.models import Entry, EntryStatus
from campaign.wall.cache import cache_get, cache_set

log = logging.getLogger(__name__)

KEY = "withdrawn-at"
PENDING = "campaign.withdrawal"
KEEP = 24 * 3600  # longer than any copy lives
WATCHED = ("statement", "name", "city", "card_keys")


def last_withdrawal() -> float:
    """The time of the last withdrawal (0 if none is known)."""
    if current_app.config["REDIS_URL"]:
        return float(cache_get(KEY) or 0)
    try:
        return _marker_file().stat().st_mtime
    except FileNotFoundError:
        return 0.0


def record_withdrawal() -> None:
    if current_app.config["REDIS_URL"]:
        cache_set(KEY, time.time(), KEEP)
        return
    marker = _marker_file()
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:  # the commit stands; only stale copies lose this guard
        log.exception("could not record a withdrawal for the page cache")


def _marker_file() -> Path:
    return Path(current_app.instance_path) / "page-cache-withdrawn-at"


def _withdraws(entry: Entry, deleted: bool) -> bool:
    state = inspect(entry)
    if deleted:
        return entry.status is EntryStatus.APPROVED
    if EntryStatus.APPROVED in state.attrs.status.history.deleted:
        return True
    return entry.status is EntryStatus.APPROVED and any(
        state.attrs[name].history.has_changes() for name in WATCHED
    )


@event.listens_for(Session, "before_flush")
def _note_withdrawals(session: Session, flush_context, instances) -> None:
    for instance in session.deleted:
        if isinstance(instance, Entry) and _withdraws(instance, deleted=True):
            session.info[PENDING] = True
    for instance in session.dirty:
        if isinstance(instance, Entry) and _withdraws(instance, deleted=False):
            session.info[PENDING] = True


@event.listens_for(Session, "after_commit")
def _record_withdrawals(session: Session) -> None:
    if session.info.pop(PENDING, False) and has_app_context():
        record_withdrawal()


@event.listens_for(Session, "after_rollback")
def _forget_withdrawals(session: Session) -> None:
    session.info.pop(PENDING, None)
