"""Finding an entry in the queue as a moderator does when someone writes in about it: by a
word of the name, city or statement (any script), or by the entry's address or slug."""

import re

import pytest

from campaign.models import Role
from tests.factories import act, find_entry, make_edition, make_user, sign_in, submit


@pytest.fixture
def entries(app):
    submit(app.test_client(), name="Aino Virtanen", city="Espoo", statement="maps and bridges.")
    submit(app.test_client(), name="Layla Haddad", city="Tunis", language="ar",
           statement="التعلم يفتح لي أبوابا جديدة.")  # fmt: skip
    submit(app.test_client(), name="Kofi Mensah", city="Accra", statement="every bus ride.")
    return {name: find_entry(app, name=name) for name in ("Aino Virtanen", "Layla Haddad")}


def names_on(client, url: str) -> list[str]:
    page = client.get(url).get_data(as_text=True)
    return [name for name in ("Aino Virtanen", "Layla Haddad", "Kofi Mensah") if name in page]


def test_a_word_of_the_name_city_or_statement_finds_the_entry(app, moderator, entries):
    assert names_on(moderator, "/moderate?q=virtanen") == ["Aino Virtanen"]
    assert names_on(moderator, "/moderate?q=Tunis") == ["Layla Haddad"]
    assert names_on(moderator, "/moderate?q=bridg") == ["Aino Virtanen"]  # as typed so far
    assert names_on(moderator, "/moderate?q=أبوابا") == ["Layla Haddad"]
    assert names_on(moderator, "/moderate?q=nobody+here") == []
    # The words stay in the box, and in the tabs' links.
    page = moderator.get("/moderate?q=virtanen").get_data(as_text=True)
    assert 'name="q" value="virtanen"' in page
    assert "status=all&amp;q=virtanen" in page or "q=virtanen&amp;status=all" in page


def test_an_entry_address_or_slug_pasted_from_a_message_finds_it(app, moderator, entries):
    slug = entries["Layla Haddad"].slug
    pasted = f"https://campaign.example/e/{slug}"
    assert names_on(moderator, f"/moderate?q={pasted}") == ["Layla Haddad"]
    assert names_on(moderator, f"/moderate?q=/c/espoo/e/{slug}") == ["Layla Haddad"]
    assert names_on(moderator, f"/moderate?q={slug}") == ["Layla Haddad"]


def test_a_city_moderator_finds_only_their_editions_entries(app, moderator, entries):
    edition_id = make_edition(app, "tampere", city=("Tampere", "FI"))
    submit(app.test_client(), path="/c/tampere/join", name="Aino Korhonen")
    make_user(app, "cm@tampere.example", Role.CITY_MODERATOR, edition_id=edition_id)
    city_moderator = app.test_client()
    assert sign_in(city_moderator, "cm@tampere.example").status_code == 303
    page = city_moderator.get("/moderate?q=aino").get_data(as_text=True)
    assert "Aino Korhonen" in page
    assert "Aino Virtanen" not in page


def test_a_search_that_finds_nothing_in_its_tab_points_to_the_others(app, moderator, entries):
    aino = entries["Aino Virtanen"]
    assert act(moderator, aino.id, "approve").status_code == 303

    page = moderator.get("/moderate?status=pending&q=virtanen").get_data(as_text=True)
    assert "Nothing here." in page
    assert "The queue is clear." not in page  # it is not: the search narrowed it
    link = re.search(r'<a href="([^"]+)">1 entry matches in another tab.</a>', page)
    assert link
    assert names_on(moderator, link.group(1).replace("&amp;", "&")) == ["Aino Virtanen"]

    # With no search and nothing waiting, the queue is clear indeed.
    for entry in entries.values():
        act(moderator, entry.id, "approve")
    act(moderator, find_entry(app, name="Kofi Mensah").id, "approve")
    assert "The queue is clear." in moderator.get("/moderate").get_data(as_text=True)
