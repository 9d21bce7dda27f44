"""The notice itself, in the entry's language: the public page, the share links, the
private link, and that the address is now deleted."""

from email.message import EmailMessage

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from campaign.languages import get_language
from campaign.mail import new_message
from campaign.models import Entry
from campaign.notices.addresses import private_token
from campaign.sharing.links import share_links
from campaign.urls import absolute_url_for

# The networks the share page offers first; the others stay on the page.
NETWORKS = ("linkedin", "x", "facebook")


def compose(entry: Entry) -> EmailMessage:
    """The notice for one entry whose owner left an address, as plain text and HTML."""
    public_url = absolute_url_for("submissions.entry_page", slug=entry.slug)
    token = private_token(entry)
    context = {
        "entry": entry,
        "language": get_language(entry.language),
        "public_url": public_url,
        "links": [
            link
            for link in share_links(public_url, entry.statement, entry.language)
            if link.network in NETWORKS
        ],
        "manage_url": absolute_url_for("submissions.manage", token=token) if token else None,
    }
    with force_locale(entry.language):
        subject = _("Your #ImALifelongLearner card is public")
        text = render_template("notices/approved.txt", **context)
        html = render_template("notices/approved.html", subject=subject, **context)
    message = new_message(subject, (entry.name, entry.notify_email))
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
