"""Who asked to be told when their card is public: the address and the private link, kept
until the notice is sent, or the entry is rejected or erased."""

from cryptography.fernet import InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy import ColumnElement, select, update

from campaign.extensions import db
from campaign.mail import mail_configured
from campaign.models import Entry, EntryStatus
from campaign.models.entry import is_public
from campaign.notices.forms import NoticeForm
from campaign.sessions import encryption


def offered(entry: Entry) -> bool:
    """Whether the share page offers "tell me when my card is public" for this entry.

    Only while the entry waits for a moderator under pre-moderation, and only when there is
    an SMTP server to send the notice through.
    """
    return (
        mail_configured()
        and current_app.config["MODERATION"] == "pre"
        and entry.status is EntryStatus.PENDING
        and entry.notified_at is None
    )


def ask(entry: Entry, email: str, token: str) -> None:
    """Keep the address and the private link (encrypted) until the notice is sent."""
    _set(entry, notify_email=email, notify_token=_encryption().encrypt(token.encode()).decode())


def cancel(entry: Entry) -> None:
    """The person no longer wants the notice: the address and the link go at once."""
    _set(entry, notify_email=None, notify_token=None)


def forget(entry: Entry) -> None:
    """Drop the address within a change the caller is making to the entry (a rejection)."""
    entry.notify_email = None
    entry.notify_token = None


def private_token(entry: Entry) -> str | None:
    """The manage token kept for the notice; None when SECRET_KEY changed without fallback."""
    if not entry.notify_token:
        return None
    try:
        return _encryption().decrypt(entry.notify_token.encode()).decode()
    except InvalidToken:
        current_app.logger.warning(
            "Approval notice of entry %s: its private link no longer decrypts (SECRET_KEY "
            "changed without SECRET_KEY_FALLBACKS); the notice goes without it",
            entry.slug,
        )
        return None


def is_due() -> ColumnElement[bool]:
    """Entries whose owner asked for the notice and which are public now."""
    return Entry.notify_email.is_not(None) & Entry.notified_at.is_(None) & is_public()


def due(entry_ids: list[int] | None = None) -> list[Entry]:
    """The entries whose notice is due (among entry_ids when given), oldest first."""
    query = select(Entry).where(is_due()).order_by(Entry.id)
    if entry_ids is not None:
        query = query.where(Entry.id.in_(entry_ids))
    return list(db.session.scalars(query))


def mark_sent(entry: Entry, now) -> bool:
    """Record the notice as sent and delete the address; False if it was already recorded."""
    return bool(_set(entry, notify_email=None, notify_token=None, notified_at=now, once=True))


def _set(entry: Entry, *, once: bool = False, **values) -> int:
    # Core UPDATE: no version bump, so a moderator's open page of the entry does not go stale
    # because its owner asked for (or received) an e-mail.
    where = [Entry.id == entry.id]
    if once:
        where.append(Entry.notified_at.is_(None))
    done = db.session.execute(
        update(Entry).where(*where).values(**values, updated_at=Entry.updated_at),
        execution_options={"synchronize_session": False},
    ).rowcount
    db.session.expire(entry, list(values))
    return done


def _encryption() -> MultiFernet:
    return encryption(current_app, b"campaign-notice")


def page_context(entry: Entry, form=None) -> dict | None:
    """What the share page shows about the notice: the form, the address given, or nothing."""
    if entry.notify_email and entry.notified_at is None:
        return {"email": entry.notify_email}
    if offered(entry):
        return {"email": None, "form": form or NoticeForm()}
    return None
