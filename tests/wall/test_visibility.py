"""Pending, rejected and unpublished entries never appear anywhere public."""

import csv
import io

import pytest

from campaign.models import EntryStatus
from tests.pages import page

HIDDEN = [EntryStatus.PENDING, EntryStatus.REJECTED, EntryStatus.UNPUBLISHED]


@pytest.fixture
def mixed(make_entry):
    """One public entry and one of each hidden status, each with its own word and place."""
    public = make_entry(
        name="Visible Vera",
        statement="visible marmalade",
        city="Oslo",
        country_code="NO",
        featured=True,
    )
    hidden = [
        make_entry(
            name=f"Hidden {status.value}",
            statement=f"secret{status.value} marmalade",
            city=f"Hideout{status.value}",
            country_code="JP",
            language="zh",
            status=status,
            featured=True,  # featured must not lift a hidden entry onto the wall
        )
        for status in HIDDEN
    ]
    return public, hidden


SURFACES = [
    "/wall",
    "/wall?q=marmalade",
    "/wall?featured=1",
    "/wall/slice",
    "/embed/wall",
    "/api/entries",
    "/api/entries?q=marmalade",
    "/wall.atom",
    "/wall.atom?q=marmalade",
]


@pytest.mark.parametrize("url", SURFACES)
def test_only_approved_entries_appear_on_public_surfaces(app, mixed, url):
    public, hidden = mixed
    body = app.test_client().get(url).get_data(as_text=True)
    assert public.slug in body
    for entry in hidden:
        assert entry.slug not in body
        assert entry.name not in body
        assert entry.statement not in body


@pytest.mark.parametrize("status", HIDDEN)
def test_searching_for_a_hidden_entry_finds_nothing(app, mixed, status):
    client = app.test_client()
    for url in (f"/wall?q=secret{status.value}", f"/api/entries?q=Hideout{status.value}"):
        body = client.get(url).get_data(as_text=True)
        assert f"Hidden {status.value}" not in body
    assert client.get(f"/api/entries?q=secret{status.value}").get_json()["entries"] == []


@pytest.mark.parametrize("status", HIDDEN)
def test_hidden_entry_page_is_not_found(app, mixed, status):
    _public, hidden = mixed
    entry = next(e for e in hidden if e.status is status)
    assert app.test_client().get(f"/e/{entry.slug}").status_code == 404


def test_filters_for_a_hidden_entry_show_nothing(app, mixed):
    client = app.test_client()
    for url in (
        "/api/entries?country=JP",
        "/api/entries?language=zh",
        "/api/entries?city=HideoutPending",
    ):
        assert client.get(url).get_json()["entries"] == []


def test_counters_statistics_and_csv_count_public_entries_only(app, mixed):
    client = app.test_client()
    wall = client.get("/wall").get_data(as_text=True)
    assert "1 learner from 1 city in 1 country, in 1 language" in " ".join(wall.split())
    stats = client.get("/stats").get_data(as_text=True)
    assert "Japan" not in stats
    assert "Norway" in stats
    rows = list(csv.DictReader(io.StringIO(client.get("/stats.csv").get_data(as_text=True))))
    assert [(row["country_code"], row["entries"]) for row in rows] == [("NO", "1")]


def test_filter_choices_offer_only_countries_with_public_entries(app, mixed):
    html = app.test_client().get("/wall").get_data(as_text=True)
    assert 'value="NO"' in html
    assert 'value="JP"' not in html
    assert "HideoutPending" not in html


def test_unpublishing_takes_an_entry_off_every_surface(app, db, make_entry):
    entry = make_entry(name="Soon Gone", statement="ephemeral learning")
    client = app.test_client()
    assert entry.slug in client.get("/wall").get_data(as_text=True)
    entry.status = EntryStatus.UNPUBLISHED
    db.session.commit()
    for url in SURFACES:
        assert entry.slug not in client.get(url).get_data(as_text=True), url
    assert page(client, "/wall").cards == []
