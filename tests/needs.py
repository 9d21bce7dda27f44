"""The one way a test gives up for want of a service or file: a skip locally, a failure in CI.

Under CI=true (and for PostgreSQL also REQUIRE_POSTGRES=1) a missing Chromium, Redis,
PostgreSQL, Python package or ../shared/testdata fails the run: a green CI must mean the
tests ran. On a developer's machine the same test is skipped with the reason.
"""

import os
from typing import NoReturn

import pytest

TRUE = {"1", "true", "yes"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in TRUE


def postgres_required() -> bool:
    return in_ci() or os.environ.get("REQUIRE_POSTGRES", "").strip().lower() in TRUE


def missing(what: str, *, required: bool | None = None) -> NoReturn:
    """Stop this test because `what` is not there: skipped locally, failed where required."""
    if in_ci() if required is None else required:
        pytest.fail(f"{what} (required: CI=true or REQUIRE_POSTGRES=1 runs every test)")
    pytest.skip(what)


def import_or_missing(module: str):
    """pytest.importorskip, but a failure under CI=true."""
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        missing(f"the Python package {module} is not installed (scripts/setup.sh --test)")


def redis_or_missing(url: str) -> str:
    """url, once a Redis answers there; otherwise this test stops as `missing` says."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError:
        missing(f"Redis not reachable at {url}")
    return url
