"""Two city editions and the global site side by side: pages, joining, walls, share texts."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from campaign.models import Edition, Entry, EntryKind, EntryStatus
from campaign.sharing.links import X_LIMIT, x_post_length
from tests.factories import VANTAA, make_city, make_edition, make_entry, manage_token, submit

EDITION_PAGES = ["/", "/join", "/wall", "/embed/wall", "/stats", "/officials"]


@pytest.fixture
def settings():
    return {"WALL_CACHE_SECONDS": 0, "PUBLIC_BASE_URL": "https://learners.example.org"}


@pytest.fixture
def editions(app):
    """Espoo (with its hashtag) and Vantaa, next to the global site."""
    make_edition(app, "espoo", names={"en": "Espoo learns"}, hashtag="#EspooLearns")
    make_edition(app, "vantaa", **VANTAA, hashtag="#VantaaOppii")


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


@pytest.mark.parametrize("page", EDITION_PAGES)
def test_every_edition_page_answers_under_its_slug_and_links_stay_in_it(client, editions, page):
    response = client.get(f"/c/espoo{page}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    if page != "/embed/wall":
        assert "Espoo learns" in html
        hrefs = _hrefs(html)
        # Links to the other edition pages stay in the edition; others stay global.
        assert "/c/espoo/join" in hrefs
        assert "/join" not in hrefs
        assert "/c/espoo/wall" in hrefs
        assert "/wall" not in hrefs
        assert "/privacy" in hrefs
        assert "/cities" in hrefs, "the network of cities, in the footer"
        assert not any(href.startswith("/c/espoo/static") for href in hrefs)
    assert "Vantaa learns" not in html


@pytest.mark.parametrize(
    "path", ["/c/nowhere/", "/c/nowhere/join", "/c/espoo/moderate", "/c/espoo/privacy"]
)
def test_unknown_editions_and_other_pages_under_an_edition_are_not_found(client, editions, path):
    assert client.get(path).status_code == 404


def test_global_pages_stay_as_they_are(client, editions):
    html = client.get("/").get_data(as_text=True)
    assert "Espoo learns" not in html
    assert "/join" in _hrefs(html)


def test_an_edition_speaks_its_own_languages_and_opens_in_its_default(client, editions):
    # Vantaa offers English and French and opens in French; Chinese is not offered.
    page = client.get("/c/vantaa/", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert '<html lang="fr"' in page
    assert "Vantaa apprend" in page
    switcher = re.findall(r'hreflang="(\w+)"', page)
    assert switcher == ["en", "fr"]


def _entry(db, name: str) -> Entry:
    return db.session.scalar(select(Entry).where(Entry.name == name))


def test_an_entry_made_through_an_edition_belongs_to_it(app, db, client, editions):
    for path, name in [("/c/espoo/join", "Aino"), ("/c/vantaa/join", "Ville"), ("/join", "Ada")]:
        assert submit(client, path=path, name=name).status_code == 303
    espoo, vantaa = (
        db.session.scalar(select(Edition).where(Edition.slug == s)) for s in ("espoo", "vantaa")
    )
    assert _entry(db, "Aino").edition_id == espoo.id
    assert _entry(db, "Ville").edition_id == vantaa.id
    assert _entry(db, "Ada").edition_id is None


def test_entries_land_on_their_edition_wall_and_on_the_global_wall(app, db, client, editions):
    ids = {
        slug: db.session.scalar(select(Edition.id).where(Edition.slug == slug))
        for slug in ("espoo", "vantaa")
    }
    make_entry(app, EntryStatus.APPROVED, name="Aino", edition_id=ids["espoo"])
    make_entry(app, EntryStatus.APPROVED, name="Ville", edition_id=ids["vantaa"])
    make_entry(app, EntryStatus.APPROVED, name="Ada")
    make_entry(app, EntryStatus.PENDING, name="Pending Pirkko", edition_id=ids["espoo"])

    def names(url: str) -> set[str]:
        html = client.get(url).get_data(as_text=True)
        return {name for name in ("Aino", "Ville", "Ada", "Pending Pirkko") if name in html}

    assert names("/c/espoo/wall") == {"Aino"}
    assert names("/c/vantaa/wall") == {"Ville"}
    assert names("/c/espoo/") == {"Aino"}
    assert names("/wall") == {"Aino", "Ville", "Ada"}
    # The global wall's edition filter, and the edition arguments an edition wall ignores.
    assert names("/wall?edition=espoo") == {"Aino"}
    assert names("/c/vantaa/wall?edition=espoo") == {"Ville"}
    assert client.get("/wall?edition=nowhere").status_code == 400
    assert 'value="espoo"' in client.get("/wall").get_data(as_text=True)


def test_an_editions_wall_counts_and_offers_its_own_entries(app, db, client, editions):
    espoo = db.session.scalar(select(Edition.id).where(Edition.slug == "espoo"))
    make_entry(app, EntryStatus.APPROVED, name="Aino", edition_id=espoo)
    make_entry(app, EntryStatus.APPROVED, name="Ada", city="Lyon", country_code="FR")
    make_entry(app, EntryStatus.APPROVED, name="Wanjiru", city="Nairobi", country_code="KE")

    def counted(url: str) -> str:
        html = " ".join(client.get(url).get_data(as_text=True).split())
        return re.search(r'<p class="wall-counters"> ?(.*?) ?</p>', html).group(1)

    assert counted("/c/espoo/wall") == "1 learner from 1 city in 1 country, in 1 language"
    assert counted("/c/espoo/embed/wall") == counted("/c/espoo/wall")
    assert counted("/wall") == "3 learners from 3 cities in 3 countries, in 1 language"

    def offered(url: str) -> tuple[list[str], list[str]]:
        html = client.get(url).get_data(as_text=True)
        select = html.split('id="wall-country"', 1)[1].split("</select>", 1)[0]
        cities = html.split('id="wall-cities"', 1)[1].split("</datalist>", 1)[0]
        return re.findall(r'value="(\w+)"', select), re.findall(r'value="([^"]+)"', cities)

    # Its filters offer its own countries and cities, not the whole campaign's.
    assert offered("/c/espoo/wall") == (["FI"], ["Espoo"])
    assert offered("/wall") == (["FI", "FR", "KE"], ["Espoo", "Lyon", "Nairobi"])


def test_share_texts_carry_both_hashtags_and_fit_on_x(app, db, client, editions):
    long_statement = "我每天都在学习新的东西，" * 30
    response = submit(
        client, path="/c/espoo/join", name="Aino", language="zh", statement=long_statement[:280]
    )
    token = manage_token(response)
    entry = _entry(db, "Aino")
    entry.status = EntryStatus.APPROVED
    db.session.commit()
    html = client.get(f"/m/{token}").get_data(as_text=True)
    assert "#我是一名终身学习者 #EspooLearns" in html
    x_link = re.search(r'href="(https://twitter.com/intent/tweet[^"]+)"', html).group(1)
    query = parse_qs(urlsplit(x_link.replace("&amp;", "&")).query)
    assert query["hashtags"] == ["我是一名终身学习者,EspooLearns"]
    # As X composes it: text, then the link, then each hashtag.
    post = f"{query['text'][0]} {query['url'][0]} #我是一名终身学习者 #EspooLearns"
    assert x_post_length(post) <= X_LIMIT
    # The global site's texts carry the campaign's hashtag only.
    global_token = manage_token(submit(client, name="Ada", language="zh"))
    assert "#EspooLearns" not in client.get(f"/m/{global_token}").get_data(as_text=True)


def test_absolute_urls_come_from_configuration(client, editions):
    html = client.get(
        "/c/espoo/", headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    ).get_data(as_text=True)
    assert "evil.example" not in html
    assert 'content="https://learners.example.org/c/espoo/"' in html


def test_an_edition_stats_page_counts_its_own_entries(app, db, client, editions):
    espoo = db.session.scalar(select(Edition.id).where(Edition.slug == "espoo"))
    make_entry(app, EntryStatus.APPROVED, name="Aino", edition_id=espoo, country_code="SE")
    make_entry(app, EntryStatus.APPROVED, name="Ada", country_code="PT")
    edition_page = client.get("/c/espoo/stats").get_data(as_text=True)
    assert "Sweden" in edition_page
    assert "Portugal" not in edition_page
    assert "Portugal" in client.get("/stats").get_data(as_text=True)


def test_an_edition_shows_the_officials_of_its_cities(app, db, client, editions):
    espoo_city, vantaa_city = make_city(app, "Espoo", "FI"), make_city(app, "Vantaa", "FI")
    official = {"kind": EntryKind.OFFICIAL, "title": "Mayor"}
    make_entry(app, EntryStatus.APPROVED, name="Mayor Mäkelä", city_id=espoo_city, **official)
    make_entry(app, EntryStatus.APPROVED, name="Mayor Virta", city_id=vantaa_city, **official)
    for path in ("/c/espoo/officials", "/c/espoo/"):
        page = client.get(path).get_data(as_text=True)
        assert "Mayor Mäkelä" in page
        assert "Mayor Virta" not in page
    assert "Mayor Virta" in client.get("/officials").get_data(as_text=True)
