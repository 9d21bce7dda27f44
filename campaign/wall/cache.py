"""A cache for the wall's aggregates (counters, facets, statistics) and rendered pages.

Redis (REDIS_URL) when there is one, so every worker and host serves the same figures; in
the embedded default each process keeps its own copy for WALL_CACHE_SECONDS, which at worst
shows counters a minute old. WALL_CACHE_SECONDS=0 turns caching off. A Redis that is away is
skipped (`campaign.accelerator.Bypass`): the figures are computed, the pages rendered.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app

from campaign.accelerator import Bypass, redis_options
from campaign.extensions import cache

T = TypeVar("T")
BYPASS = "campaign.wall.cache_bypass"


def init_cache(app: Flask) -> None:
    redis_url = app.config["REDIS_URL"]
    config = {
        "CACHE_TYPE": "RedisCache" if redis_url else "SimpleCache",
        # Apart from every other campaign on the same Redis, as the rate-limit counters are.
        "CACHE_KEY_PREFIX": f"{app.config['RATELIMIT_KEY_PREFIX']}:wall:",
        "CACHE_DEFAULT_TIMEOUT": app.config["WALL_CACHE_SECONDS"],
    }
    if redis_url:
        config["CACHE_REDIS_URL"] = redis_url
        config["CACHE_OPTIONS"] = redis_options(app.config)
    cache.init_app(app, config=config)
    app.extensions[BYPASS] = Bypass("Redis (the wall's cache)")


def _bypass() -> Bypass:
    return current_app.extensions[BYPASS]


def cache_get(key: str) -> Any:
    """The cached value, or None when missing or the cache is away."""
    bypass = _bypass()
    if not bypass.open():
        return None
    try:
        value = cache.get(key)
    except Exception as error:  # a cache outage must not take the wall down
        bypass.failed(error)
        return None
    bypass.succeeded()
    return value


def cache_set(key: str, value: Any, timeout: int) -> None:
    bypass = _bypass()
    if not bypass.open():
        return
    try:
        cache.set(key, value, timeout=timeout)
    except Exception as error:
        bypass.failed(error)


def cached(key: str, compute: Callable[[], T]) -> T:
    """The cached value for key, computed (and stored) when missing or caching is off."""
    seconds = current_app.config["WALL_CACHE_SECONDS"]
    if seconds <= 0:
        return compute()
    value = cache_get(key)
    if value is None:
        value = compute()
        cache_set(key, value, seconds)
    return value
