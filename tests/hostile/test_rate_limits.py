"""Too many submissions from one address: a friendly 429 with Retry-After, nothing stored."""

import re
import secrets

import pytest

from tests.factories import submit
from tests.hostile.messages import human_message


@pytest.fixture
def settings():
    return {
        "RATELIMIT_ENABLED": True,
        "SUBMIT_RATE_LIMIT": "2 per hour",
        "API_RATE_LIMIT": "3 per minute",
        "WALL_SEARCH_RATE_LIMIT": "3 per minute",
        # Each test counts on its own: the limiter object is shared by every app in a run.
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_KEY_PREFIX": secrets.token_hex(4),
    }


def test_submissions_over_the_limit_get_a_friendly_429(app, client, db, uploads):
    assert submit(client).status_code == 303
    assert submit(client).status_code == 303
    files_before = sorted(uploads.rglob("*"))
    response = submit(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "Slow down a little" in page
    assert human_message(page)
    assert re.fullmatch(r"\d+", response.headers["Retry-After"])
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    assert sorted(uploads.rglob("*")) == files_before, "the refused photo was not stored"


def test_reading_the_form_is_not_limited(client):
    for _ in range(5):
        assert client.get("/join").status_code == 200


def test_another_address_is_not_affected(client):
    submit(client)
    submit(client)
    other = {"REMOTE_ADDR": "203.0.113.7"}
    assert client.get("/join", environ_base=other).status_code == 200


def test_every_api_route_is_limited(app, client):
    api = [rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")]
    if not api:
        pytest.skip("no /api/ route yet")
    for url in api:
        if "<" in url:
            continue
        # The full limit, not half of it: a route limited twice (its own decorator and the
        # blanket /api/ limit) counted each request twice.
        statuses = [client.get(url).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429], url
        response = client.get(url)
        assert response.is_json
        assert response.get_json()["message"]
        assert "Retry-After" in response.headers


def test_wall_searches_are_limited_per_address_over_every_surface(client):
    searches = ["/wall?q=piano", "/wall/slice?q=piano", "/embed/wall?q=piano"]
    assert [client.get(url).status_code for url in searches] == [200, 200, 200]
    response = client.get("/wall.atom?q=violin")
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    page = client.get("/wall?q=piano")
    assert page.status_code == 429
    assert human_message(page.get_data(as_text=True))
    # Browsing without a search is not limited, nor is another address's search.
    assert client.get("/wall").status_code == 200
    assert client.get("/wall?q=", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 200
    other = {"REMOTE_ADDR": "203.0.113.7"}
    assert client.get("/api/entries?q=piano", environ_base=other).status_code == 200
