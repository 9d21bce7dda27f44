"""Statistics and their CSV per city edition; the global statistics broken down by edition."""

import csv
import io

import pytest

from campaign.models import EntryStatus
from tests.factories import make_edition, make_entry

A = EntryStatus.APPROVED


@pytest.fixture
def editions(app):
    espoo = make_edition(app, "espoo", names={"en": "Espoo learns"})
    tampere = make_edition(app, "tampere", city=("Tampere", "FI"), names={"en": "Tampere"})
    make_entry(app, A, edition_id=espoo, country_code="FI", language="en")
    make_entry(app, A, edition_id=espoo, country_code="SE", language="en")
    make_entry(app, edition_id=espoo, country_code="NO")  # pending: in no figure
    make_entry(app, A, edition_id=tampere, country_code="JP", language="zh")
    make_entry(app, A, country_code="FR", language="fr")  # the global site's own


def _rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_an_editions_statistics_count_its_public_entries_only(client, editions):
    html = " ".join(client.get("/stats?edition=espoo").get_data(as_text=True).split())
    assert "Espoo learns in figures" in html
    assert "2 learners from 2 cities in 2 countries" in html
    assert "Sweden" in html
    assert "Japan" not in html
    assert "France" not in html
    assert "Norway" not in html
    assert 'href="/stats.csv?edition=espoo"' in html


def test_an_editions_csv_has_its_rows_and_the_global_one_names_each_rows_edition(client, editions):
    response = client.get("/stats.csv?edition=espoo")
    assert "ImALifelongLearner-espoo-stats-" in response.headers["Content-Disposition"]
    rows = _rows(response)
    assert sorted((row["country_code"], row["edition"], row["entries"]) for row in rows) == [
        ("FI", "espoo", "1"),
        ("SE", "espoo", "1"),
    ]
    everything = _rows(client.get("/stats.csv"))
    assert sorted((row["country_code"], row["edition"]) for row in everything) == [
        ("FI", "espoo"),
        ("FR", ""),
        ("JP", "tampere"),
        ("SE", "espoo"),
    ]


def test_global_statistics_are_broken_down_by_edition(client, editions):
    html = client.get("/stats").get_data(as_text=True)
    assert "Per city edition" in html
    assert html.index("Espoo learns in figures") < html.index("Tampere in figures")
    assert 'href="/stats?edition=tampere"' in html
    assert "4 learners" in " ".join(html.split())


def test_an_unknown_edition_has_no_statistics(client, editions):
    assert client.get("/stats?edition=atlantis").status_code == 404
    assert client.get("/stats.csv?edition=atlantis").status_code == 404
