"""flask users ...: staff accounts from the command line (the first admin, recoveries)."""

import os

import click
from flask.cli import AppGroup

from campaign.models import Role
from campaign.moderation import accounts
from campaign.unit_of_work import unit_of_work

PASSWORD_ENV = "CAMPAIGN_ADMIN_PASSWORD"  # noqa: S105 (the variable's name, not a password)

users_cli = AppGroup("users", help="Moderator and admin accounts.")


def _password(prompt: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    return click.prompt(prompt, hide_input=True, confirmation_prompt=True)


def _create(email: str, role: Role) -> None:
    password = _password("Password")
    try:
        with unit_of_work():
            user = accounts.create_user(email, password, role)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {user.role.value} {user.email}.")


@users_cli.command("create-admin")
@click.argument("email")
def create_admin(email: str) -> None:
    """Create an admin. The password is prompted, or read from CAMPAIGN_ADMIN_PASSWORD."""
    _create(email, Role.ADMIN)


@users_cli.command("create-moderator")
@click.argument("email")
def create_moderator(email: str) -> None:
    """Create a moderator (admins can also do this on /moderate/users)."""
    _create(email, Role.MODERATOR)


@users_cli.command("set-password")
@click.argument("email")
def set_password(email: str) -> None:
    """Set a new password (prompted, or from CAMPAIGN_ADMIN_PASSWORD)."""
    user = accounts.find_user(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    password = _password("New password")
    try:
        with unit_of_work():
            accounts.set_password(user, password)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Password changed for {user.email}.")


@users_cli.command("list")
def list_users() -> None:
    """Every staff account, its role and whether it can sign in."""
    for user in accounts.all_users():
        state = "active" if user.active else "disabled"
        click.echo(f"{user.email}\t{user.role.value}\t{state}")


@users_cli.command("disable")
@click.argument("email")
def disable(email: str) -> None:
    """Disable an account: it cannot sign in, and its open sessions end at once."""
    _set_active(email, False)


@users_cli.command("enable")
@click.argument("email")
def enable(email: str) -> None:
    """Re-enable a disabled account."""
    _set_active(email, True)


def _set_active(email: str, active: bool) -> None:
    user = accounts.find_user(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    try:
        with unit_of_work():
            accounts.set_active(user, active)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{user.email} is {'enabled' if active else 'disabled'}.")
