"""EDITION_HOSTS: a city edition at the root of its own host, its absolute links built from
configuration (its host, PUBLIC_BASE_URL's scheme), never from the request."""

import re

import pytest
from sqlalchemy import select

from campaign.models import Entry, EntryStatus
from tests.factories import join_data, make_edition, manage_token

HOST = "learn.espoo.test"


@pytest.fixture
def settings():
    return {
        "PUBLIC_BASE_URL": "https://learners.example.org",
        "EDITION_HOSTS": {HOST: "espoo"},
        "WALL_CACHE_SECONDS": 0,
    }


@pytest.fixture
def espoo(app):
    return make_edition(app, "espoo", names={"en": "Espoo learns"}, hashtag="#EspooLearns")


def _og_url(html: str) -> str:
    return re.search(r'property="og:url" content="([^"]+)"', html).group(1)


def test_the_edition_host_serves_the_edition_at_its_root(client, espoo):
    html = client.get("/", base_url=f"http://{HOST}").get_data(as_text=True)
    assert "Espoo learns" in html
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert "/join" in hrefs  # the host names the edition: no /c/espoo/ in its links
    assert not any(href.startswith("/c/") for href in hrefs)
    assert _og_url(html) == f"https://{HOST}/"


def test_the_global_host_stays_global_and_names_the_edition_host(client, espoo):
    home = client.get("/", base_url="http://campaign.test").get_data(as_text=True)
    assert "Espoo learns" not in home
    assert _og_url(home) == "https://learners.example.org/"
    # The edition's pages under /c/espoo/ point search engines and networks to its host.
    edition = client.get("/c/espoo/", base_url="http://campaign.test").get_data(as_text=True)
    assert _og_url(edition) == f"https://{HOST}/"


def test_joining_on_the_edition_host_makes_an_edition_entry(app, db, client, espoo):
    # The form and its session come from the edition's host, as a browser there gets them.
    page = client.get("/join", base_url=f"http://{HOST}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/join",
        base_url=f"http://{HOST}",
        data=join_data(client, csrf_token=token),
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    entry = db.session.scalar(select(Entry))
    assert entry.edition_id == espoo
    entry.status = EntryStatus.APPROVED
    db.session.commit()
    share = client.get(f"/m/{manage_token(response)}").get_data(as_text=True)
    # Its invitation link leads to the edition's join page, on the edition's host.
    assert f"https://{HOST}/join?via={entry.slug}" in share


def test_a_forged_host_header_reaches_no_absolute_link(client, espoo):
    html = client.get(
        "/", base_url="http://evil.example", headers={"X-Forwarded-Host": HOST}
    ).get_data(as_text=True)
    assert "evil.example" not in html
    assert "Espoo learns" not in html  # X-Forwarded-Host is not believed (TRUST_FORWARDED_HOST)


def test_an_edition_host_for_an_unknown_edition_answers_not_found(app, client, espoo):
    app.config["EDITION_HOSTS"] = {**app.config["EDITION_HOSTS"], "gone.test": "gone"}
    assert client.get("/", base_url="http://gone.test").status_code == 404


def test_the_setting_is_read_as_host_slug_pairs(monkeypatch):
    from campaign.config import from_environment

    monkeypatch.setenv("EDITION_HOSTS", "Learn.Espoo.example=espoo, learn.vantaa.example=vantaa")
    assert from_environment()["EDITION_HOSTS"] == {
        "learn.espoo.example": "espoo",
        "learn.vantaa.example": "vantaa",
    }
    monkeypatch.setenv("EDITION_HOSTS", "learn.espoo.example")
    with pytest.raises(RuntimeError, match="EDITION_HOSTS"):
        from_environment()
