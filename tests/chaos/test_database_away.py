"""PostgreSQL unreachable (nothing listens on its port): 503 with Retry-After and a page in the
visitor's language, never the generic 500; the join form keeps what was typed; /healthz stays
alive while /readyz names the database."""

import html
import re
from pathlib import Path

import pytest

from campaign import create_app
from tests.app_settings import app_settings
from tests.chaos.services import free_port
from tests.clients import BrowserLikeClient
from tests.factories import join_data

TITLES = {
    "en": "The campaign is taking a short break",
    "fr": "La campagne fait une courte pause",
    "es": "La campaña se toma un breve descanso",
    "ar": "الحملة تأخذ استراحة قصيرة",
    "zh": "活动正在短暂休息",
}


@pytest.fixture
def uploads(tmp_path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


@pytest.fixture
def offline(uploads):
    """The app pointed at a PostgreSQL port nothing listens on."""
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/campaign"
    app = create_app({**app_settings(url, uploads), "DB_CONNECT_TIMEOUT": 1})
    app.test_client_class = BrowserLikeClient
    return app.test_client()


@pytest.mark.parametrize("url", ["/", "/wall", "/e/abcdefgh", "/m/sometoken", "/stats"])
def test_pages_that_need_the_database_answer_503_with_retry_after(offline, url):
    response = offline.get(url)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "no-store" in response.headers["Cache-Control"]
    html = response.get_data(as_text=True)
    assert TITLES["en"] in html
    assert "Please try again in a minute." in html
    assert "Traceback" not in html


def test_the_api_answers_503_in_json(offline):
    response = offline.get("/api/entries")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert response.get_json()["error"] == TITLES["en"]


@pytest.mark.parametrize("language", sorted(TITLES))
def test_the_break_page_speaks_the_visitors_language(offline, language):
    response = offline.get("/wall", headers={"Accept-Language": language})
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert TITLES[language] in html
    assert f'lang="{language}"' in html
    if language == "ar":
        assert 'dir="rtl"' in html


def test_a_join_sent_while_the_database_is_away_keeps_what_was_typed(offline, uploads):
    data = join_data(
        offline, name="Amira Haddad", city="Tunis", country="TN", statement="I learn to sail."
    )
    response = offline.post("/join", data=data, content_type="multipart/form-data")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    html = response.get_data(as_text=True)
    assert "so your photo was not stored" in html
    banner = re.search(r'<div class="form-errors"[^>]*data-form-errors[^>]*>', html)
    assert banner, "the banner is in the page"
    assert 'role="alert"' in banner[0]
    assert "hidden" not in banner[0], "the banner shows"
    assert 'value="Amira Haddad"' in html
    assert 'value="Tunis"' in html
    assert re.search(r'<option selected value="TN">|<option value="TN" selected>', html)
    assert "I learn to sail.</textarea>" in html
    assert [path for path in uploads.rglob("*") if path.is_file()] == [], "nothing kept"


def test_a_join_in_french_is_told_in_french(offline):
    data = join_data(offline)
    response = offline.post(
        "/join",
        data=data,
        content_type="multipart/form-data",
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 503
    assert "votre photo n’a pas été enregistrée" in html.unescape(response.get_data(as_text=True))


def test_liveness_stays_and_readiness_names_the_database(offline):
    assert offline.get("/healthz").status_code == 200
    ready = offline.get("/readyz")
    assert ready.status_code == 503
    body = ready.get_data(as_text=True)
    assert body.startswith("not ready: database\n")
    assert "storage: ok" in body
