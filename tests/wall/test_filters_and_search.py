"""Filters that combine and live in the URL; search in all five languages."""

import pytest

from campaign.models import EntryKind
from tests.pages import page


def slugs(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return {item["slug"] for item in response.get_json()["entries"]}


@pytest.fixture
def people(make_entry):
    return {
        "aino": make_entry(name="Aino", city="Espoo", country_code="FI", language="en"),
        "marie": make_entry(name="Marie", city="Lyon", country_code="FR", language="fr"),
        "mayor": make_entry(
            name="Jean Dupont",
            title="Maire de Lyon",
            city="Lyon",
            country_code="FR",
            language="fr",
            kind=EntryKind.OFFICIAL,
        ),
        "star": make_entry(name="Sofia", city="Espoo", country_code="FI", featured=True),
        "lowercase": make_entry(name="Pekka", city="espoo", country_code="FI"),
    }


def test_filters_combine(app, people):
    client = app.test_client()
    p = {name: entry.slug for name, entry in people.items()}
    assert slugs(client, "/api/entries?country=FR") == {p["marie"], p["mayor"]}
    assert slugs(client, "/api/entries?country=FR&kind=official") == {p["mayor"]}
    assert slugs(client, "/api/entries?country=fr&kind=learner&language=fr") == {p["marie"]}
    assert slugs(client, "/api/entries?featured=1") == {p["star"]}
    assert slugs(client, "/api/entries?country=FI&featured=1") == {p["star"]}
    assert slugs(client, "/api/entries?language=fr&city=Espoo") == set()


def test_city_filter_matches_every_capitalisation(app, people):
    client = app.test_client()
    expected = {people[n].slug for n in ("aino", "star", "lowercase")}
    assert slugs(client, "/api/entries?city=ESPOO") == expected
    assert slugs(client, "/embed/wall?city=espoo".replace("/embed/wall", "/api/entries")) == (
        expected
    )
    embed = page(client, "/embed/wall?city=Espoo")
    assert set(embed.cards) == expected


def test_the_filter_form_reflects_the_url_so_a_view_can_be_shared(app, people):
    html = app.test_client().get("/wall?country=FR&kind=official&q=lyon").get_data(as_text=True)
    assert '<option value="FR" selected>' in html
    assert '<option value="official" selected>' in html
    assert 'name="q" value="lyon"' in html
    assert "Clear filters" in html
    assert page(app.test_client(), "/wall?country=FR&kind=official").cards == [people["mayor"].slug]


def test_officials_are_marked_verified(app, people):
    client = app.test_client()
    html = client.get("/wall?kind=official").get_data(as_text=True)
    assert "badge-verified" in html
    assert "Maire de Lyon" in html
    assert "badge-verified" not in client.get("/wall?kind=learner").get_data(as_text=True)
    item = client.get("/api/entries?kind=official").get_json()["entries"][0]
    assert item["verified"] is True
    assert item["kind"] == "official"


@pytest.mark.parametrize(
    "url",
    [
        "/wall?country=XX",
        "/wall?country=France",
        "/wall?language=de",
        "/wall?kind=robot",
        "/wall?featured=maybe",
        "/wall?q=" + "a" * 101,
        "/wall?city=" + "b" * 121,
    ],
)
def test_impossible_filters_get_a_400_with_a_message(app, url):
    response = app.test_client().get(url)
    assert response.status_code == 400
    assert "This link does not work" in response.get_data(as_text=True)
    api = app.test_client().get(url.replace("/wall", "/api/entries"))
    assert api.status_code == 400
    assert api.get_json()["message"]


SEARCHES = {
    # language: (statement stored, what a reader types)
    "en": ("Gardening taught me patience and botany.", "garden"),
    "fr": ("J'ai repris l'école à cinquante ans.", "ecole"),
    "es": ("Aprendo con mi niño cada día.", "NIÑO"),
    "ar": ("أتعلم كل يوم والتعلم يفتح الأبواب", "التعلم"),
    "zh": ("我每天都在学习新的东西。", "学习"),
}


@pytest.mark.parametrize("language", SEARCHES)
def test_search_finds_statements_in_every_language(app, make_entry, language):
    statement, query = SEARCHES[language]
    wanted = make_entry(language=language, statement=statement)
    for other_language, (other, _query) in SEARCHES.items():
        if other_language != language:
            make_entry(language=other_language, statement=other)
    client = app.test_client()
    assert slugs(client, f"/api/entries?q={query}") == {wanted.slug}
    assert page(client, f"/wall?q={query}").cards == [wanted.slug]


def test_search_is_accent_insensitive_both_ways(app, make_entry):
    accented = make_entry(statement="Mon école du soir", city="Besançon", country_code="FR")
    plain = make_entry(statement="Night school: ecole", city="Quebec", country_code="CA")
    client = app.test_client()
    assert slugs(client, "/api/entries?q=école") == {accented.slug, plain.slug}
    assert slugs(client, "/api/entries?q=besancon") == {accented.slug}
    assert slugs(client, "/api/entries?q=Québec") == {plain.slug}


def test_search_covers_names_and_cities_and_needs_every_word(app, make_entry):
    ana = make_entry(name="Ana Lima", city="Curitiba", country_code="BR", statement="books")
    make_entry(name="Ana Souza", city="Recife", country_code="BR", statement="music")
    client = app.test_client()
    assert slugs(client, "/api/entries?q=curitiba") == {ana.slug}
    assert slugs(client, "/api/entries?q=ana%20curit") == {ana.slug}
    assert len(slugs(client, "/api/entries?q=ana")) == 2


def test_search_combines_with_filters_and_pages(app, make_entry):
    for n in range(5):
        make_entry(statement=f"pottery class {n}", country_code="KE")
    make_entry(statement="pottery at home", country_code="FI")
    client = app.test_client()
    first = client.get("/api/entries?q=pottery&country=KE&limit=3").get_json()
    second = client.get(first["next"]).get_json()
    assert len(first["entries"]) + len(second["entries"]) == 5
    assert second["next"] is None


@pytest.mark.parametrize(
    "query", ['"', "AND OR NOT", "NEAR(a b)", "*", "a:*", "'); DROP TABLE entries;--", "%_"]
)
def test_search_syntax_in_a_query_is_just_text(app, make_entry, query):
    make_entry(statement="plain words")
    response = app.test_client().get("/api/entries", query_string={"q": query})
    assert response.status_code == 200
    assert app.test_client().get("/wall", query_string={"q": query}).status_code == 200


def test_an_edited_statement_is_found_by_its_new_words_only(app, db, make_entry):
    entry = make_entry(statement="I study astronomy")
    entry.statement = "I study calligraphy"
    db.session.commit()
    client = app.test_client()
    assert slugs(client, "/api/entries?q=calligraphy") == {entry.slug}
    assert slugs(client, "/api/entries?q=astronomy") == set()
    db.session.delete(entry)
    db.session.commit()
    assert slugs(client, "/api/entries?q=calligraphy") == set()
