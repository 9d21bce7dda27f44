"""What a wall card, a JSON item or a feed entry shows of an entry."""

from dataclasses import dataclass

from campaign.cards.formats import LANDSCAPE
from campaign.cards.render import THUMB_WIDTH
from campaign.countries import country_name
from campaign.languages import get_language
from campaign.models import Entry, EntryKind
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
    card_url: str | None

    thumb_width = THUMB_WIDTH
    thumb_height = THUMB_HEIGHT

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


def card(entry: Entry, locale: str) -> Card:
    """A wall card for a public entry, with names in the reader's language."""
    storage = get_storage()
    keys = entry.card_keys or {}
    return Card(
        slug=entry.slug,
        url=absolute_url_for("submissions.entry_page", slug=entry.slug),
        name=entry.name,
        title=entry.title,
        city=entry.city,
        country_code=entry.country_code,
        country=country_name(entry.country_code, locale),
        language=entry.language,
        direction=get_language(entry.language).direction,
        statement=entry.statement,
        excerpt=excerpt(entry.statement),
        verified=entry.kind is EntryKind.OFFICIAL,
        featured=entry.featured,
        created_at=entry.created_at.isoformat(),
        thumb_url=storage.url(keys["thumb"]) if "thumb" in keys else None,
        card_url=storage.url(keys["landscape"]) if "landscape" in keys else None,
    )
