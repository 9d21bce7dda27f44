"""Creating, editing and erasing entries: plain functions that flush but never commit."""

import hashlib
import io
from dataclasses import dataclass

from PIL import Image

from campaign import cards
from campaign.cities.directory import directory_city_id
from campaign.countries import country_name
from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.images import encode_jpeg
from campaign.models import Entry, EntryKind, EntryStatus
from campaign.moderation import flags
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


def create_entry(
    submission: Submission, *, files: FileLedger, moderation: str, branding: cards.Branding
) -> tuple[Entry, str]:
    """Store the photo and its cards and add the entry; returns it with its manage token.

    Raises campaign.images.PhotoError when the photo cannot be used.
    """
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
    )
    photo, rendered, faces = cards.render_upload(
        submission.photo, card_content(entry), submission.focal, branding
    )
    entry.faces = None if faces is None else [list(face) for face in faces]
    files.save(photo_key, encode_jpeg(photo.image, quality=88))
    if entry.status is EntryStatus.APPROVED:
        entry.published_at = utcnow()
    entry.city_id = submission.city_id or directory_city_id(
        submission.city, submission.country_code
    )
    entry.card_keys = _save_cards(rendered, stem, files)
    db.session.add(entry)
    flags.flag_new_entry(entry, photo.image, ip_hash=submission.ip_hash)
    db.session.flush()
    return entry, token


def update_statement(
    entry: Entry, statement: str, *, storage: Storage, files: FileLedger, branding: cards.Branding
) -> None:
    """Change the statement and re-render the cards under new names."""
    if statement == entry.statement:
        return
    entry.statement = statement
    photo = Image.open(io.BytesIO(storage.read(entry.photo_key))).convert("RGB")
    old_keys = list(entry.card_keys.values())
    entry.card_keys = _render_cards(photo, entry, new_file_stem(), files, branding)
    for key in old_keys:
        files.delete_after_commit(key)
    flags.flag_statement(entry)
    db.session.flush()


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


def _render_cards(
    photo: Image.Image, entry: Entry, stem: str, files: FileLedger, branding: cards.Branding
) -> dict[str, str]:
    framed = entry.faces is not None
    rendered = cards.render_all(
        photo,
        card_content(entry),
        focal=None if framed else (entry.focal_x, entry.focal_y),
        branding=branding,
        faces=[tuple(face) for face in entry.faces or ()],
    )
    return _save_cards(rendered, stem, files)


def _save_cards(rendered: dict[str, bytes], stem: str, files: FileLedger) -> dict[str, str]:
    keys = {}
    for fmt, data in rendered.items():
        # The content hash in the name gives each rendering its own URL, so caches
        # and social networks never show a stale card after an edit.
        digest = hashlib.sha256(data).hexdigest()[:10]
        extension = "webp" if fmt == "thumb" else "jpg"
        key = f"cards/{stem}-{fmt}-{digest}.{extension}"
        files.save(key, data)
        keys[fmt] = key
    return keys
