"""A cache for the wall's aggregates (counters, facets, statistics).

Redis (REDIS_URL) when there is one, so every worker and host serves the same figures; in
the embedded default each process keeps its own copy for WALL_CACHE_SECONDS, which at worst
shows counters a minute old. WALL_CACHE_SECONDS=0 turns caching off.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app

from campaign.extensions import cache

T = TypeVar("T")
log = logging.getLogger(__name__)


def init_cache(app: Flask) -> None:
    redis_url = app.config.get("REDIS_URL")
    config = {
        "CACHE_TYPE": "RedisCache" if redis_url else "SimpleCache",
        "CACHE_KEY_PREFIX": "campaign:wall:",
        "CACHE_DEFAULT_TIMEOUT": app.config.get("WALL_CACHE_SECONDS", 60),
    }
    if redis_url:
        config["CACHE_REDIS_URL"] = redis_url
    cache.init_app(app, config=config)


def cached(key: str, compute: Callable[[], T]) -> T:
    """The cached value for key, computed (and stored) when missing or caching is off."""
    seconds = current_app.config.get("WALL_CACHE_SECONDS", 60)
    if seconds <= 0:
        return compute()
    try:
        value = cache.get(key)
    except Exception:  # a cache outage must not take the wall down: compute instead
        log.exception("wall cache unavailable")
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout=seconds)
        except Exception:
            log.exception("wall cache unavailable")
    return value
