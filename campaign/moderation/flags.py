"""Automatic flags raised when an entry is submitted. They point moderators at an entry;
they never reject it."""

import hashlib
import hmac
import ipaddress
from datetime import timedelta

from flask import current_app
from PIL import Image
from sqlalchemy import func, select

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import Entry, EntryFlag, FlagKind, PhotoHashBand
from campaign.moderation import blocklist

# What a flag's detail says, stored in English as the log and its CSV keep it; the staff
# pages read it back in the moderator's language (labels.flag_detail).
DETAIL_FORMATS = {
    FlagKind.BLOCKLIST: "Blocklist: {words}",
    FlagKind.DUPLICATE_PHOTO: "Same photo as {slugs}",
    FlagKind.IP_BURST: "{count:d} entries from one network in {minutes:d} minutes",
}
BANDS = 4
BAND_BITS = 64 // BANDS


def hash_ip(address: str | None) -> str | None:
    """A keyed hash of the sender's network: never the address itself.

    IPv6 addresses count by their /64, which is what one household or phone gets.
    """
    if not address:
        return None
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    network = str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)
    key = hashlib.sha256(b"ip-hash:" + current_app.config["SECRET_KEY"].encode()).digest()
    return hmac.new(key, network.encode(), hashlib.sha256).hexdigest()[:32]


def photo_hash(image: Image.Image) -> str:
    """A 64-bit difference hash (dHash): near-identical photos get near-identical hashes.

    Ten lines on Pillow instead of the imagehash package, which would bring numpy, scipy
    and PyWavelets along for this one function.
    """
    small = image.convert("L").resize((9, 8), Image.Resampling.BOX, reducing_gap=3.0)
    pixels = small.tobytes()
    bits = 0
    for row in range(8):
        for column in range(8):
            left, right = pixels[row * 9 + column], pixels[row * 9 + column + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"


def hamming(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def _bands(hex_hash: str) -> list[int]:
    value = int(hex_hash, 16)
    mask = (1 << BAND_BITS) - 1
    # Stored as signed 16-bit-safe integers in an Integer column.
    return [(value >> (BAND_BITS * band)) & mask for band in range(BANDS)]


def near_duplicates(entry: Entry, max_distance: int) -> list[Entry]:
    """Other entries whose photo is within max_distance bits of this entry's photo."""
    if not entry.photo_hash:
        return []
    bands = _bands(entry.photo_hash)
    candidates = (
        select(PhotoHashBand.entry_id)
        .where(PhotoHashBand.entry_id != entry.id)
        .where(
            db.or_(
                *(
                    db.and_(PhotoHashBand.band == band, PhotoHashBand.value == value)
                    for band, value in enumerate(bands)
                )
            )
        )
        .distinct()
        .limit(200)
    )
    others = db.session.scalars(select(Entry).where(Entry.id.in_(candidates)).order_by(Entry.id))
    return [
        other
        for other in others
        if other.photo_hash and hamming(other.photo_hash, entry.photo_hash) <= max_distance
    ]


def recent_from_same_network(entry: Entry, window: timedelta) -> int:
    """How many entries (this one included) came from the entry's network within window."""
    if not entry.ip_hash:
        return 0
    return db.session.scalar(
        select(func.count())
        .select_from(Entry)
        .where(Entry.ip_hash == entry.ip_hash, Entry.created_at >= utcnow() - window)
    )


def flag_new_entry(entry: Entry, image: Image.Image | None, *, ip_hash: str | None) -> None:
    """Record the entry's hashes and raise whatever flags apply. Flushes; never commits."""
    config = current_app.config
    entry.ip_hash = ip_hash
    if image is not None:
        entry.photo_hash = photo_hash(image)
        entry.photo_hash_bands = [
            PhotoHashBand(band=band, value=value)
            for band, value in enumerate(_bands(entry.photo_hash))
        ]
    db.session.flush()
    flag_statement(entry)
    duplicates = near_duplicates(entry, config["PHOTO_DUPLICATE_DISTANCE"])
    if duplicates:
        slugs = ", ".join(other.slug for other in duplicates[:5])
        _flag(entry, FlagKind.DUPLICATE_PHOTO, _detail(FlagKind.DUPLICATE_PHOTO, slugs=slugs))
    window = timedelta(minutes=config["IP_BURST_MINUTES"])
    count = recent_from_same_network(entry, window)
    if count >= config["IP_BURST_COUNT"]:
        minutes = int(window.total_seconds() // 60)
        _flag(entry, FlagKind.IP_BURST, _detail(FlagKind.IP_BURST, count=count, minutes=minutes))
    db.session.flush()


def blocklist_detail(statement: str, language: str) -> str | None:
    """What a moderator reads about blocklisted words in a statement; None if there are none."""
    found = blocklist.matches(statement, language, current_app.config["MODERATION_BLOCKLIST_DIR"])
    return _detail(FlagKind.BLOCKLIST, words=", ".join(found))[:500] if found else None


def flag_statement(entry: Entry) -> None:
    """Flag the statement if it holds blocklisted words (again after an edit)."""
    detail = blocklist_detail(entry.statement, entry.language)
    entry.flags = [flag for flag in entry.flags if flag.kind is not FlagKind.BLOCKLIST]
    if detail:
        _flag(entry, FlagKind.BLOCKLIST, detail)
    db.session.flush()


def _detail(kind: FlagKind, **values) -> str:
    return DETAIL_FORMATS[kind].format(**values)


def _flag(entry: Entry, kind: FlagKind, detail: str) -> None:
    entry.flags.append(EntryFlag(kind=kind, detail=detail[:500]))
