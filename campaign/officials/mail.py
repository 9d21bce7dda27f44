"""E-mailing an invitation link when SMTP is configured (SMTP_HOST and friends)."""

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from campaign.models import OfficialInvitation


class MailError(RuntimeError):
    """The message could not be handed to the SMTP server; the message says why."""


def mail_configured() -> bool:
    return bool(current_app.config["SMTP_HOST"])


def send_invitation(invitation: OfficialInvitation, link: str) -> None:
    """Send the link to the official, in the language of the invitation."""
    if not invitation.email:
        raise MailError(_("This invitation has no e-mail address."))
    config = current_app.config
    with force_locale(invitation.language):
        subject = _("Your invitation to the #ImALifelongLearner campaign")
        body = render_template("officials/invitation_email.txt", invitation=invitation, link=link)
    sender = config["SMTP_FROM"] or config["SMTP_USERNAME"]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = formataddr(("#ImALifelongLearner", sender))
    message["To"] = formataddr((invitation.name, invitation.email))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    try:
        _deliver(message, config)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("Invitation %s not e-mailed: %s", invitation.id, error)
        raise MailError(
            _("The e-mail could not be sent (%(error)s). Copy the link instead.", error=error)
        ) from error


def _deliver(message: EmailMessage, config) -> None:
    host, port = config["SMTP_HOST"], config["SMTP_PORT"]
    security = config["SMTP_SECURITY"]
    timeout = config["SMTP_TIMEOUT"]
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
        smtp.send_message(message)
