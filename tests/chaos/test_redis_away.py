"""REDIS_URL set but nothing answers there: rate limits count in memory, the caches are
skipped, and everything works, with one warning per outage instead of one per request."""

import logging

import pytest

from tests.chaos.services import free_port
from tests.factories import submit


@pytest.fixture
def settings():
    return {
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "RATELIMIT_ENABLED": True,
        "SUBMIT_RATE_LIMIT": "3 per hour",
        "WALL_PAGE_CACHE_SECONDS": 5,
        "WALL_CACHE_SECONDS": 60,
    }


def test_submissions_and_pages_work_without_redis(app, caplog):
    caplog.set_level(logging.INFO)
    client = app.test_client()
    statuses = [submit(client).status_code for _ in range(3)]
    assert statuses == [303, 303, 303]
    for url in ("/wall", "/api/entries", "/wall.atom", "/stats", "/"):
        assert client.get(url).status_code == 200, url
    anonymous = app.test_client()
    for url in ("/wall", "/api/entries", "/wall.atom", "/wall"):
        assert anonymous.get(url).status_code == 200, url
    warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(warnings) <= 2, [record.getMessage() for record in warnings]
    assert all(record.exc_info is None for record in warnings), "no traceback per request"


def test_rate_limits_still_hold_per_process(app):
    client = app.test_client()
    assert [submit(client).status_code for _ in range(4)] == [303, 303, 303, 429]


def test_moderators_sign_in_and_approve_without_redis(app):
    from campaign.models import EntryStatus
    from tests.factories import act, entry_state, make_entry, make_user, sign_in

    make_user(app, "mod@example.org")
    entry_id = make_entry(app)
    moderator = app.test_client()
    assert sign_in(moderator, "mod@example.org").status_code in {302, 303}
    assert act(moderator, entry_id, "approve").status_code in {302, 303}
    assert entry_state(app, entry_id).status is EntryStatus.APPROVED
    assert app.test_client().get("/wall").status_code == 200
