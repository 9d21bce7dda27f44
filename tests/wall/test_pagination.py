"""Featured first, then newest; cursor pages that hold still while new entries arrive."""

from datetime import timedelta

import pytest
from itsdangerous import URLSafeSerializer

from tests.factories import START
from tests.pages import page


def api_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def walk(client, url):
    """Every slug the API gives by following `next` links from url."""
    slugs = []
    while url:
        body = api_page(client, url)
        slugs += [item["slug"] for item in body["entries"]]
        url = body["next"]
    return slugs


def test_featured_entries_are_pinned_before_the_newest(app, make_entry):
    old_featured = make_entry(featured=True)
    plain = [make_entry() for _ in range(3)]
    client = app.test_client()
    assert page(client, "/wall").cards == [old_featured.slug] + [e.slug for e in reversed(plain)]
    items = api_page(client, "/api/entries")["entries"]
    assert [item["featured"] for item in items] == [True, False, False, False]


def test_cursor_pages_neither_repeat_nor_skip_while_new_entries_arrive(app, make_entry):
    entries = [make_entry(featured=(n % 7 == 0)) for n in range(10)]
    client = app.test_client()
    first = api_page(client, "/api/entries?limit=4")
    seen = [item["slug"] for item in first["entries"]]

    # Meanwhile, people keep joining (some with the very same timestamp).
    newcomers = [make_entry(created_at=START + timedelta(days=1)) for _ in range(3)]
    newcomers.append(make_entry(created_at=entries[-1].created_at))

    seen += walk(client, first["next"])
    expected = sorted(entries, key=lambda e: (e.featured, e.created_at, e.id), reverse=True)
    assert seen == [e.slug for e in expected]
    assert len(seen) == len(set(seen))
    fresh = walk(client, "/api/entries?limit=4")
    assert set(fresh) == {e.slug for e in entries + newcomers}


def test_previous_link_goes_back_to_the_page_before(app, make_entry):
    for _ in range(7):
        make_entry()
    client = app.test_client()
    first = api_page(client, "/api/entries?limit=3")
    second = api_page(client, first["next"])
    assert first["previous"] is None
    back = api_page(client, second["previous"])
    assert [i["slug"] for i in back["entries"]] == [i["slug"] for i in first["entries"]]
    assert back["previous"] is None
    assert back["next"] is not None


@pytest.mark.parametrize("query", ["", "&q=learning"])
def test_an_exact_multiple_of_the_page_size_has_no_link_to_an_empty_page(app, make_entry, query):
    # `has_next = len(rows) == limit` would pass every other test and fail here.
    for _ in range(6):
        make_entry()
    client = app.test_client()
    first = api_page(client, f"/api/entries?limit=3{query}")
    second = api_page(client, first["next"])
    assert len(second["entries"]) == 3
    assert second["next"] is None, "no link to an empty third page"
    back = api_page(client, second["previous"])
    assert back["entries"] == first["entries"]
    assert back["previous"] is None, "no link to an empty page before the first"


def test_html_wall_with_two_full_pages_has_no_third(app, make_entry):
    slugs = [make_entry().slug for _ in range(48)]
    client = app.test_client()
    first = page(client, "/wall")
    second = page(client, first.rel("next"))
    assert second.cards == list(reversed(slugs))[24:]
    assert second.rel("next") is None
    assert not any(a.get("data-load-more") for a in second.anchors)


def test_html_wall_has_plain_next_and_previous_links(app, make_entry):
    slugs = [make_entry().slug for _ in range(30)]
    client = app.test_client()
    first = page(client, "/wall")
    assert first.cards == list(reversed(slugs))[:24]
    assert first.rel("prev") is None
    second = page(client, first.rel("next"))
    assert second.cards == list(reversed(slugs))[24:]
    assert second.rel("next") is None
    assert page(client, second.rel("prev")).cards == first.cards


def test_load_more_slice_holds_the_next_cards_and_the_next_cursor(app, make_entry):
    slugs = [make_entry().slug for _ in range(30)]
    client = app.test_client()
    html = client.get("/wall").get_data(as_text=True)
    anchor = next(a for a in page(client, "/wall").anchors if a.get("data-load-more"))
    assert anchor["data-load-more"].startswith("/wall/slice?cursor=")
    fragment = client.get(anchor["data-load-more"]).get_data(as_text=True)
    assert "<html" not in fragment
    assert [s for s in reversed(slugs[:6]) if s in fragment] == list(reversed(slugs[:6]))
    assert 'data-next=""' in fragment
    assert "wall.js" in html


def test_filters_stay_in_the_page_links(app, make_entry):
    for _ in range(30):
        make_entry(country_code="KE", city="Nairobi", language="en")
    make_entry(country_code="FI")
    client = app.test_client()
    first = page(client, "/wall?country=KE&language=en")
    assert "country=KE" in first.rel("next")
    assert "language=en" in first.rel("next")
    second = page(client, first.rel("next"))
    assert len(first.cards) + len(second.cards) == 30


def forged_cursor(secret: str) -> str:
    return URLSafeSerializer(secret, salt="wall-cursor").dumps(
        [0, "2026-01-01T00:00:00+00:00", 5, 0]
    )


@pytest.mark.parametrize(
    "cursor",
    ["nonsense", "", "x" * 2000, "WzAsIjIwMjYiLDVd.bad-signature", "forged", "naive-date"],
)
def test_bad_cursor_gets_a_400_with_a_clear_message(app, make_entry, cursor):
    make_entry()
    client = app.test_client()
    if cursor == "forged":
        cursor = forged_cursor("someone-else's-secret")
    if cursor == "naive-date":
        cursor = URLSafeSerializer(app.config["SECRET_KEY"], salt="wall-cursor").dumps(
            [0, "2026-01-01T00:00:00", 5, 0]
        )
    if cursor == "":
        assert client.get("/wall?cursor=").status_code == 200  # no cursor: the first page
        return
    api = client.get(f"/api/entries?cursor={cursor}")
    assert api.status_code == 400
    assert "not valid" in api.get_json()["message"]
    for url in (f"/wall?cursor={cursor}", f"/embed/wall?cursor={cursor}"):
        html = client.get(url)
        assert html.status_code == 400
        assert "first page of the wall" in html.get_data(as_text=True)


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten"])
def test_api_limit_out_of_range_is_a_400(app, limit):
    response = app.test_client().get(f"/api/entries?limit={limit}")
    assert response.status_code == 400
    assert "limit" in response.get_json()["message"]
