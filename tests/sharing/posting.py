"""A person posting their card through the fake provider: press Post, consent, read the flash."""

import re
from urllib.parse import urlsplit

import requests

from tests.factories import csrf_token


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
