"""Invitations: the personal /join?via=<slug> link, who joined after whom, and how far it spread.

Nothing about an invitee is stored before they submit: the slug travels in the link and
in a hidden form field, and becomes `Entry.invited_by_id` only when the entry is created
and the inviter's entry is public.
"""

import re
from dataclasses import dataclass

from sqlalchemy import case, func, literal, literal_column, or_, select
from sqlalchemy.orm import aliased

from campaign.extensions import db
from campaign.models import Entry, public_entries
from campaign.sharing.links import ShareLink, hashtags_for, intent_links, shorten_for_x, x_budget
from campaign.sharing.texts import texts_for
from campaign.urls import absolute_url_for

SLUG_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


def public_inviter_id(slug: str | None) -> int | None:
    """The id of the public entry a `via` slug names, or None for anything else."""
    if not slug or not SLUG_PATTERN.match(slug):
        return None
    return db.session.scalar(public_entries(Entry.id).where(Entry.slug == slug))


def public_inviter(slug: str | None) -> Entry | None:
    """The public entry a `via` slug names (its card becomes the invitation's preview)."""
    entry_id = public_inviter_id(slug)
    return db.session.get(Entry, entry_id) if entry_id is not None else None


def invitation_url(entry: Entry) -> str:
    """The personal invitation link of an entry."""
    # Someone who joined through a city edition invites people to its join page.
    edition = entry.edition.slug if entry.edition is not None else None
    return absolute_url_for("submissions.join", via=entry.slug, edition_slug=edition)


def invitation_texts(entry: Entry) -> dict[str, str]:
    """Ready-made invitation texts in the entry's language: a short one for X, a long one."""
    texts = texts_for(entry.language)
    hashtag = hashtags_for(entry.language, entry.local_hashtag)
    return {
        "short": shorten_for_x(texts.invite_short, x_budget(hashtag)),
        "long": texts.invite_long,
        "subject": texts.invite_subject,
        "hashtag": hashtag,
    }


def invitation_links(entry: Entry) -> list[ShareLink]:
    """Links that send the invitation through each network, with its own texts."""
    texts = invitation_texts(entry)
    return intent_links(
        invitation_url(entry),
        text=texts["long"],
        x_text=texts["short"],
        hashtag=texts["hashtag"],
        subject=texts["subject"],
    )


def joined_after_count(entry: Entry) -> int:
    """How many public entries were invited by this one."""
    return db.session.scalar(
        public_entries(func.count(Entry.id)).where(Entry.invited_by_id == entry.id)
    )


@dataclass(frozen=True)
class Spread:
    """How far invitations that started in one place went."""

    place: str  # a city ("Espoo, FI") or a country code ("FI")
    chains: int  # public entries in this place whose invitations led to at least one join
    joined: int  # people who joined through those chains, at any depth
    deepest: int  # the longest chain: 1 = a friend joined, 2 = a friend of a friend, ...
    places_reached: int  # other places (of the same kind) the chains reached


def invitation_spread(by: str = "country") -> list[Spread]:
    """Invitation chains per place, the place being where each chain started.

    `by` is "country" or "city". Only public entries count: a chain stops at an entry that
    is not (or no longer) public, and a public entry invited by one that is not starts its
    own chain. Call it from any view (the stats page does) or shell.
    """
    if by not in {"country", "city"}:
        raise ValueError("by must be 'country' or 'city'")
    public = public_entries(Entry.id, Entry.invited_by_id, Entry.city, Entry.country_code)
    public = public.cte("public_entries")
    inviter = aliased(public)
    # A root is a public entry whose inviter is missing or not public.
    roots = (
        select(
            public.c.id,
            public.c.id.label("root_id"),
            literal(0).label("depth"),
        )
        .select_from(public)
        .outerjoin(inviter, inviter.c.id == public.c.invited_by_id)
        .where(inviter.c.id.is_(None))
    )
    chain = roots.cte("chain", recursive=True)
    child = aliased(public)
    chain = chain.union_all(
        select(child.c.id, chain.c.root_id, chain.c.depth + 1).join(
            chain, child.c.invited_by_id == chain.c.id
        )
    )
    root = aliased(public)
    member = aliased(public)
    # Group by plain columns (PostgreSQL cannot match a GROUP BY expression holding bound
    # parameters); the place's label is made in Python.
    keys = [root.c.country_code] if by == "country" else [root.c.city, root.c.country_code]
    elsewhere = member.c.country_code != root.c.country_code
    member_place = member.c.country_code
    if by == "city":
        elsewhere = or_(elsewhere, member.c.city != root.c.city)
        member_place = member.c.city + literal_column("'|'") + member.c.country_code
    rows = db.session.execute(
        select(
            *keys,
            func.count(func.distinct(chain.c.root_id)).label("chains"),
            func.count(chain.c.id).label("joined"),
            func.max(chain.c.depth).label("deepest"),
            func.count(func.distinct(case((elsewhere, member_place)))).label("places"),
        )
        .select_from(chain)
        .join(root, root.c.id == chain.c.root_id)
        .join(member, member.c.id == chain.c.id)
        .where(chain.c.depth > 0)
        .group_by(*keys)
    ).all()
    spread = [
        Spread(
            place=row.country_code if by == "country" else f"{row.city}, {row.country_code}",
            chains=row.chains,
            joined=row.joined,
            deepest=row.deepest,
            places_reached=row.places,
        )
        for row in rows
    ]
    return sorted(spread, key=lambda item: (-item.joined, item.place))
