"""The fake LinkedIn/X provider on 127.0.0.1, and the app configured to use it."""

import re
from urllib.parse import urlsplit

import pytest
import requests

from tests.factories import csrf_token
from tests.sharing.fake_provider import FakeProvider


@pytest.fixture(scope="session")
def fake_provider_server():
    server = FakeProvider().start()
    yield server
    server.stop()


@pytest.fixture
def fake_provider(fake_provider_server, monkeypatch):
    """The provider, reset; oauthlib allows plain HTTP to it (it is on 127.0.0.1)."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    fake_provider_server.reset()
    return fake_provider_server


@pytest.fixture
def settings(fake_provider):
    return fake_provider.settings()


def start_posting(client, token: str, network: str):
    """Press "Post to …" on the share page; returns the response (a redirect to the provider)."""
    return client.post(
        f"/share/{network}/connect",
        data={"csrf_token": csrf_token(client, f"/m/{token}"), "token": token},
    )


def consent(authorize_url: str) -> str:
    """What the person's browser does at the provider: returns the callback path + query."""
    with requests.get(authorize_url, allow_redirects=False, timeout=5) as response:
        assert response.status_code == 302, response.text
        location = urlsplit(response.headers["Location"])
    assert location.netloc == "campaign.test"
    return f"{location.path}?{location.query}"


def flashed_error(html: str) -> str:
    match = re.search(r'<p class="flash flash-error"[^>]*>([^<]+)</p>', html)
    return match.group(1) if match else ""
