"""Sign-in throttling that holds under concurrent attempts: each attempt is counted before its
password is checked (Redis INCR, or an increment under a lock in memory), and a correct one is
given back, so only failures use up the allowance and no burst gets past the limit."""

import hashlib
import logging
import math
import time
from dataclasses import dataclass, field

from flask import current_app
from limits import RateLimitItem, parse_many
from limits.errors import StorageError
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter, RateLimiter
from redis.exceptions import RedisError

from campaign.extensions import limiter

log = logging.getLogger(__name__)
# While Redis is unreachable each process counts alone, as Flask-Limiter's own fallback does.
_LOCAL = FixedWindowRateLimiter(MemoryStorage())
STORAGE_ERRORS = (StorageError, RedisError, ConnectionError, TimeoutError, OSError)


@dataclass(frozen=True)
class Counter:
    limits: tuple[RateLimitItem, ...]
    key: str


def _counters(email: str, address: str) -> list[Counter]:
    config = current_app.config
    prefix = config["RATELIMIT_KEY_PREFIX"]
    # Keyed on whatever email was typed, known or not, so throttling reveals nothing.
    account = hashlib.sha256(email.encode()).hexdigest()
    return [
        Counter(
            tuple(parse_many(config["SIGN_IN_LIMIT_PER_ACCOUNT"])), f"{prefix}/sign-in/{account}"
        ),
        Counter(tuple(parse_many(config["LOGIN_RATE_LIMIT"])), f"{prefix}/sign-in-ip/{address}"),
    ]


class Throttled(Exception):
    """Too many failed sign-ins for this account or address; retry_after in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass
class Attempt:
    """A counted attempt, and where it was counted, to give it back."""

    strategy: RateLimiter | None = None
    counters: list[Counter] = field(default_factory=list)


def count_attempt(email: str, address: str) -> Attempt:
    """Count a sign-in attempt against every limit, or raise Throttled when one is exceeded.
    Returns the attempt, to refund when the password turns out right."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return Attempt()
    counters = _counters(email, address)
    try:
        return _count(Attempt(limiter.limiter, counters))
    except STORAGE_ERRORS as error:
        log.warning("Sign-in throttling counts in this process only: %s", error)
        return _count(Attempt(_LOCAL, counters))


def _count(attempt: Attempt) -> Attempt:
    strategy = attempt.strategy
    exceeded = [
        (item, counter.key)
        for counter in attempt.counters
        for item in counter.limits
        if not strategy.hit(item, counter.key)  # increments first, then compares
    ]
    if exceeded:
        resets = [strategy.get_window_stats(item, key).reset_time for item, key in exceeded]
        refund(attempt)  # refused unchecked, so it is no failure either
        raise Throttled(max(1, math.ceil(max(resets) - time.time())))
    return attempt


def refund(attempt: Attempt) -> None:
    """Give an attempt back: a successful sign-in does not use up the allowance."""
    for counter in attempt.counters:
        for item in counter.limits:
            try:
                attempt.strategy.hit(item, counter.key, cost=-1)
            except STORAGE_ERRORS:
                return  # Redis went away meanwhile; its counters go with it
