"""A private redis-server frozen (SIGSTOP: a hung Redis), then killed, during 50 submissions to
gunicorn: every one succeeds, pages keep serving, and the log warns once per process rather
than once per request."""

import signal
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.chaos.services import private_redis
from tests.chaos.test_postgres_restart import Answers
from tests.factories import photo_bytes
from tests.load.server import app_environment, form_token, gunicorn, join_fields, post_join

PHOTO = photo_bytes(640, 480)
SUBMISSIONS = 50
WORKERS = 2
FREEZE_AT, THAW_AT, KILL_AT = 10, 20, 30  # answers received


def test_submissions_survive_redis_hanging_and_dying(load_database, tmp_path):
    answers = Answers()
    local = threading.local()

    def send(index: int) -> int:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.token = form_token(local.session, server.base_url)
        try:
            fields = join_fields(local.token, f"r{index:03d}x")
            return post_join(local.session, server.base_url, fields, PHOTO).status_code
        finally:
            answers.add()

    with private_redis() as redis_server:

        def chaos() -> None:
            answers.wait_for(FREEZE_AT)
            redis_server.process.send_signal(signal.SIGSTOP)
            answers.wait_for(THAW_AT)
            redis_server.process.send_signal(signal.SIGCONT)
            answers.wait_for(KILL_AT)
            redis_server.kill()

        env = app_environment(
            load_database,
            tmp_path / "uploads",
            REDIS_URL=redis_server.url,
            RATELIMIT_ENABLED="true",
            SUBMIT_RATE_LIMIT="1000 per hour",
            WALL_PAGE_CACHE_SECONDS="5",
        )
        log = tmp_path / "gunicorn.log"
        with gunicorn(env, workers=WORKERS, log=log) as server:
            controller = threading.Thread(target=chaos)
            controller.start()
            with ThreadPoolExecutor(max_workers=3) as pool:
                statuses = list(pool.map(send, range(SUBMISSIONS)))
            controller.join(timeout=60)
            assert redis_server.process.poll() is not None, "Redis was killed during the run"
            for url in ("/wall", "/api/entries", "/wall.atom", "/stats", "/readyz"):
                response = requests.get(f"{server.base_url}{url}", timeout=30)
                assert response.status_code == 200, url

    assert statuses == [303] * SUBMISSIONS
    said = log.read_text(errors="replace")
    assert "Traceback" not in said
    # One warning per process for the limiter and one for the cache, per outage (the freeze
    # and the kill may count as two), not one per request.
    assert said.count("Rate limit storage unreachable") <= 2 * WORKERS, said[-3000:]
    assert said.count("going on without it") <= 2 * WORKERS, said[-3000:]
