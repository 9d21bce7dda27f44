"""Cities as people type them: suggestions from the directory, and entries linked to it."""

import re

import pytest

from campaign.cities.directory import match_city, name_key
from campaign.extensions import db as _db
from campaign.models import Entry
from tests.factories import city_id, manage_token, submit


@pytest.mark.parametrize(
    ("typed", "directory"),
    [
        ("evry courcouronnes", "Évry-Courcouronnes"),
        ("ÉVRY – COURCOURONNES", "Évry-Courcouronnes"),
        ("izmir", "İzmir"),
        ("  sao   paulo ", "São Paulo"),
        ("MEDELLIN", "Medellín"),
    ],
)
def test_names_compare_without_case_accents_or_punctuation(typed, directory):
    assert name_key(typed) == name_key(directory)


def test_a_city_matches_only_in_its_own_country(app, starter_cities):
    with app.app_context():
        assert match_city("santiago", "CL").name == "Santiago"
        assert match_city("Santiago", "ES") is None
        assert match_city("", "CL") is None


def suggestions(client, query: str, **headers) -> list[dict]:
    response = client.get("/api/cities", query_string={"q": query}, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()["cities"]


def test_autocomplete_suggests_cities_that_start_like_the_typed_text(client, starter_cities):
    found = suggestions(client, "esp")
    assert [city["name"] for city in found] == ["Espoo"]
    assert found[0] == {
        "id": found[0]["id"],
        "name": "Espoo",
        "country_code": "FI",
        "country": "Finland",
        "region": "Uusimaa",
        "label": "Espoo, Finland",
    }


def test_autocomplete_ignores_accents_and_case(client, starter_cities):
    assert [city["name"] for city in suggestions(client, "EVRY")] == ["Évry-Courcouronnes"]
    assert [city["name"] for city in suggestions(client, "medel")] == ["Medellín"]
    assert [city["name"] for city in suggestions(client, "izm")] == ["İzmir"]


def test_autocomplete_puts_names_starting_with_the_text_first(client, starter_cities):
    names = [city["name"] for city in suggestions(client, "san")]
    assert names[:3] == ["San José", "Santiago", "São Paulo"] or names[:2] == [
        "San José",
        "Santiago",
    ]
    assert set(names) >= {"San José", "Santiago"}


def test_autocomplete_finds_the_cities_of_a_country_in_the_readers_language(client, starter_cities):
    korean = [city["name"] for city in suggestions(client, "corée", **{"Accept-Language": "fr"})]
    assert sorted(korean) == ["Icheon", "Yeonsu"]
    [espoo] = suggestions(client, "espoo", **{"Accept-Language": "fr"})
    assert espoo["country"] == "Finlande"
    [shanghai] = suggestions(client, "shang", **{"Accept-Language": "zh"})
    assert shanghai["country"] == "中国"


def test_autocomplete_returns_at_most_eight_and_nothing_for_empty_text(client, starter_cities):
    assert len(suggestions(client, "a")) == 8
    assert suggestions(client, "") == []
    assert suggestions(client, "   ") == []
    assert suggestions(client, "zzz") == []
    assert suggestions(client, "x" * 5000) == []


def test_autocomplete_says_how_many_it_found_for_screen_readers(client, starter_cities):
    data = client.get("/api/cities?q=dub").get_json()
    assert data["message"].startswith("1 learning city found")
    data = client.get("/api/cities?q=qqq").get_json()
    assert "still type your city" in data["message"]


def test_join_form_offers_the_autocomplete_and_works_without_it(client):
    html = client.get("/join").get_data(as_text=True)
    assert "data-city-autocomplete" in html
    assert 'data-country-field="country"' in html
    assert 'type="module" src="/static/js/city-autocomplete.js' in html
    assert 'data-suggest-url="/api/cities"' in html
    # The page links the combobox's look itself; the script injects no stylesheet.
    assert "css/combobox.css" in html
    # Without JavaScript it is a plain text field: any city can be typed.
    assert re.search(r'<input[^>]*id="city"[^>]*type="text"', html)


def _entry(app, response) -> Entry:
    token = manage_token(response)
    from campaign.tokens import find_by_token

    with app.app_context():
        entry = find_by_token(token)
        _db.session.expunge(entry)
        return entry


def test_a_typed_directory_city_links_the_entry_to_it(app, client, starter_cities):
    response = submit(client, city="  évry courcouronnes ", country="FR")
    assert response.status_code == 303
    entry = _entry(app, response)
    assert entry.city_id == city_id(app, "Évry-Courcouronnes")
    assert entry.city == "évry courcouronnes"  # the person's own words stay


def test_a_city_outside_the_directory_is_kept_as_typed_and_left_to_map(
    app, client, starter_cities, admin_client
):
    response = submit(client, city="Tampere", country="FI")
    assert response.status_code == 303
    entry = _entry(app, response)
    assert entry.city == "Tampere"
    assert entry.city_id is None
    # A city of the directory typed with the wrong country is not matched either.
    assert _entry(app, submit(client, city="Espoo", country="SE")).city_id is None

    page = admin_client.get("/moderate/cities/unmapped").get_data(as_text=True)
    assert "Tampere" in page
