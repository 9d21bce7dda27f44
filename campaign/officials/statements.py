"""An invited official's statement: an entry of kind official, made once per invitation."""

from dataclasses import dataclass

from campaign import cards
from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import Action, Entry, EntryKind, EntryStatus, OfficialInvitation, User
from campaign.moderation import audit
from campaign.officials.invitations import consume
from campaign.storage import FileLedger
from campaign.submissions.service import Submission, create_entry

PRE_APPROVED_REASON = "Pre-approved on the official's invitation"


@dataclass(frozen=True)
class OfficialStatement:
    """What the official sent through their invitation form, validated as text."""

    name: str
    title: str
    language: str
    statement: str
    photo: bytes
    focal: tuple[float, float] | None = None  # None: framed around the faces
    ip_hash: str | None = None
    design: str = cards.DEFAULT_DESIGN
    faces: tuple[tuple[float, float, float, float], ...] | None = None  # as the preview found


def submit_statement(
    invitation: OfficialInvitation,
    sent: OfficialStatement,
    *,
    files: FileLedger,
    moderation: str,
    branding: cards.Branding,
) -> tuple[Entry, str]:
    """Create the official's entry and use up the invitation, in the caller's transaction.

    Raises campaign.images.PhotoError for an unusable photo, and
    campaign.officials.invitations.LinkGone when another request used the link first.
    """
    submission = Submission(
        name=sent.name,
        city=invitation.city,
        country_code=invitation.country_code,
        language=sent.language,
        statement=sent.statement,
        photo=sent.photo,
        focal=sent.focal,
        faces=sent.faces,
        design=sent.design,
        kind=EntryKind.OFFICIAL,
        title=sent.title,
        city_id=invitation.city_id,
        ip_hash=sent.ip_hash,
        edition_id=invitation.edition_id,
    )
    entry, token = create_entry(submission, files=files, moderation=moderation, branding=branding)
    consume(invitation, entry)
    if entry.status is EntryStatus.PENDING and _pre_approval_holds(invitation, entry):
        _approve(entry, invitation)
    return entry, token


def _pre_approval_holds(invitation: OfficialInvitation, entry: Entry) -> bool:
    # The admin vouched for this name and title: a changed one, or a statement the
    # automatic checks flagged, waits for a moderator like any other entry.
    return (
        invitation.pre_approved
        and entry.name == invitation.name
        and entry.title == invitation.title
        and not entry.flags
    )


def _approve(entry: Entry, invitation: OfficialInvitation) -> None:
    entry.status = EntryStatus.APPROVED
    entry.published_at = utcnow()
    admin = db.session.get(User, invitation.created_by_id) if invitation.created_by_id else None
    if admin is not None:
        audit.record(
            admin,
            Action.APPROVE,
            entry=entry,
            reason=PRE_APPROVED_REASON,
            from_status=EntryStatus.PENDING,
            to_status=EntryStatus.APPROVED,
        )
    db.session.flush()
