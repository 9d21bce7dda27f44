"""Consent records: which wording of the consent and the notice a person accepted, and when.

The wording is identified by a hash of everything the person was shown (the consent and age
statements they ticked, and the notice in their language with its configured values), so any
change of a word, a retention period or the controller's name is a new version. Each version
is stored once in `consent_versions`; an entry keeps only the version, time and language.
"""

import hashlib

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import ConsentVersion, Entry
from campaign.privacy.notice import notice_html


def consent_version(language: str, consent_text: str, notice: str) -> str:
    """The version of this wording: 16 hex digits of its SHA-256."""
    digest = hashlib.sha256("\x00".join((language, consent_text, notice)).encode("utf-8"))
    return digest.hexdigest()[:16]


def current_version(language: str, statements: list[str]) -> str:
    """The version a person accepts now by ticking these statements on a page in `language`."""
    return consent_version(language, "\n".join(statements), str(notice_html(language)))


def record_consent(entry: Entry, *, language: str, statements: list[str]) -> ConsentVersion:
    """Note on the entry that its owner accepted these statements and the notice, now."""
    consent_text = "\n".join(statements)
    notice = str(notice_html(language))
    version = consent_version(language, consent_text, notice)
    values = {
        "version": version,
        "language": language,
        "consent_text": consent_text,
        "notice_html": notice,
        "first_accepted_at": utcnow(),
    }
    # Two workers may record a new wording at once: the second insert does nothing.
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.session.execute(insert(ConsentVersion).values(values).on_conflict_do_nothing())
    entry.consent_version = version
    entry.consent_at = utcnow()
    entry.consent_language = language
    db.session.flush()
    return db.session.get(ConsentVersion, version)


def consent_of(entry: Entry) -> ConsentVersion | None:
    """The wording an entry's owner accepted (None for entries older than consent records)."""
    if not entry.consent_version:
        return None
    return db.session.get(ConsentVersion, entry.consent_version)
