"""Where files live. Callers name files by key ("cards/abc.jpg"), never by path.

Two implementations behind one interface: `LocalStorage` (a folder on this host, the embedded
default) and `S3Storage` (S3-compatible object storage, for several hosts), chosen by
STORAGE_URL. `FileLedger` remembers what one unit of work wrote so it can be removed again.
Both raise `StorageUnavailable` when storage itself fails (a full disk, a lost permission,
S3 down or answering 5xx), so callers can tell an outage (503) from a bug.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from flask import current_app

from campaign.storage.base import (
    KEY_PATTERN,
    Storage,
    StorageUnavailable,
    StoredFile,
    check_key,
    content_type,
    is_public_key,
)
from campaign.storage.local import LocalStorage

log = logging.getLogger(__name__)
MAX_RETRY_WAIT = 300.0


def make_storage(config: dict) -> Storage:
    """The storage STORAGE_URL names: empty for the local UPLOAD_DIR, s3://bucket/prefix."""
    url = config["STORAGE_URL"]
    if not url:
        return LocalStorage(config["UPLOAD_DIR"])
    parts = urlsplit(url)
    if parts.scheme == "s3" and parts.netloc:
        from campaign.storage.s3 import S3Storage

        return S3Storage(
            bucket=parts.netloc,
            prefix=parts.path.strip("/"),
            endpoint_url=config["S3_ENDPOINT_URL"] or None,
            region=config["S3_REGION"] or None,
            public_url=config["S3_PUBLIC_URL"],
            url_expires=config["S3_URL_EXPIRES"],
            connect_timeout=config["S3_CONNECT_TIMEOUT"],
            read_timeout=config["S3_READ_TIMEOUT"],
            max_attempts=config["S3_MAX_ATTEMPTS"],
        )
    raise RuntimeError(f"STORAGE_URL must be empty or s3://bucket/prefix, not {url!r}.")


def get_storage() -> Storage:
    return current_app.extensions["campaign.storage"]


class PendingDeletions:
    """Keys this process could not delete while storage was away; retried now and then.

    Only keys no committed row refers to get here (files of a rolled-back unit of work, old
    cards after an edit, an erased entry's files), and keys are never reused, so deleting them
    late is always right. Past `limit` keys, `flask maintenance check --fix` finds the rest.
    """

    def __init__(self, *, interval: float = 5.0, limit: int = 10_000) -> None:
        self.interval = interval
        self.limit = limit
        self._keys: list[str] = []
        self._lock = threading.Lock()
        self._last_try = 0.0
        # Doubles after each failed try (up to 5 minutes): a hung storage costs a request
        # its timeouts now and then, not every few seconds.
        self._wait = interval

    def add(self, keys: list[str]) -> None:
        with self._lock:
            room = self.limit - len(self._keys)
            self._keys.extend(key for key in keys[: max(0, room)] if key not in self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def retry(self, storage: Storage, *, force: bool = False) -> None:
        """Delete what is pending, unless tried too recently (force: try now)."""
        with self._lock:
            if not self._keys or (not force and time.monotonic() - self._last_try < self._wait):
                return
            self._last_try = time.monotonic()
            keys, self._keys = self._keys, []
        for index, key in enumerate(keys):
            try:
                storage.delete(key)
            except StorageUnavailable:
                self.add(keys[index:])
                self._wait = min(self._wait * 2, MAX_RETRY_WAIT)
                return
        self._wait = self.interval
        log.info("storage is back: deleted %d file(s) left from its outage", len(keys))


class FileLedger:
    """Files written during one unit of work, removed again if it does not commit.

    A removal that fails because storage is away (the write that failed may be the reason
    the unit of work is rolled back) is left to `pending`, which tries again on later units
    of work, so the files of a refused submission do not outlive the outage.
    """

    def __init__(self, storage: Storage, pending: PendingDeletions | None = None) -> None:
        self.storage = storage
        self.pending = pending if pending is not None else PendingDeletions()
        self.written: list[str] = []
        self.obsolete: list[str] = []

    def save(self, key: str, data: bytes) -> None:
        self.written.append(key)
        self.storage.save(key, data)

    def delete_after_commit(self, key: str) -> None:
        self.obsolete.append(key)

    def discard(self) -> None:
        self._delete_all(self.written)
        self.written.clear()

    def finish(self) -> None:
        self._delete_all(self.obsolete)
        self.obsolete.clear()

    def _delete_all(self, keys: list[str]) -> None:
        for index, key in enumerate(keys):
            try:
                self.storage.delete(key)
            except StorageUnavailable:
                left = len(keys) - index
                log.warning("storage unavailable: %d file(s) left to delete later", left)
                self.pending.add(keys[index:])
                return


def pending_deletions() -> PendingDeletions:
    """This app's (and process's) pending deletions."""
    return current_app.extensions.setdefault("campaign.storage.pending", PendingDeletions())


__all__ = [
    "KEY_PATTERN",
    "FileLedger",
    "PendingDeletions",
    "StorageUnavailable",
    "LocalStorage",
    "Storage",
    "StoredFile",
    "check_key",
    "content_type",
    "get_storage",
    "is_public_key",
    "make_storage",
    "pending_deletions",
]
