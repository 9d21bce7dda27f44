"""What a wall card, a JSON item or a feed entry shows of an entry."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Protocol
from urllib.parse import quote

from campaign.cards.formats import LANDSCAPE, THUMB_WIDTH
from campaign.countries import country_name
from campaign.languages import get_language
from campaign.models import EntryKind
from campaign.storage import get_storage
from campaign.urls import absolute_url, absolute_url_for

THUMB_HEIGHT = round(LANDSCAPE.height * THUMB_WIDTH / LANDSCAPE.width)
EXCERPT_CHARS = 140


@dataclass(frozen=True)
class Card:
    slug: str
    url: str  # absolute: the entry page
    name: str
    title: str | None
    city: str
    country_code: str
    country: str
    language: str
    direction: str
    statement: str
    excerpt: str
    verified: bool
    featured: bool
    created_at: str
    thumb_url: str | None
    card_key: str | None = field(default=None, repr=False)

    thumb_width = THUMB_WIDTH
    thumb_height = THUMB_HEIGHT

    @cached_property
    def card_url(self) -> str | None:
        """The landscape card's URL, built only where it is shown (feed, JSON), not per card."""
        return get_storage().url(self.card_key) if self.card_key else None

    def as_json(self) -> dict:
        """The card as the JSON API returns it (absolute URLs throughout)."""
        return {
            "slug": self.slug,
            "url": self.url,
            "kind": "official" if self.verified else "learner",
            "verified": self.verified,
            "featured": self.featured,
            "name": self.name,
            "title": self.title,
            "city": self.city,
            "country_code": self.country_code,
            "country": self.country,
            "language": self.language,
            "statement": self.statement,
            "created_at": self.created_at,
            "thumb": {
                "url": absolute(self.thumb_url),
                "width": THUMB_WIDTH,
                "height": THUMB_HEIGHT,
            }
            if self.thumb_url
            else None,
            "card": absolute(self.card_url) if self.card_url else None,
        }


def absolute(url: str) -> str:
    # Object storage hands out absolute URLs already; local files are paths on this site.
    return url if url.startswith(("https://", "http://")) else absolute_url(url)


def excerpt(statement: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a statement, cut at a word (where the script has words) with an ellipsis."""
    if len(statement) <= limit:
        return statement
    cut = statement[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:،") + "…"


class WallRow(Protocol):
    """What a card reads from an entry: an Entry, or a row of queries.CARD_COLUMNS."""

    slug: str
    name: str
    title: str | None
    city: str
    country_code: str
    language: str
    statement: str
    kind: EntryKind
    featured: bool
    card_keys: dict | None
    created_at: datetime


SLUG_MARKER = "0slug0"


class CardMaker:
    """Makes the cards of one page: what is the same for every card is worked out once.

    url_for costs tens of microseconds; a page of 24 cards used to call it 72 times. The
    entry page's URL is built once with a marker and the slug put in its place (slugs are
    URL-safe tokens; quote() keeps it right for anything else).
    """

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.storage = get_storage()
        url = absolute_url_for("submissions.entry_page", slug=SLUG_MARKER)
        self._before_slug, self._after_slug = url.rsplit(SLUG_MARKER, 1)

    def entry_url(self, slug: str) -> str:
        return self._before_slug + quote(slug, safe="") + self._after_slug

    def __call__(self, entry: WallRow) -> Card:
        keys = entry.card_keys or {}
        thumb = keys.get("thumb")
        return Card(
            slug=entry.slug,
            url=self.entry_url(entry.slug),
            name=entry.name,
            title=entry.title,
            city=entry.city,
            country_code=entry.country_code,
            country=country_name(entry.country_code, self.locale),
            language=entry.language,
            direction=get_language(entry.language).direction,
            statement=entry.statement,
            excerpt=excerpt(entry.statement),
            verified=entry.kind is EntryKind.OFFICIAL,
            featured=entry.featured,
            created_at=entry.created_at.isoformat(),
            thumb_url=self.storage.url(thumb) if thumb else None,
            card_key=keys.get("landscape"),
        )


def card(entry: WallRow, locale: str) -> Card:
    """A wall card for a public entry, with names in the reader's language."""
    return CardMaker(locale)(entry)
