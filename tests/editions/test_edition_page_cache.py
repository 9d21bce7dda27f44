"""An edition's pages behind the wall's micro-cache: a repeat visit costs no database query,
as on the global pages, and still answers in the edition's own languages and entries."""

import pytest
from sqlalchemy import event, select, update

from campaign.extensions import db as _db
from campaign.models import Edition, EntryStatus
from tests.factories import VANTAA, make_edition, make_entry
from tests.wall.test_page_cache import SECONDS, Clock

CACHED_EDITION_PAGES = [
    "/c/vantaa/",
    "/c/vantaa/wall",
    "/c/vantaa/wall/slice",
    "/c/vantaa/embed/wall",
]


@pytest.fixture
def settings():
    return {"WALL_CACHE_SECONDS": 0, "WALL_PAGE_CACHE_SECONDS": SECONDS}


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def vantaa(app):
    """An edition in English and French that opens in French, with one approved entry, next
    to an entry of the global site."""
    edition_id = make_edition(app, "vantaa", **VANTAA)
    make_entry(app, EntryStatus.APPROVED, name="Ville Vantaalainen", edition_id=edition_id)
    make_entry(app, EntryStatus.APPROVED, name="Ada Global")
    return edition_id


class StatementCounter:
    """The SQL statements the app's engine runs while counting."""

    def __init__(self, app):
        with app.app_context():
            self.engine = _db.engine
        self.statements: list[str] = []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self.statements

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, *args):
        self.statements.append(statement)


@pytest.mark.parametrize("url", CACHED_EDITION_PAGES)
def test_a_repeat_visit_to_an_edition_page_is_served_without_the_database(app, vantaa, clock, url):
    first = app.test_client().get(url)
    assert first.status_code == 200
    assert "Ville Vantaalainen" in first.get_data(as_text=True)

    clock.advance(SECONDS - 1)
    with StatementCounter(app) as statements:
        again = app.test_client().get(url)
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    assert again.headers["Age"] == str(SECONDS - 1)
    assert statements == [], "a fresh copy is served before the edition is looked up"


def test_cached_edition_pages_keep_their_language_and_their_entries(app, vantaa, clock):
    french = app.test_client().get("/c/vantaa/wall", headers={"Accept-Language": "zh"})
    english = app.test_client().get("/c/vantaa/wall", headers={"Accept-Language": "en"})
    global_wall = app.test_client().get("/wall", headers={"Accept-Language": "en"})
    clock.advance(1)
    for response, lang in [(french, "fr"), (english, "en")]:
        again = app.test_client().get(
            "/c/vantaa/wall", headers={"Accept-Language": "zh" if lang == "fr" else "en"}
        )
        html = again.get_data(as_text=True)
        assert again.get_data() == response.get_data()
        assert f'<html lang="{lang}"' in html
        assert "Ada Global" not in html
    # The global wall at the same address path is a copy of its own.
    global_again = app.test_client().get("/wall", headers={"Accept-Language": "en"})
    assert global_again.get_data() == global_wall.get_data()
    assert "Ada Global" in global_again.get_data(as_text=True)


def test_an_unknown_edition_stays_not_found_with_the_cache_on(app, vantaa, clock):
    for _ in range(2):
        assert app.test_client().get("/c/nowhere/wall").status_code == 404
        assert app.test_client().get("/c/nowhere/").status_code == 404


def test_an_edition_given_other_languages_shows_them_once_its_copies_expire(app, db, vantaa, clock):
    assert '<html lang="fr"' in app.test_client().get("/c/vantaa/wall").get_data(as_text=True)
    db.session.execute(
        update(Edition)
        .where(Edition.id == vantaa)
        .values(languages=["en", "es"], default_language="es")
    )
    db.session.commit()
    clock.advance(SECONDS - 1)
    assert '<html lang="fr"' in app.test_client().get("/c/vantaa/wall").get_data(as_text=True)
    clock.advance(1)
    html = app.test_client().get("/c/vantaa/wall").get_data(as_text=True)
    assert '<html lang="es"' in html
    assert db.session.scalar(select(Edition.default_language).where(Edition.id == vantaa)) == "es"
