"""`flask notices send`: send the approval notices an SMTP outage left waiting (cron-safe)."""

from contextlib import nullcontext

import click
from flask import current_app, has_request_context
from flask.cli import AppGroup

from campaign.mail import mail_configured
from campaign.notices.sending import send_due

notices_cli = AppGroup("notices", help="Approval notices: the e-mail sent when a card is public.")


@notices_cli.command("send")
def send_command() -> None:
    """Send every notice that is due; exits 1 while some still cannot be sent."""
    if not mail_configured():
        raise click.ClickException("SMTP_HOST is not set: notices cannot be sent.")
    with _links_context():
        outcome = send_due()
    click.echo(f"sent: {len(outcome.sent)} notice(s)")
    for slug in outcome.sent:
        click.echo(f"  entry {slug}")
    if outcome.problem:
        click.echo(f"waiting: {outcome.waiting} notice(s): {outcome.problem}", err=True)
        raise SystemExit(1)


def _links_context():
    """What the notice's absolute links are built in outside a request."""
    config = current_app.config
    if has_request_context() or config["SERVER_NAME"]:
        return nullcontext()
    if not config["PUBLIC_BASE_URL"]:
        raise click.ClickException(
            "Set PUBLIC_BASE_URL: the notice's links must point at the public site."
        )
    # absolute_url_for prefixes PUBLIC_BASE_URL; url_for only needs some request to build paths.
    return current_app.test_request_context("/")
