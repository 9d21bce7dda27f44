"""/cities: city editions and directory cities ranked by participation, with their cards."""

import re

import pytest

from campaign.models import EntryStatus
from tests.factories import city_id, make_city, make_edition, make_entry

A = EntryStatus.APPROVED


def _places(html: str) -> list[str]:
    return re.findall(r'<h2 id="place-[ec]\d+">\s*<a href="[^"]*">([^<]+)</a>', html)


def _figures(html: str, name: str) -> list[str]:
    block = html.split(f">{name}</a>", 1)[1].split("</dl>", 1)[0]
    return re.findall(r"<dd>([^<]+)</dd>", block)


@pytest.fixture
def network(app):
    """Espoo's edition (3 public entries, one invited from Sweden), Tampere's (1), and the
    directory city Vantaa with 2 entries on the global site; pending entries everywhere."""
    espoo = make_edition(app, "espoo", names={"en": "Espoo learns"})
    tampere = make_edition(app, "tampere", city=("Tampere", "FI"), names={"en": "Tampere"})
    vantaa = make_city(app, "Vantaa")
    espoo_city = city_id(app, "Espoo")
    inviter = make_entry(app, A, edition_id=espoo, name="Aino Inviter", city_id=espoo_city)
    make_entry(app, A, edition_id=espoo, name="Eero Espoo")
    # Joined on the global site from Stockholm through Aino's link: invited by Espoo.
    make_entry(
        app, A, name="Sven Invited", country_code="SE", city="Stockholm", invited_by_id=inviter
    )
    # Joined on the global site naming Espoo: Espoo's edition counts them too.
    make_entry(app, A, name="Liisa Global", city_id=espoo_city)
    make_entry(app, A, edition_id=tampere, name="Tuomas Tampere", city="Tampere")
    make_entry(app, A, name="Ville Vantaa", city="Vantaa", city_id=vantaa)
    make_entry(app, A, name="Vera Vantaa", city="Vantaa", city_id=vantaa)
    make_entry(app, edition_id=tampere, name="Pending Person", city="Tampere")
    make_entry(app, EntryStatus.REJECTED, edition_id=tampere, name="Rejected Person")
    return {"espoo": espoo, "tampere": tampere}


def test_cities_are_ranked_by_participation_with_their_latest_cards(client, network):
    response = client.get("/cities")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _places(html) == ["Espoo learns", "Vantaa", "Tampere"]
    # Entries, people invited, countries reached.
    assert _figures(html, "Espoo learns") == ["3", "1", "2"]
    assert _figures(html, "Vantaa") == ["2", "0", "1"]
    assert _figures(html, "Tampere") == ["1", "0", "1"]
    assert 'href="/c/espoo/"' in html
    assert "/wall?city=Vantaa" in html
    for name in ("Aino Inviter", "Eero Espoo", "Tuomas Tampere", "Ville Vantaa"):
        assert name in html
    # Only public entries are counted or shown.
    assert "Pending Person" not in html
    assert "Rejected Person" not in html


def test_cities_page_without_entries_invites_people_to_join(client):
    html = client.get("/cities").get_data(as_text=True)
    assert "No city has public entries yet." in html
    assert 'href="/join"' in html


@pytest.mark.parametrize("settings", [{"WALL_PAGE_CACHE_SECONDS": 5}])
def test_cities_page_is_micro_cached_like_the_wall(app, client, network):
    first = client.get("/cities")
    assert first.headers["Cache-Control"].startswith("public, max-age=5")
    make_entry(app, A, edition_id=network["tampere"], name="Newcomer Tampere", city="Tampere")
    # Served from the copy for those few seconds, like the wall.
    assert "Newcomer Tampere" not in client.get("/cities").get_data(as_text=True)


def test_cities_page_speaks_the_visitors_language(client, network):
    client.set_cookie("lang", "fr", domain="campaign.test")
    html = client.get("/cities").get_data(as_text=True)
    assert "Personnes invitées" in html
    client.set_cookie("lang", "ar", domain="campaign.test")
    html = client.get("/cities").get_data(as_text=True)
    assert 'dir="rtl"' in html
    assert "الدعوات" in html or "المدعوون" in html
