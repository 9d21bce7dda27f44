"""Wall fixtures: entries made straight in the database, sharing one set of real card files."""

import itertools
import secrets
from datetime import timedelta

import pytest

from campaign import cards
from campaign.cards.samples import sample_content, sample_photo
from campaign.models import Entry, EntryStatus
from campaign.storage import get_storage
from tests import factories
from tests.factories import START


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
