"""Whatever someone types into the search, on every surface that searches: an answer, never a 500.

unaccent() turns some letters into punctuation (ʻ → ', ː → :, ⑴ → (1), ŉ → 'n) that
to_tsquery once read as syntax; Hypothesis tries those and arbitrary Unicode besides.
"""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

SURFACES = ["/wall", "/wall/slice", "/embed/wall", "/wall.atom", "/api/entries"]
# Characters that mean something to tsquery or FTS5 syntax, and letters unaccent() turns into
# such characters.
TRICKY = list("ʻʼːˈ⑴⑵ŉ①²½'\"\\:*&|!()<>-+^~\x00\t ") + ["AND", "OR", "NOT", "NEAR"]
queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from([*TRICKY, "aiea", "piano", "é"]), max_size=12).map("".join),
)


@pytest.fixture
def searchable(app, make_entry):
    make_entry(name="ʻAiea Kealoha", city="ʻAiea", statement="I learn the piano at sixty ⑴.")
    make_entry(name="Zoë", city="Köln", statement="l'école du soir, ŉ and ː too")
    return app.test_client()


@pytest.mark.parametrize("query", ["ʻAiea", "ʼ", "ː", "⑴", "ŉ", "piano ʻAiea", "a\\", "'"])
def test_letters_that_unaccent_makes_punctuation_search_normally(searchable, query):
    for surface in SURFACES:
        response = searchable.get(surface, query_string={"q": query})
        assert response.status_code == 200, f"{surface}?q={query!r}"


def test_the_hawaiian_okina_finds_the_place(searchable):
    body = searchable.get("/api/entries", query_string={"q": "ʻAiea"}).get_json()
    assert [entry["name"] for entry in body["entries"]] == ["ʻAiea Kealoha"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries, surface=st.sampled_from(SURFACES))
@example(query="\x00", surface="/wall")
@example(query="ʻAiea ːː ⑴ ŉ", surface="/api/entries")
def test_any_search_gets_an_answer(searchable, query, surface):
    response = searchable.get(surface, query_string={"q": query})
    assert response.status_code in (200, 400), f"{surface}?q={query!r}"
