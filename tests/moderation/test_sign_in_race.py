"""Concurrent wrong passwords on one account: no more are checked than the limit allows."""

import logging
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from campaign import create_app
from tests.factories import form_token
from tests.load.server import app_environment, flask_command
from tests.needs import missing

ATTEMPTS = 24
LIMIT = 5
REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_reachable() -> bool:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        return False
    return True


STORAGES = [
    pytest.param({"RATELIMIT_ENABLED": True}, id="memory"),
    pytest.param(
        {
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": REDIS_URL,
        },
        id="redis",
    ),
]


@pytest.mark.parametrize("settings", STORAGES)
def test_concurrent_wrong_passwords_are_checked_at_most_limit_times(app, staff, settings):
    if "RATELIMIT_STORAGE_URI" in settings and not _redis_reachable():
        missing(f"Redis not reachable at {REDIS_URL}")
    # Counters of their own in a shared Redis, for each run and backend.
    app.config["RATELIMIT_KEY_PREFIX"] = f"test-race-{secrets.token_hex(4)}"
    clients = []
    for number in range(ATTEMPTS):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"198.51.100.{number}"  # a botnet: one per address
        clients.append((client, form_token(client, "/moderate/login")))
    start = threading.Barrier(ATTEMPTS)

    def attempt(number: int) -> int:
        client, token = clients[number]
        data = {"csrf_token": token, "email": staff["moderator"], "password": f"guess {number}"}
        start.wait()
        return client.post("/moderate/login", data=data).status_code

    with ThreadPoolExecutor(ATTEMPTS) as pool:
        codes = list(pool.map(attempt, range(ATTEMPTS)))
    # 401: the password was checked (and wrong); 429: refused before checking.
    assert codes.count(401) == LIMIT, codes
    assert codes.count(429) == ATTEMPTS - LIMIT


def test_start_up_says_limits_are_per_process_without_redis(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="campaign")
    create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "UPLOAD_DIR": str(tmp_path),
            "REDIS_URL": "",
        }
    )
    assert "per process" in caplog.text
    caplog.clear()
    create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "UPLOAD_DIR": str(tmp_path),
            "REDIS_URL": REDIS_URL,
        }
    )
    assert "per process" not in caplog.text


def test_flask_commands_do_not_warn_about_serving_without_redis(tmp_path):
    environment = app_environment(
        f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path, REDIS_URL="", RATELIMIT_ENABLED="true"
    )
    run = flask_command(environment, "routes")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "/wall" in run.stdout
    assert "per process" not in run.stderr + run.stdout
