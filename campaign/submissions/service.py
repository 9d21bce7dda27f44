"""Creating, editing and erasing entries: plain functions that flush but never commit."""

import io
from dataclasses import dataclass, replace

from PIL import Image

from campaign import cardfiles, cards
from campaign.cities.directory import directory_city_id
from campaign.countries import country_name
from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.images import encode_jpeg
from campaign.models import Entry, EntryKind, EntryStatus, Revision, RevisionState
from campaign.moderation import audit, flags, policy
from campaign.privacy.retention import erase_entry_data
from campaign.sharing.invitations import public_inviter_id
from campaign.storage import FileLedger, Storage
from campaign.tokens import hash_token, new_file_stem, new_manage_token, new_slug


@dataclass(frozen=True)
class Submission:
    """What a person sent through the join form, already validated as text."""

    name: str
    city: str
    country_code: str
    language: str
    statement: str
    photo: bytes
    focal: tuple[float, float] | None = None  # None: the cards are framed around the faces
    kind: EntryKind = EntryKind.LEARNER
    title: str | None = None
    # A city of the learning-cities directory; None: matched from the typed name, and an
    # entry whose city matches none is left for moderators to map (city_id stays NULL).
    city_id: int | None = None
    # A keyed hash of the sender's network (campaign.moderation.flags.hash_ip), never the IP.
    ip_hash: str | None = None
    via: str | None = None  # the slug of the entry whose invitation link was followed
    design: str = cards.DEFAULT_DESIGN  # the card design the person chose
    edition_id: int | None = None  # the city edition joined through; None: the global site
    # The faces the join page's preview had found in this photo (framed as it showed them);
    # None: found here.
    faces: tuple[tuple[float, float, float, float], ...] | None = None


def create_entry(
    submission: Submission, *, files: FileLedger, moderation: str, branding: cards.Branding
) -> tuple[Entry, str]:
    """Store the photo and its cards and add the entry; returns it with its manage token.

    Raises campaign.images.PhotoError when the photo cannot be used. `moderation` is the
    campaign's setting; an entry made through a city edition follows the edition's.
    """
    moderation = policy.mode_for(submission.edition_id, moderation)
    stem = new_file_stem()
    photo_key = f"photos/{stem}.jpg"
    token = new_manage_token()
    entry = Entry(
        slug=new_slug(),
        kind=submission.kind,
        name=submission.name,
        title=submission.title,
        city=submission.city,
        country_code=submission.country_code,
        language=submission.language,
        statement=submission.statement,
        focal_x=submission.focal[0] if submission.focal else 0.5,
        focal_y=submission.focal[1] if submission.focal else 0.5,
        photo_key=photo_key,
        card_design=submission.design,
        manage_token_hash=hash_token(token),
        status=EntryStatus.APPROVED if moderation == "post" else EntryStatus.PENDING,
        invited_by_id=public_inviter_id(submission.via),
        edition_id=submission.edition_id,
    )
    photo, rendered, faces = cards.render_upload(
        submission.photo, card_content(entry), submission.focal, branding, submission.faces
    )
    entry.faces = None if faces is None else [list(face) for face in faces]
    files.save(photo_key, encode_jpeg(photo.image, quality=88))
    if entry.status is EntryStatus.APPROVED:
        entry.published_at = utcnow()
    entry.city_id = submission.city_id or directory_city_id(
        submission.city, submission.country_code
    )
    entry.card_keys = cardfiles.save_cards(rendered, files, public=True)
    db.session.add(entry)
    flags.flag_new_entry(entry, photo.image, ip_hash=submission.ip_hash)
    db.session.flush()
    return entry, token


def update_statement(
    entry: Entry,
    statement: str,
    *,
    moderation: str,
    storage: Storage,
    files: FileLedger,
    branding: cards.Branding,
) -> RevisionState | None:
    """Change the statement, or propose the change when a moderator must see it first.

    A public entry under pre-moderation keeps its statement and cards until a moderator
    approves the edit (a pending Revision with its own cards, held out of public reach);
    anywhere else the entry changes at once, and under post-moderation a public entry's
    edit waits in the queue for a moderator to look at. Returns what became of the edit
    (None: nothing changed).
    """
    moderation = policy.mode_for(entry.edition_id, moderation)
    waiting = entry.open_revision
    proposed = waiting.statement if waiting else entry.statement
    if statement == proposed:
        return None
    if waiting is not None:
        _withdraw(waiting, files)
    # The version goes up with every edit: a moderator who saw an older one is told.
    entry.updated_at = utcnow()
    revision = Revision(previous_statement=entry.statement, statement=statement)
    if statement == entry.statement:
        # Back to the statement the public sees: nothing is left to review.
        revision.state = RevisionState.WITHDRAWN
    elif moderation == "pre" and entry.is_public:
        rendered = render_cards(storage, entry, statement, branding)
        revision.card_keys = cardfiles.save_cards(rendered, files, public=False)
        revision.flag_detail = flags.blocklist_detail(statement, entry.language)
        revision.state = RevisionState.PENDING
    else:
        rendered = render_cards(storage, entry, statement, branding)
        for key in entry.card_keys.values():
            files.delete_after_commit(key)
        entry.statement = statement
        entry.card_keys = cardfiles.save_cards(
            rendered, files, public=cardfiles.cards_public(entry.status)
        )
        flags.flag_statement(entry)
        revision.state = RevisionState.PUBLISHED if entry.is_public else RevisionState.APPLIED
    entry.revisions.append(revision)
    db.session.flush()
    audit.record_edit(entry, revision)
    db.session.flush()
    return revision.state


def _withdraw(revision: Revision, files: FileLedger) -> None:
    for key in revision.card_keys.values():
        files.delete_after_commit(key)
    revision.card_keys = {}
    revision.state = RevisionState.WITHDRAWN
    revision.decided_at = utcnow()


def render_cards(
    storage: Storage, entry: Entry, statement: str, branding: cards.Branding
) -> dict[str, bytes]:
    """The entry's cards saying `statement`, from its stored photo, framed as it was."""
    photo = Image.open(io.BytesIO(storage.read(entry.photo_key))).convert("RGB")
    content = replace(card_content(entry), statement=statement)
    framed = entry.faces is not None
    return cards.render_all(
        photo,
        content,
        focal=None if framed else (entry.focal_x, entry.focal_y),
        branding=branding,
        faces=[tuple(face) for face in entry.faces or ()],
    )


def erase_entry(entry: Entry, *, files: FileLedger) -> None:
    """Delete the entry; its files go once the deletion is committed."""
    erase_entry_data(entry, files)


def card_content(entry: Entry) -> cards.CardContent:
    """What the cards of an entry say."""
    return cards.CardContent(
        statement=entry.statement,
        language=entry.language,
        name=entry.name,
        city=entry.city,
        country=country_name(entry.country_code, entry.language),
        title=entry.title,
        verified=entry.kind is EntryKind.OFFICIAL,
        design=entry.card_design,
    )
