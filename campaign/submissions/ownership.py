"""Remembering, in the signed session, which entries this browser submitted."""

import hmac

from flask import session

from campaign.models import Entry
from campaign.tokens import hash_token

SESSION_KEY = "own_entries"
REMEMBERED = 20


def remember(entry: Entry, token: str) -> None:
    owned = dict(session.get(SESSION_KEY, {}))
    owned.pop(entry.slug, None)
    owned[entry.slug] = token
    session[SESSION_KEY] = dict(list(owned.items())[-REMEMBERED:])


def forget(slug: str) -> None:
    owned = dict(session.get(SESSION_KEY, {}))
    if owned.pop(slug, None) is not None:
        session[SESSION_KEY] = owned


def token_for(entry: Entry) -> str | None:
    """The manage token this browser holds for the entry, if it is the right one."""
    token = session.get(SESSION_KEY, {}).get(entry.slug)
    if token and hmac.compare_digest(hash_token(token), entry.manage_token_hash):
        return token
    return None
