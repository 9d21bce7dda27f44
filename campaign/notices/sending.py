"""Sending the notices that are due, after the change that made the entries public is
committed, so an SMTP server that is down or slow never undoes or blocks a moderation.

A notice is due while its entry is public and still holds the address (addresses.is_due):
the address itself is the queue. Each notice is recorded (address deleted, notified_at
set) in its own commit right after the SMTP server accepted it; the first failure stops
the batch and leaves the rest for `flask notices send`. A crash between the two may send
one notice twice, never lose one.
"""

import logging
from dataclasses import dataclass, field

from flask import Response, copy_current_request_context

from campaign.dbtypes import utcnow
from campaign.mail import SMTP_ERRORS, mail_configured, smtp_connection
from campaign.notices.addresses import due, mark_sent
from campaign.notices.message import compose
from campaign.outages import DATABASE_ERRORS
from campaign.unit_of_work import unit_of_work

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    sent: list[str] = field(default_factory=list)  # slugs
    waiting: int = 0  # due notices left for `flask notices send`
    problem: str | None = None


def send_due(entry_ids: list[int] | None = None) -> Outcome:
    """Send every due notice (only those of entry_ids when given); never raises for SMTP."""
    if not mail_configured():
        return Outcome()
    try:
        entries = due(entry_ids)
    except DATABASE_ERRORS as error:
        log.warning("Approval notices not looked up (database unavailable): %s", error)
        return Outcome(problem=str(error))
    outcome = Outcome(waiting=len(entries))
    if not entries:
        return outcome
    try:
        with smtp_connection() as smtp:
            for entry in entries:
                smtp.send_message(compose(entry))
                with unit_of_work():
                    mark_sent(entry, utcnow())
                outcome.sent.append(entry.slug)
                outcome.waiting -= 1
                log.info("Approval notice sent for entry %s", entry.slug)
    except (*SMTP_ERRORS, *DATABASE_ERRORS) as error:
        outcome.problem = str(error) or type(error).__name__
        log.warning(
            "Approval notices: %d sent, %d waiting for `flask notices send`: %s",
            len(outcome.sent),
            outcome.waiting,
            outcome.problem,
        )
    return outcome


def send_after_response(response: Response, entry_ids: list[int]) -> Response:
    """The response, made to send these entries' due notices once it has gone to the
    moderator: a bulk approval can owe dozens, and an SMTP server's slowness is not theirs
    to wait for (the worker sends them as it closes the response)."""
    if not entry_ids:
        return response

    @copy_current_request_context  # the notice's links are built as this request's were
    def send() -> None:
        try:
            send_due(entry_ids)
        except Exception:  # the answer is sent: log it, never fail the worker's close
            log.exception("Approval notices for entries %s not sent", entry_ids)

    response.call_on_close(send)
    return response
