"""Slugs and private manage tokens, and the entry a manage token opens."""

import hashlib
import secrets

from sqlalchemy import select

from campaign.extensions import db
from campaign.models import Entry


def new_slug() -> str:
    """A short, unguessable public identifier (64 random bits)."""
    return secrets.token_urlsafe(8)


def new_manage_token() -> str:
    """A long random secret that lets its holder edit or erase an entry (256 bits)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """What we store instead of the token; the token itself has enough entropy for SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_file_stem() -> str:
    return secrets.token_urlsafe(16)


def find_by_token(token: str) -> Entry | None:
    """The entry a manage token belongs to, if any."""
    if not token or len(token) > 100:
        return None
    return db.session.scalar(select(Entry).where(Entry.manage_token_hash == hash_token(token)))
