"""'Download my data': a zip of everything stored about one entry, with a JSON describing it."""

import io
import json
import zipfile
from datetime import datetime

from sqlalchemy import select

from campaign.countries import country_name
from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import Entry, EntryFlag, ModerationEvent
from campaign.privacy.consent import consent_of
from campaign.storage import Storage

CARD_FILES = {
    "landscape": "The wide share card (1200×630), also the link preview image.",
    "square": "The square share card (1080×1080).",
    "story": "The story share card (1080×1920).",
    "thumb": "The small picture of your entry on the wall.",
}


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_zip(entry: Entry, storage: Storage) -> bytes:
    """The zip: data.json, the photo as stored (if still kept), the cards, the consent text."""
    described: list[dict] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if entry.has_photo:
            archive.writestr("photo.jpg", storage.read(entry.photo_key))
            described.append(
                {
                    "file": "photo.jpg",
                    "what": "Your photo as we store it: upright, re-encoded, without metadata. "
                    "It is never shown to the public.",
                }
            )
        for fmt, key in sorted(entry.card_keys.items()):
            name = f"cards/{fmt}.{key.rsplit('.', 1)[-1]}"
            archive.writestr(name, storage.read(key))
            described.append({"file": name, "what": CARD_FILES.get(fmt, "A share card.")})
        consent = consent_of(entry)
        if consent is not None:
            archive.writestr("consent/notice.html", consent.notice_html)
            described.append(
                {
                    "file": "consent/notice.html",
                    "what": "The privacy notice as it was when you accepted it.",
                }
            )
        described.insert(0, {"file": "data.json", "what": "This description and your data."})
        data = _data(entry, consent, described)
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def _data(entry: Entry, consent, files: list[dict]) -> dict:
    return {
        "about": "Everything the #ImALifelongLearner campaign stores about your entry.",
        "exported_at": _time(utcnow()),
        "entry": {
            "slug": entry.slug,
            "kind": entry.kind.value,
            "name": entry.name,
            "title": entry.title,
            "city": entry.city,
            "country_code": entry.country_code,
            "country": country_name(entry.country_code, "en"),
            "language": entry.language,
            "statement": entry.statement,
            "focal_point": {"x": entry.focal_x, "y": entry.focal_y},
            "status": entry.status.value,
            "featured": entry.featured,
            "created_at": _time(entry.created_at),
            "updated_at": _time(entry.updated_at),
            "published_at": _time(entry.published_at),
            "invited_by": entry.invited_by.slug if entry.invited_by is not None else None,
            "photo_kept": entry.has_photo,
            "network_address_hash_kept": entry.ip_hash is not None,
            # The address given for the approval notice, kept only until it is sent.
            "approval_notice_email": entry.notify_email,
            "approval_notice_sent_at": _time(entry.notified_at),
        },
        "consent": {
            "version": entry.consent_version,
            "accepted_at": _time(entry.consent_at),
            "language": entry.consent_language,
            "text": consent.consent_text if consent is not None else None,
        },
        "moderation": [
            {
                "at": _time(event.at),
                "action": event.action.value,
                "reason": event.reason,
                "from_status": event.from_status.value if event.from_status else None,
                "to_status": event.to_status.value if event.to_status else None,
            }
            for event in db.session.scalars(
                select(ModerationEvent)
                .where(ModerationEvent.entry_id == entry.id)
                .order_by(ModerationEvent.id)
            )
        ],
        # Every edit of the statement since it was first shown: both versions and what
        # became of it (waiting, published, approved, rejected, withdrawn, applied).
        "statement_edits": [
            {
                "at": _time(revision.created_at),
                "before": revision.previous_statement,
                "after": revision.statement,
                "state": revision.state.value,
                "decided_at": _time(revision.decided_at),
            }
            for revision in entry.revisions
        ],
        "automatic_flags": [
            {"kind": flag.kind.value, "at": _time(flag.created_at)}
            for flag in db.session.scalars(
                select(EntryFlag).where(EntryFlag.entry_id == entry.id).order_by(EntryFlag.id)
            )
        ],
        "files": files,
    }
