"""The fake LinkedIn/X provider on 127.0.0.1, and the app configured to use it."""

import pytest

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
