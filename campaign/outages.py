"""When a dependency is away: which errors mean "try again shortly", and what people are told.

A PostgreSQL that is down, restarting or too slow (connect timeout, statement_timeout, a pool
with no free connection) and storage that refuses to write (a full disk, a permission lost,
S3 answering 5xx or not at all) are outages, not bugs: the request answers 503 with
Retry-After and a page in the visitor's language, and nothing half-done is kept (the unit of
work rolls back and removes its files). Any other error stays a 500.
"""

import logging

import sqlalchemy as sa
from flask_babel import gettext as _

from campaign.storage import StorageUnavailable

log = logging.getLogger(__name__)

# Seconds a client is asked to wait: a PostgreSQL restart or fail-over takes tens of seconds.
RETRY_AFTER_SECONDS = 60

DATABASE_ERRORS: tuple[type[BaseException], ...] = (
    sa.exc.OperationalError,  # refused, dropped, restarting, statement_timeout, locked
    sa.exc.InterfaceError,  # the connection was already closed under us
    sa.exc.TimeoutError,  # no connection free in the pool within pool_timeout
)
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (*DATABASE_ERRORS, StorageUnavailable)


def is_database_outage(error: BaseException) -> bool:
    return isinstance(error, DATABASE_ERRORS)


def is_outage(error: BaseException) -> bool:
    """Whether error means a dependency is away (503), not a fault of the code (500)."""
    return isinstance(error, OUTAGE_ERRORS)


def describe(error: BaseException, *, sending: bool) -> tuple[str, str]:
    """The title and message a person sees; sending: they sent a form (POST)."""
    if isinstance(error, StorageUnavailable):
        return (
            _("We could not store your photo just now"),
            _(
                "Our file storage is not accepting files at the moment, so your photo was "
                "not stored and nothing was kept. Please try again in a few minutes."
            ),
        )
    title = _("The campaign is taking a short break")
    if sending:
        return title, _(
            "The campaign is taking a short break, so your photo was not stored. "
            "Please try again in a minute."
        )
    return title, _("This page cannot be shown right now. Please try again in a minute.")


def log_outage(error: BaseException) -> None:
    """One line per failed request, without a traceback: the cause is outside the code."""
    kind = "storage" if isinstance(error, StorageUnavailable) else "database"
    log.warning("%s unavailable (%s): %s", kind, type(error).__name__, _first_line(error))


def _first_line(error: BaseException) -> str:
    cause = error.__cause__ or getattr(error, "orig", None) or error
    return (str(cause).strip().splitlines() or [""])[0][:300]


def close_sessions_when_the_database_is_gone(app, db) -> None:
    """Register the request's last step: give the session back even if PostgreSQL ended the
    connection (a restart). Closing sends a ROLLBACK, which then fails in teardown, where no
    error handler runs, and the answer the request already made would become a 500. Runs
    before Flask-SQLAlchemy's own teardown, which then finds nothing left to close."""

    @app.teardown_appcontext
    def close_session(_error: BaseException | None) -> None:
        try:
            db.session.remove()
        except DATABASE_ERRORS as error:
            log_outage(error)
            # remove() stopped before forgetting the request's session: drop its dead
            # connection instead of rolling back, then forget it.
            try:
                db.session.registry().invalidate()
            finally:
                db.session.registry.clear()
