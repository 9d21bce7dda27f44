"""Wall fixtures: entries made straight in the database, sharing one set of real card files."""

import itertools
import secrets
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest

from campaign import cards
from campaign.cards.samples import sample_content, sample_photo
from campaign.models import Entry, EntryStatus
from campaign.storage import get_storage
from tests import factories

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def settings():
    # Counters, statistics and pages are read fresh in every request, so a test sees its
    # changes (tests/wall/test_page_cache.py turns the page cache on for itself).
    return {"WALL_CACHE_SECONDS": 0, "WALL_PAGE_CACHE_SECONDS": 0}


@pytest.fixture(scope="session")
def rendered_cards() -> dict[str, bytes]:
    """One real set of cards (landscape, square, story JPEGs and the WebP thumb)."""
    return cards.render_all(sample_photo(), sample_content("en"))


@pytest.fixture
def make_entry(app, db, rendered_cards):
    """Add an entry (approved by default) through tests/factories.py, each one a minute newer
    than the last, all sharing one set of real cards; returns it in the test's session."""
    storage = get_storage()
    stem = secrets.token_urlsafe(8).replace("-", "x")
    keys = {}
    for fmt, data in rendered_cards.items():
        key = f"cards/{stem}-{fmt}.{'webp' if fmt == 'thumb' else 'jpg'}"
        storage.save(key, data)
        keys[fmt] = key
    counter = itertools.count()

    def make(status: EntryStatus = EntryStatus.APPROVED, **fields) -> Entry:
        n = next(counter)
        values = {
            "name": f"Learner {n}",
            "statement": f"statement number {n} about learning.",
            "photo_key": f"photos/{stem}.jpg",
            "card_keys": dict(keys),
            "created_at": START + timedelta(minutes=n),
            **fields,
        }
        return db.session.get(Entry, factories.make_entry(app, status, **values))

    return make


class Page(HTMLParser):
    """What a test reads from an HTML page: meta tags, links, images, cards."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []  # <link> elements
        self.anchors: list[dict] = []
        self.images: list[dict] = []
        self.cards: list[str] = []  # entry slugs, in page order
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "a":
            self.anchors.append(attrs)
            href = attrs.get("href") or ""
            if "/e/" in href:
                self.cards.append(href.rsplit("/e/", 1)[1])
        elif tag == "img":
            self.images.append(attrs)

    def rel(self, rel: str) -> str | None:
        for anchor in self.anchors:
            if anchor.get("rel") == rel:
                return anchor["href"]
        return None


def page(client, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return Page(response.get_data(as_text=True))
