"""The wall's micro-cache: a page is kept a few seconds, per locale and per URL, never longer."""

import secrets

import pytest
import sqlalchemy as sa

from campaign import create_app
from campaign.extensions import db as _db
from campaign.models import Entry, EntryStatus
from campaign.wall import pagecache
from tests.needs import redis_or_missing
from tests.pages import Page

SECONDS = 5
SURFACES = ["/", "/wall", "/wall/slice", "/embed/wall", "/api/entries", "/wall.atom"]


@pytest.fixture
def settings():
    return {"WALL_CACHE_SECONDS": 0, "WALL_PAGE_CACHE_SECONDS": SECONDS}


class Clock:
    """The page cache's idea of now, moved by the test instead of waited for."""

    def __init__(self, monkeypatch):
        self.now = 1_800_000_000.0
        monkeypatch.setattr(pagecache.time, "time", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def set_status(db, entry: Entry, status: EntryStatus) -> None:
    db.session.execute(sa.update(Entry).where(Entry.id == entry.id).values(status=status))
    db.session.commit()


def body(client, url: str, **headers) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("url", SURFACES)
def test_a_rejected_entry_leaves_every_surface_within_the_cache_seconds(
    app, db, make_entry, clock, url
):
    entry = make_entry(name="Briefly Bea")
    client = app.test_client()
    assert entry.slug in body(client, url)

    set_status(db, entry, EntryStatus.REJECTED)
    clock.advance(SECONDS - 1)
    assert entry.slug in body(client, url)  # the cached copy, at most SECONDS old

    clock.advance(1)
    assert entry.slug not in body(client, url)


def test_cached_pages_say_how_long_others_may_keep_them(app, make_entry, clock):
    make_entry()
    client = app.test_client()
    first = client.get("/wall")
    assert first.headers["Cache-Control"] == f"public, max-age={SECONDS}, stale-if-error=600"
    assert {"Accept-Language", "Cookie"} <= set(first.vary)
    assert first.headers["Age"] == "0"
    clock.advance(3)
    again = client.get("/wall")
    assert again.get_data() == first.get_data()
    # A proxy honouring Age keeps it 2 more seconds, not 5: the bound holds end to end.
    assert again.headers["Age"] == "3"
    assert again.headers["Cache-Control"] == f"public, max-age={SECONDS}, stale-if-error=600"
    # The app's own headers still apply to a page served from the cache.
    assert "frame-ancestors 'none'" in again.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("Accept-Language", "fr", "Finlande"),
        ("Accept-Language", "ar", "فنلندا"),
        ("Accept-Language", "zh", "芬兰"),
        ("lang cookie", "es", "Finlandia"),
    ],
)
def test_each_locale_has_its_own_copy(app, make_entry, header, value, expected):
    make_entry(country_code="FI")
    english = body(app.test_client(), "/wall", **{"Accept-Language": "en"})
    assert "<bdi>Espoo</bdi>, Finland<" in english
    reader = app.test_client()
    if header == "lang cookie":
        reader.set_cookie("lang", value, domain="campaign.test")
        localized = body(reader, "/wall", **{"Accept-Language": "en"})
    else:
        localized = body(reader, "/wall", **{header: value})
    assert expected in localized
    assert "<bdi>Espoo</bdi>, Finland<" not in localized
    # And the English copy is still English after the other was stored.
    assert body(app.test_client(), "/wall", **{"Accept-Language": "en"}) == english


def test_the_lang_cookie_wins_over_accept_language_in_the_key(app, make_entry):
    make_entry(country_code="FI")
    assert "Finlande" in body(app.test_client(), "/wall", **{"Accept-Language": "fr"})
    reader = app.test_client()
    reader.set_cookie("lang", "zh", domain="campaign.test")
    html = body(reader, "/wall", **{"Accept-Language": "fr"})
    assert "芬兰" in html
    assert "Finlande" not in html


