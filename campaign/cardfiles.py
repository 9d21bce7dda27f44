"""Where an entry's cards are stored, and so whether anyone can fetch them.

Cards live under `cards/` (served to anyone, cached for a year under content-hashed names)
only while their entry may be shown: pending (its owner previews them) or approved. Cards of
a rejected or unpublished entry, and of an edit waiting for a moderator, live under `held/`,
which is never served publicly (local storage or S3 alike); their owner and moderators see
them through the app. A card coming back gets a new name, so no cache that kept the old URL
(or its 404) stands in the way.
"""

import hashlib
import logging
import secrets

from campaign.models import Entry, EntryStatus
from campaign.storage import FileLedger

HELD_STATUSES = frozenset({EntryStatus.REJECTED, EntryStatus.UNPUBLISHED})
PUBLIC_PREFIX = "cards/"
HELD_PREFIX = "held/"

# One line per card taken out of public reach: what a CDN purge hook needs (see docs).
log = logging.getLogger("campaign.cards.withdrawn")


def cards_public(status: EntryStatus) -> bool:
    """Whether an entry with this status keeps its cards where they can be fetched."""
    return status not in HELD_STATUSES


def save_cards(rendered: dict[str, bytes], files: FileLedger, *, public: bool) -> dict[str, str]:
    """Store freshly rendered cards under new names; format → key."""
    stem = secrets.token_urlsafe(16)
    keys = {}
    for fmt, data in rendered.items():
        keys[fmt] = _key(fmt, data, stem, public=public)
        files.save(keys[fmt], data)
    return keys


def move_cards(keys: dict[str, str], files: FileLedger, *, public: bool) -> dict[str, str]:
    """The same cards under new names in the wanted place; the old files go on commit."""
    prefix = PUBLIC_PREFIX if public else HELD_PREFIX
    if all(key.startswith(prefix) for key in keys.values()):
        return dict(keys)
    stem = secrets.token_urlsafe(16)
    moved = {}
    for fmt, key in keys.items():
        try:
            data = files.storage.read(key)
        except Exception:
            if files.storage.exists(key):
                raise
            # Lost from storage (`flask maintenance check` reports such entries): the
            # decision still stands, with one card fewer.
            logging.getLogger(__name__).warning("card missing from storage: %s", key)
            continue
        moved[fmt] = _key(fmt, data, stem, public=public)
        files.save(moved[fmt], data)
        files.delete_after_commit(key)
        if key.startswith(PUBLIC_PREFIX):
            log.info("card withdrawn: %s", key)
    return moved


def place_cards(entry: Entry, files: FileLedger) -> None:
    """Move the entry's cards where its status says they belong."""
    entry.card_keys = move_cards(entry.card_keys, files, public=cards_public(entry.status))


def _key(fmt: str, data: bytes, stem: str, *, public: bool) -> str:
    # The content hash in the name gives each rendering its own URL, so caches and social
    # networks never show a stale card after an edit.
    digest = hashlib.sha256(data).hexdigest()[:10]
    extension = "webp" if fmt == "thumb" else "jpg"
    prefix = PUBLIC_PREFIX if public else HELD_PREFIX
    return f"{prefix}{stem}-{fmt}-{digest}.{extension}"
