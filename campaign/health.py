"""Liveness (/healthz) and readiness (/readyz) for load balancers and orchestrators.

/healthz says the process answers and touches nothing else: restart a worker only when it
fails. /readyz says whether this host can do the main job now: the database answers, storage
takes a write and a delete (a small private object, at most every READYZ_STORAGE_SECONDS per
process, so a busy balancer does not fill the bucket's request log), and Redis is reported
when configured. It answers 503 naming what fails, so a balancer sends people elsewhere.
Redis being away does not make a host unready: without it the app counts rate limits per
process and skips its caches (every host would fail together, and none need to).
"""

import secrets
import threading
import time

import redis
from flask import Blueprint, Response, current_app
from sqlalchemy import text

from campaign.accelerator import redis_options
from campaign.extensions import db, limiter
from campaign.outages import DATABASE_ERRORS
from campaign.storage import StorageUnavailable, get_storage, pending_deletions

bp = Blueprint("health", __name__)

NO_STORE = {"Cache-Control": "no-store"}
PROBE_BYTES = b"readyz"


class _StorageProbe:
    """The last storage check's result, kept for READYZ_STORAGE_SECONDS."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.checked_at = float("-inf")
        self.result = "ok"

    def check(self, interval: float) -> str:
        with self.lock:
            if time.monotonic() - self.checked_at < interval:
                return self.result
            self.checked_at = time.monotonic()
            self.result = _probe_storage()
            return self.result


def _probe_storage() -> str:
    storage = get_storage()
    # A key no entry can have; maintenance removes it if the delete were ever lost.
    key = f"photos/readyz-{secrets.token_hex(8)}.jpg"
    try:
        storage.save(key, PROBE_BYTES)
        storage.delete(key)
    except StorageUnavailable as error:
        return f"failing: {error}"
    pending_deletions().retry(storage, force=True)
    return "ok"


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except DATABASE_ERRORS as error:
        db.session.rollback()
        return f"failing: {type(error).__name__}"
    return "ok"


def _redis() -> str | None:
    url = current_app.config["REDIS_URL"]
    if not url:
        return None
    # The app's own Redis, not the limiter's storage: that object outlives an app (tests
    # make many), so it may still point at another app's Redis.
    client = current_app.extensions.get("campaign.readyz_redis")
    if client is None:
        client = redis.Redis.from_url(url, **redis_options(current_app.config))
        current_app.extensions["campaign.readyz_redis"] = client
    try:
        client.ping()
    except redis.RedisError:
        return "unavailable (rate limits per process, caches skipped)"
    return "ok"


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """For load balancers: the process answers. Touches nothing else."""
    return Response("ok\n", mimetype="text/plain", headers=NO_STORE)


@bp.get("/readyz")
@limiter.exempt
def readyz():
    """Whether this host can serve: database, storage, and Redis (reported) when set."""
    probe = current_app.extensions.setdefault("campaign.readyz", _StorageProbe())
    checks = {
        "database": _database(),
        "storage": probe.check(current_app.config["READYZ_STORAGE_SECONDS"]),
    }
    redis_state = _redis()
    if redis_state is not None:
        checks["redis"] = redis_state
    failing = [name for name in ("database", "storage") if checks[name] != "ok"]
    lines = [f"{name}: {state}" for name, state in checks.items()]
    status = 503 if failing else 200
    headline = f"not ready: {', '.join(failing)}" if failing else "ready"
    body = "\n".join([headline, *lines]) + "\n"
    return Response(body, status=status, mimetype="text/plain", headers=NO_STORE)
