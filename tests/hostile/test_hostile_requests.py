"""Wrong methods, forged or replayed forms and hostile addresses, on every route there is.

The routes come from the app's own URL map, so a route added later is covered without
editing this file; only the values for its URL parts may need a line in `url_values`.
"""

import re
import time

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select
from werkzeug.routing import AnyConverter

from campaign import create_app
from campaign.extensions import db
from campaign.models import Entry
from tests.factories import csrf_token, join_data, make_edition, manage_token, submit
from tests.hostile.messages import human_message

METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
# POST routes that need no CSRF token, each with the reason. Empty today: every form has one.
CSRF_EXEMPT: dict[str, str] = {}


@pytest.fixture
def entry_urls(app, client):
    """One real entry and a city edition, and a value for every URL part a route may have."""
    edition_id = make_edition(app, "espoo")
    response = submit(client)
    token = manage_token(response)
    with app.app_context():
        entry = db.session.scalars(select(Entry)).one()
    return {
        "token": token,
        "slug": entry.slug,
        "fmt": "landscape",
        "key": entry.card_keys["landscape"],
        "filename": "css/site.css",
        "photo": entry.photo_key,
        "edition_slug": "espoo",
        "edition_id": edition_id,
    }


def _routes(app, values: dict) -> dict[str, set[str]]:
    """Every URL the app answers, built with real values, and the methods it accepts."""
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for argument in rule.arguments:
            value = values.get(argument) or _first_choice(rule._converters[argument]) or "1"
            url = re.sub(rf"<(?:[^<>]+:)?{argument}>", str(value), url)
        routes.setdefault(url, set()).update(rule.methods or set())
    return routes


def _first_choice(converter) -> str | None:
    """For an any(...) URL part, its first allowed value."""
    if isinstance(converter, AnyConverter):
        return re.sub(r"\\(.)", r"\1", converter.regex.removeprefix("(?:").split("|")[0])
    return None


def test_every_route_answers_a_wrong_method_with_405_and_a_page(app, client, entry_urls):
    checked = 0
    for url, allowed in _routes(app, entry_urls).items():
        for method in sorted(METHODS - allowed):
            response = client.open(url, method=method)
            assert response.status_code == 405, f"{method} {url}"
            assert set(response.headers["Allow"].replace(" ", "").split(",")) >= allowed - {
                "OPTIONS"
            }
            if method != "HEAD":
                assert human_message(response.get_data(as_text=True)), f"{method} {url}"
            checked += 1
    assert checked >= 10
    assert submit(client).status_code == 303


def test_every_form_refuses_a_post_without_csrf_token(app, client, entry_urls):
    posted = []
    for url, allowed in _routes(app, entry_urls).items():
        if "POST" not in allowed or url in CSRF_EXEMPT:
            continue
        response = client.post(url, data={"statement": "x", "name": "x"})
        assert response.status_code == 400, url
        assert "form has expired" in response.get_data(as_text=True), url
        posted.append(url)
    assert "/join" in posted
    with app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == 1
    # Nothing was changed or erased by the forged posts.
    assert client.get(f"/m/{entry_urls['token']}").status_code == 200


def _join_with_token(client, token: str):
    data = join_data(client)
    data["csrf_token"] = token
    return client.post("/join", data=data, content_type="multipart/form-data")


def _other_browser(app):
    return app.test_client()


CSRF_REPLAYS = {
    "token from another browser's session": lambda app, client: csrf_token(_other_browser(app)),
    "token with one character changed": lambda app, client: _tampered(csrf_token(client)),
    "token signed by another installation": lambda app, client: _foreign_token(app),
    "empty token": lambda app, client: "",
    "garbage token": lambda app, client: "not-a-token" * 20,
}


def _tampered(token: str) -> str:
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]


def _foreign_token(app) -> str:
    other = create_app({**app.config, "SECRET_KEY": "another-installation-secret-key-0123456789"})
    return csrf_token(other.test_client())


@pytest.mark.parametrize("case", CSRF_REPLAYS, ids=list(CSRF_REPLAYS))
def test_replayed_or_forged_csrf_token_is_refused(app, client, nothing_stored, case):
    response = _join_with_token(client, CSRF_REPLAYS[case](app, client))
    assert response.status_code == 400
    assert "form has expired" in response.get_data(as_text=True)
    nothing_stored()
    assert submit(client).status_code == 303, "the same browser can then send the form"


def test_token_replayed_without_the_session_cookie_is_refused(app, client, nothing_stored):
    token = csrf_token(client)
    stranger = app.test_client()  # the attacker has the token but not the victim's cookie
    data = join_data(client)
    data["csrf_token"] = token
    response = stranger.post("/join", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    nothing_stored()


def test_token_replayed_after_it_expired_is_refused(app, client, nothing_stored, monkeypatch):
    token = csrf_token(client)
    later = int(time.time()) + app.config["WTF_CSRF_TIME_LIMIT"] + 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = _join_with_token(client, token)
    monkeypatch.undo()
    assert response.status_code == 400
    assert "form has expired" in response.get_data(as_text=True)
    nothing_stored()


def _hostile_paths(values: dict) -> list[str]:
    token, slug = values["token"], values["slug"]
    return [
        "/media/../instance/campaign.sqlite3",
        "/media/..%2f..%2finstance%2fcampaign.sqlite3",
        f"/media/{values['photo']}",
        "/media/cards/evil.html",
        "/media/cards/%00.jpg",
        "/media/cards/" + "a" * 5000 + ".jpg",
        "/e/' OR 1=1--",
        "/e/" + "a" * 10_000,
        "/e/%F0%9F%93%9A",
        f"/e/{slug}%00",
        "/m/" + "a" * 10_000,
        "/m/%00",
        "/m/' OR '1'='1",
        f"/m/{token}/download/thumb",
        f"/m/{token}/download/..%2f..%2fphotos",
        f"/m/{token}/download/<script>",
        "/join/../../etc/passwd",
        "/static/../campaign/config.py",
        "/static/%2e%2e/campaign/config.py",
    ]


def test_hostile_addresses_get_a_plain_404(client, entry_urls):
    for path in _hostile_paths(entry_urls):
        response = client.get(path)
        assert response.status_code == 404, path
        page = response.get_data(as_text=True)
        assert human_message(page), path
        assert "<script>" not in page, path
    assert submit(client).status_code == 303


HOSTILE_QUERIES = [
    "q=%00",
    "page=%00&q=x",
    "page=-1",
    "page=99999999999999999999999",
    "q=" + "a" * 5000,
    "q=' OR 1=1--",
    "q=%ED%A0%80",
    "lang=../../etc&country=<script>",
    "cursor=<script>alert(1)</script>",
]


def test_every_page_survives_hostile_query_strings(app, client, entry_urls):
    """Search boxes, filters and page numbers: never a server error, never markup echoed."""
    for url, allowed in _routes(app, entry_urls).items():
        if "GET" not in allowed or url.startswith("/static"):
            continue
        for query in HOSTILE_QUERIES:
            response = client.get(f"{url}?{query}")
            response.close()
            assert response.status_code < 500, f"{url}?{query}"
            if response.mimetype == "text/html":
                assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert submit(client).status_code == 303
