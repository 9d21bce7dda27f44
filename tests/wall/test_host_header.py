"""A request's Host or X-Forwarded-Host never chooses where the links of a page point."""

import re

import pytest

from campaign import create_app

EVIL = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}
BASE = "https://learners.example.org"
# As in production: no SERVER_NAME, so only PUBLIC_BASE_URL stands between a request's
# host and the links.
WALL_SETTINGS = {
    "WALL_CACHE_SECONDS": 0,
    "WALL_PAGE_CACHE_SECONDS": 0,
    "TRUSTED_PROXIES": 1,
    "SERVER_NAME": None,
}


def _links(body: str) -> list[str]:
    return re.findall(r'href="(https?://[^"]+)"', body)


@pytest.mark.parametrize("settings", [{**WALL_SETTINGS, "PUBLIC_BASE_URL": BASE}])
def test_forwarded_host_never_reaches_the_embedded_walls_links(app, make_entry):
    """Behind a proxy that passes the header on, a shared cache would keep the poisoned page."""
    entry = make_entry()
    response = app.test_client().get("/embed/wall", headers=EVIL)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "evil.example" not in body
    assert f'href="{BASE}/join"' in body
    assert f"{BASE}/e/{entry.slug}" in body
    assert all(link.startswith(BASE + "/") for link in _links(body))


@pytest.mark.parametrize("settings", [{**WALL_SETTINGS, "PUBLIC_BASE_URL": BASE}])
def test_a_forged_host_header_does_not_reach_links_either(app, make_entry):
    make_entry()
    body = app.test_client().get("/embed/wall", headers={"Host": "evil.example"}).text
    assert "evil.example" not in body
    assert f'href="{BASE}/join"' in body


@pytest.mark.parametrize("settings", [WALL_SETTINGS])
def test_forwarded_host_is_ignored_unless_configured(app, make_entry):
    """Without PUBLIC_BASE_URL (development) the trusted proxy gives the scheme, not the host."""
    make_entry()
    body = app.test_client().get("/embed/wall", headers=EVIL).text
    assert "evil.example" not in body
    assert 'href="https://localhost/join"' in body


@pytest.mark.parametrize("settings", [{**WALL_SETTINGS, "TRUST_FORWARDED_HOST": True}])
def test_forwarded_host_is_used_when_the_proxy_is_said_to_set_it(app, make_entry):
    make_entry()
    headers = {**EVIL, "X-Forwarded-Host": "learners.example.org"}
    body = app.test_client().get("/embed/wall", headers=headers).text
    assert 'href="https://learners.example.org/join"' in body


def test_production_refuses_to_start_without_a_public_base_url(monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-production-secret-key-of-enough-length-0123456789")
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app()
    monkeypatch.setenv("PUBLIC_BASE_URL", "learners.example.org")
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL must be"):
        create_app()
