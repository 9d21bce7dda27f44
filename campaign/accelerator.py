"""Redis as an accelerator, never a dependency of the main job.

Every Redis client of the app (rate limits, the wall's caches) gets short socket timeouts
and no retries, so a Redis that is down costs a refused connection and a hung one at most
REDIS_TIMEOUT; `Bypass` then keeps the caches away from it for a while, logging one warning
per outage rather than one per request.
"""

import logging
import threading
import time

from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

BYPASS_SECONDS = 30.0


def redis_options(config: dict) -> dict:
    """Keyword arguments for every redis client: bounded waits, no retry storms."""
    timeout = config["REDIS_TIMEOUT"]
    return {
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        # redis-py retries 3 times with up to 10 s of backoff by default: seconds per call.
        "retry": Retry(NoBackoff(), 0),
    }


class Bypass:
    """Skip a failing cache for `seconds` after an error; one warning per outage."""

    def __init__(self, name: str, seconds: float = BYPASS_SECONDS) -> None:
        self.name = name
        self.seconds = seconds
        self._until = 0.0
        self._down = False
        self._lock = threading.Lock()

    def open(self) -> bool:
        """Whether the cache may be tried now."""
        return time.monotonic() >= self._until

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self._until = time.monotonic() + self.seconds
            first = not self._down
            self._down = True
        if first:
            log.warning(
                "%s unavailable, going on without it (trying again every %d s): %s",
                self.name,
                self.seconds,
                error,
            )

    def succeeded(self) -> None:
        if self._down:
            with self._lock:
                self._down = False
            log.info("%s is back", self.name)
