"""Sending e-mail through the configured SMTP server (SMTP_HOST and friends), for any feature."""

import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app

# What a failed hand-over to the SMTP server raises: refused, unreachable, timed out, bad login.
SMTP_ERRORS = (OSError, smtplib.SMTPException)


def mail_configured() -> bool:
    return bool(current_app.config["SMTP_HOST"])


def new_message(subject: str, to: tuple[str, str]) -> EmailMessage:
    """A message from the campaign's sender address to (name, address)."""
    config = current_app.config
    sender = config["SMTP_FROM"] or config["SMTP_USERNAME"]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr(("#ImALifelongLearner", sender))
    message["To"] = formataddr(to)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    return message


@contextmanager
def smtp_connection() -> Iterator[smtplib.SMTP]:
    """One signed-in connection to the SMTP server, for one or many messages."""
    config = current_app.config
    host, port = config["SMTP_HOST"], config["SMTP_PORT"]
    security, timeout = config["SMTP_SECURITY"], config["SMTP_TIMEOUT"]
    context = ssl.create_default_context()
    if security == "ssl":
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    with smtp:
        if security == "starttls":
            smtp.starttls(context=context)
        if config["SMTP_USERNAME"]:
            smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        yield smtp


def deliver(message: EmailMessage) -> None:
    """Hand one message to the SMTP server; raises one of SMTP_ERRORS when it cannot."""
    with smtp_connection() as smtp:
        smtp.send_message(message)
