"""Invitation links for officials: signed (itsdangerous), expiring, and single-use.

The link carries only a random nonce, signed with SECRET_KEY (accepted under
SECRET_KEY_FALLBACKS too) and the time it was issued.
The signature proves the campaign made the link; the database row decides whether it
still works: it is used once `used_at` is set, which happens in the same transaction that
adds the official's entry, with a conditional UPDATE that only one request can win.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select, update

from campaign.cities.directory import match_city
from campaign.extensions import db
from campaign.models import Entry, OfficialInvitation, User
from campaign.sessions import signing_keys

SALT = "campaign.officials.invitation"
TOKEN_MAX = 200


def now() -> datetime:
    """The current time (tests move it)."""
    return datetime.now(UTC)


class InvitationError(Exception):
    """A link that cannot be used; `status` is the HTTP status to answer with."""

    status = 404
    reason = "invalid"


class InvalidLink(InvitationError):
    """Not a link the campaign made: malformed, tampered with, or signed with another key."""


class LinkGone(InvitationError):
    """A genuine link that no longer works."""

    status = 410

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # used, expired or revoked


@dataclass(frozen=True)
class InvitationDetails:
    name: str
    title: str
    city: str
    country_code: str
    language: str
    email: str | None = None
    pre_approved: bool = False


def valid_days() -> int:
    return int(current_app.config["INVITATION_VALID_DAYS"])


def _serializer(issued_at: datetime | None = None) -> URLSafeTimedSerializer:
    stamp = int((issued_at or now()).timestamp())

    class IssuedAtSigner(TimestampSigner):
        # Signed with the time recorded on the row, so the same invitation always
        # gives the same link, and an admin can copy it again later.
        def get_timestamp(self) -> int:
            return stamp

    return URLSafeTimedSerializer(signing_keys(current_app), salt=SALT, signer=IssuedAtSigner)


def link_token(invitation: OfficialInvitation) -> str:
    """The signed token of the invitation's current link."""
    return _serializer(invitation.issued_at).dumps({"n": invitation.nonce})


def create_invitation(details: InvitationDetails, *, by: User | None) -> OfficialInvitation:
    """A new invitation, open for INVITATION_VALID_DAYS (flushed, not committed)."""
    city = match_city(details.city, details.country_code)
    issued = now()
    invitation = OfficialInvitation(
        nonce=secrets.token_hex(16),
        name=details.name,
        title=details.title,
        city=city.name if city else details.city,
        city_id=city.id if city else None,
        country_code=details.country_code,
        language=details.language,
        email=details.email or None,
        pre_approved=details.pre_approved,
        created_by_id=by.id if by is not None else None,
        # A city admin invites for their edition; the official's statement joins it.
        edition_id=by.edition_id if by is not None and by.is_city_staff else None,
        created_at=issued,
        issued_at=issued,
        expires_at=issued + timedelta(days=valid_days()),
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation


def renew(invitation: OfficialInvitation) -> None:
    """A fresh link with a new nonce and a new expiry; the old link stops working."""
    if invitation.used_at is not None:
        raise LinkGone("used")
    issued = now()
    invitation.nonce = secrets.token_hex(16)
    invitation.issued_at = issued
    invitation.expires_at = issued + timedelta(days=valid_days())
    invitation.revoked_at = None
    invitation.emailed_at = None
    db.session.flush()


def revoke(invitation: OfficialInvitation) -> None:
    """Stop an unused link from working."""
    if invitation.used_at is None and invitation.revoked_at is None:
        invitation.revoked_at = now()
        db.session.flush()


def open_invitation(token: str) -> OfficialInvitation:
    """The invitation a link stands for, if it can still be used; InvitationError if not."""
    if not token or len(token) > TOKEN_MAX:
        raise InvalidLink()
    try:
        payload = _serializer().loads(token, max_age=valid_days() * 86400, return_timestamp=False)
    except SignatureExpired:
        raise LinkGone("expired") from None
    except BadSignature:
        raise InvalidLink() from None
    nonce = payload.get("n") if isinstance(payload, dict) else None
    if not isinstance(nonce, str):
        raise InvalidLink()
    invitation = db.session.scalar(
        select(OfficialInvitation).where(OfficialInvitation.nonce == nonce)
    )
    if invitation is None:
        # Signed by us, but renewed since (a new nonce) or deleted.
        raise LinkGone("revoked")
    _check_open(invitation)
    return invitation


def _check_open(invitation: OfficialInvitation) -> None:
    if invitation.used_at is not None:
        raise LinkGone("used")
    if invitation.revoked_at is not None:
        raise LinkGone("revoked")
    if invitation.expires_at <= now():
        raise LinkGone("expired")


def consume(invitation: OfficialInvitation, entry: Entry) -> None:
    """Mark the invitation used by this entry, in the caller's transaction.

    The UPDATE only matches a row nobody has used yet: of two requests racing with the
    same link (on any workers), one matches it and the other gets LinkGone, so its
    transaction, entry and files are rolled back.
    """
    result = db.session.execute(
        update(OfficialInvitation)
        .where(
            OfficialInvitation.id == invitation.id,
            OfficialInvitation.nonce == invitation.nonce,
            OfficialInvitation.used_at.is_(None),
            OfficialInvitation.revoked_at.is_(None),
            OfficialInvitation.expires_at > now(),
        )
        .values(used_at=now(), entry_id=entry.id)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(invitation)
    if result.rowcount != 1:
        _check_open(invitation)
        raise LinkGone("used")
