"""E-mailing an invitation link when SMTP is configured (SMTP_HOST and friends)."""

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from campaign.mail import SMTP_ERRORS, deliver, mail_configured, new_message
from campaign.models import OfficialInvitation

__all__ = ["MailError", "mail_configured", "send_invitation"]


class MailError(RuntimeError):
    """The message could not be handed to the SMTP server; the message says why."""


def send_invitation(invitation: OfficialInvitation, link: str) -> None:
    """Send the link to the official, in the language of the invitation."""
    if not invitation.email:
        raise MailError(_("This invitation has no e-mail address."))
    with force_locale(invitation.language):
        subject = _("Your invitation to the #ImALifelongLearner campaign")
        body = render_template("officials/invitation_email.txt", invitation=invitation, link=link)
    message = new_message(subject, (invitation.name, invitation.email))
    message.set_content(body)
    try:
        deliver(message)
    except SMTP_ERRORS as error:
        current_app.logger.warning("Invitation %s not e-mailed: %s", invitation.id, error)
        raise MailError(
            _("The e-mail could not be sent (%(error)s). Copy the link instead.", error=error)
        ) from error
