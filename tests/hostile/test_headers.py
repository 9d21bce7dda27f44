"""Security headers and cookies on every page, and files that are never run as pages."""

import re
from pathlib import Path

import pytest
from flask import Blueprint

from campaign.security import allow_framing
from tests.factories import manage_token, submit

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["/", "/join", "/no-such-page"]


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    policy = _policy(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy.get("style-src", "")
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers, "HSTS only over HTTPS"


def test_templates_hold_no_inline_script_or_handler():
    """What the policy forbids must not be needed: scripts come from files only. E-mails
    (templates/notices/) are read in mail clients, not under the pages' policy, and those
    want their styles inline."""
    for template in (ROOT / "templates").rglob("*.html"):
        if template.parent.name == "notices":
            continue
        source = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", source):
            assert "src=" in tag, f"inline script in {template}"
        assert not re.search(r"\son[a-z]+\s*=", source), f"event handler attribute in {template}"
        assert not re.search(r"\sstyle\s*=", source), f"style attribute in {template}"


def test_https_responses_carry_hsts(client):
    response = client.get("/join", base_url="https://campaign.test")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("settings", [{"TRUSTED_PROXIES": 1}])
def test_hsts_behind_a_trusted_proxy_follows_forwarded_proto(client):
    response = client.get("/join", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


def test_forwarded_proto_is_ignored_without_a_trusted_proxy(client):
    response = client.get("/join", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_private_pages_send_no_referrer_and_are_not_cached(client):
    token = manage_token(submit(client))
    response = client.get(f"/m/{token}")
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response.headers["Cache-Control"]


def _set_cookies(response) -> list[str]:
    """The cookies a response sets (not the ones it deletes)."""
    return [
        cookie for cookie in response.headers.getlist("Set-Cookie") if "Max-Age=0" not in cookie
    ]


def test_session_cookie_is_httponly_and_samesite(client):
    cookies = _set_cookies(client.get("/join"))
    assert any(cookie.startswith("session=") for cookie in cookies)
    for cookie in cookies:
        assert "HttpOnly" in cookie
        assert "SameSite=Lax" in cookie


@pytest.mark.parametrize("settings", [{"SESSION_COOKIE_SECURE": True}])
def test_session_cookie_is_secure_in_production_settings(client):
    cookies = _set_cookies(client.get("/join", base_url="https://campaign.test"))
    assert cookies
    for cookie in cookies:
        assert "Secure" in cookie
        assert "HttpOnly" in cookie


def test_production_configuration_makes_cookies_secure(monkeypatch):
    from campaign.config import from_environment

    monkeypatch.setenv("CAMPAIGN_ENV", "production")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    assert from_environment()["SESSION_COOKIE_SECURE"] is True


def test_downloads_are_attachments_with_a_safe_name(client):
    token = manage_token(submit(client))
    response = client.get(f"/m/{token}/download/square")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert re.search(r"filename=[\w.-]+\.jpg", disposition)


def test_served_card_is_an_inert_image(client, app, db):
    token = manage_token(submit(client))
    html = client.get(f"/m/{token}").get_data(as_text=True)
    url = re.search(r'src="(/media/cards/[^"]+\.jpg)"', html).group(1)
    response = client.get(url)
    response.close()
    assert response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert "immutable" in response.headers["Cache-Control"]


def test_a_stored_file_holding_html_is_still_served_as_an_image(app, client, uploads):
    """Even if markup ever reached storage, the browser is told it is an image, sandboxed."""
    (uploads / "cards").mkdir(parents=True, exist_ok=True)
    (uploads / "cards" / "evil.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    response = client.get("/media/cards/evil.jpg")
    response.close()
    assert response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_photos_are_never_served(client, db, uploads):
    submit(client)
    photo = next((uploads / "photos").iterdir())
    assert client.get(f"/media/photos/{photo.name}").status_code == 404


def test_only_routes_marked_allow_framing_may_be_framed(app):
    demo = Blueprint("framing_demo", __name__)

    @demo.get("/framing-demo/embed")
    @allow_framing
    def embed():
        return "embeddable"

    @demo.get("/framing-demo/page")
    def page():
        return "not embeddable"

    app.register_blueprint(demo)
    client = app.test_client()
    embedded = client.get("/framing-demo/embed")
    assert _policy(embedded)["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in embedded.headers
    assert "'unsafe-inline'" not in _policy(embedded)["script-src"]
    other = client.get("/framing-demo/page")
    assert _policy(other)["frame-ancestors"] == "'none'"
    assert other.headers["X-Frame-Options"] == "DENY"


def test_framable_routes_are_exactly_the_embeds(app):
    """Any route made framable is listed here on purpose: clickjacking is one decorator away."""
    framable = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if getattr(app.view_functions[rule.endpoint], "_campaign_allow_framing", False)
    }
    # The wall's embed, and its twin on every city edition (campaign/editions/routing.py).
    assert framable <= {"/embed/wall", "/c/<edition_slug>/embed/wall"}
