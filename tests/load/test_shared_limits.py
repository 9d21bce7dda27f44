"""Rate limits held in Redis count across processes: two gunicorn instances, one limit."""

import secrets

import pytest
import redis
import requests

from tests.factories import photo_bytes
from tests.load.server import app_environment, form_token, gunicorn, join_fields, post_join
from tests.needs import missing

REDIS_URL = "redis://127.0.0.1:6379/0"
PHOTO = photo_bytes(800, 600)


@pytest.fixture
def redis_prefix():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        missing("Redis not reachable at 127.0.0.1:6379")
    prefix = f"test-{secrets.token_hex(4)}"
    yield client, prefix
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)
    client.close()


def _join(base_url: str, marker: str) -> int:
    with requests.Session() as session:
        token = form_token(session, base_url)
        return post_join(session, base_url, join_fields(token, marker), PHOTO).status_code


def _env(database_url, uploads, prefix, redis_url):
    return app_environment(
        database_url,
        uploads,
        RATELIMIT_ENABLED="true",
        SUBMIT_RATE_LIMIT="2 per hour",
        RATELIMIT_KEY_PREFIX=prefix,
        REDIS_URL=redis_url,
    )


def test_limit_counts_across_two_app_instances_through_redis(load_database, tmp_path, redis_prefix):
    client, prefix = redis_prefix
    env = _env(load_database, tmp_path / "uploads", prefix, REDIS_URL)
    with gunicorn(env, workers=1) as first, gunicorn(env, workers=1) as second:
        assert _join(first.base_url, "r1") == 303
        assert _join(second.base_url, "r2") == 303
        assert _join(first.base_url, "r3") == 429
        assert _join(second.base_url, "r4") == 429
    assert list(client.scan_iter(f"*{prefix}*")), "the counters live in Redis"


def test_without_redis_each_instance_counts_alone(load_database, tmp_path, redis_prefix):
    """The control: in-memory limits are per process, which is why production needs Redis."""
    _, prefix = redis_prefix
    env = _env(load_database, tmp_path / "uploads", prefix, "")
    with gunicorn(env, workers=1) as first, gunicorn(env, workers=1) as second:
        assert [_join(first.base_url, f"a{i}") for i in range(3)] == [303, 303, 429]
        assert _join(second.base_url, "b1") == 303