def test_each_query_has_its_own_copy(app, make_entry):
    finn = make_entry(name="Finn", country_code="FI")
    kenyan = make_entry(name="Wanjiru", country_code="KE")
    client = app.test_client()
    assert Page(body(client, "/wall?country=FI")).cards == [finn.slug]
    assert Page(body(client, "/wall?country=KE")).cards == [kenyan.slug]
    assert [e["slug"] for e in client.get("/api/entries?limit=1").json["entries"]] == [kenyan.slug]
    assert len(client.get("/api/entries?limit=2").json["entries"]) == 2
    # Arguments in another order are the same page; a repeated argument keeps its order
    # (the first one counts), so it is not confused with the other order.
    assert Page(body(client, "/wall?language=en&country=FI")).cards == [finn.slug]
    assert Page(body(client, "/wall?country=KE&country=FI")).cards == [kenyan.slug]
    assert Page(body(client, "/wall?country=FI&country=KE")).cards == [finn.slug]


def test_pages_by_cursor_are_cached_apart_and_stay_stable(app, make_entry):
    entries = [make_entry() for _ in range(30)]
    client = app.test_client()
    first = Page(body(client, "/wall"))
    second = Page(body(client, first.rel("next")))
    make_entry(name="Newcomer")  # arrives while someone reads
    assert Page(body(client, first.rel("next"))).cards == second.cards
    assert set(first.cards).isdisjoint(second.cards)
    assert set(first.cards) | set(second.cards) == {entry.slug for entry in entries}


def test_a_visitor_with_a_session_gets_a_fresh_private_page(app, db, make_entry):
    entry = make_entry()
    anonymous = app.test_client()
    assert entry.slug in body(anonymous, "/wall")
    set_status(db, entry, EntryStatus.UNPUBLISHED)

    with_session = app.test_client()
    with with_session.session_transaction() as session:
        session["owned"] = {}
    response = with_session.get("/wall")
    assert entry.slug not in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "private, no-cache"
    # What it rendered was not stored for others either.
    assert entry.slug in body(anonymous, "/wall")


def test_errors_are_not_cached(app, make_entry):
    make_entry()
    client = app.test_client()
    assert client.get("/wall?cursor=forged").status_code == 400
    response = client.get("/wall?cursor=forged")
    assert response.status_code == 400
    assert "public" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("settings", [{"WALL_PAGE_CACHE_SECONDS": 0}])
def test_zero_turns_the_page_cache_off(app, db, make_entry):
    entry = make_entry()
    client = app.test_client()
    first = client.get("/wall")
    assert entry.slug in first.get_data(as_text=True)
    assert first.headers["Cache-Control"] == "no-cache"
    set_status(db, entry, EntryStatus.REJECTED)
    assert entry.slug not in body(client, "/wall")


def test_workers_sharing_redis_share_pages_and_their_expiry(app, db, make_entry, clock):
    redis_url = redis_or_missing("redis://127.0.0.1:6379/14")
    config = {**app.config, "REDIS_URL": redis_url, "WALL_PAGE_CACHE_SECONDS": SECONDS}
    config.pop("SQLALCHEMY_ENGINE_OPTIONS", None)
    worker_a = create_app({**config, "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": sa.pool.NullPool}})
    worker_b = create_app({**config, "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": sa.pool.NullPool}})
    entry = make_entry()
    url = f"/wall?run={secrets.token_hex(8)}"  # a key no other run on this Redis uses
    try:
        assert entry.slug in body(worker_a.test_client(), url)
        set_status(db, entry, EntryStatus.REJECTED)
        # Worker B never rendered the page: it serves A's copy, as old as A's.
        clock.advance(2)
        response = worker_b.test_client().get(url)
        assert entry.slug in response.get_data(as_text=True)
        assert response.headers["Age"] == "2"
        clock.advance(SECONDS - 2)
        assert entry.slug not in body(worker_b.test_client(), url)
        assert entry.slug not in body(worker_a.test_client(), url)
    finally:
        for worker in (worker_a, worker_b):
            with worker.app_context():
                _db.engine.dispose()
