"""Where files live. Callers name files by key ("cards/abc.jpg"), never by path.

Two implementations behind one interface: `LocalStorage` (a folder on this host, the embedded
default) and `S3Storage` (S3-compatible object storage, for several hosts), chosen by
STORAGE_URL. `FileLedger` remembers what one unit of work wrote so it can be removed again.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from flask import current_app

KEY_PATTERN = re.compile(r"^(photos|cards)/[A-Za-z0-9_-]{1,100}\.(jpg|webp)$")
PUBLIC_PREFIXES = ("cards/",)
CONTENT_TYPES = {"jpg": "image/jpeg", "webp": "image/webp"}


@dataclass(frozen=True)
class StoredFile:
    key: str
    modified: datetime  # timezone-aware


class Storage(Protocol):
    def save(self, key: str, data: bytes) -> None: ...
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def url(self, key: str) -> str: ...
    def keys(self) -> Iterator[str]: ...
    def listing(self) -> Iterator[StoredFile]: ...
    def leftovers(self, older_than: datetime) -> list[str]: ...
    def delete_leftover(self, name: str) -> None: ...


def check_key(key: str) -> str:
    """The key itself if it is one the app could have made; ValueError otherwise."""
    if not KEY_PATTERN.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


def is_public_key(key: str) -> bool:
    return key.startswith(PUBLIC_PREFIXES)


def content_type(key: str) -> str:
    """The only media types we ever store or serve; never anything a browser would run."""
    return CONTENT_TYPES[check_key(key).rsplit(".", 1)[1]]


def make_storage(config: dict) -> Storage:
    """The storage STORAGE_URL names: empty for the local UPLOAD_DIR, s3://bucket/prefix."""
    url = config.get("STORAGE_URL") or ""
    if not url:
        return LocalStorage(config["UPLOAD_DIR"])
    parts = urlsplit(url)
    if parts.scheme == "s3" and parts.netloc:
        from campaign.storage.s3 import S3Storage

        return S3Storage(
            bucket=parts.netloc,
            prefix=parts.path.strip("/"),
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            region=config.get("S3_REGION") or None,
            public_url=config.get("S3_PUBLIC_URL") or "",
            url_expires=int(config.get("S3_URL_EXPIRES") or 7 * 24 * 3600),
        )
    raise RuntimeError(f"STORAGE_URL must be empty or s3://bucket/prefix, not {url!r}.")


def get_storage() -> Storage:
    return current_app.extensions["campaign.storage"]


class FileLedger:
    """Files written during one unit of work, removed again if it does not commit."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.written: list[str] = []
        self.obsolete: list[str] = []

    def save(self, key: str, data: bytes) -> None:
        self.written.append(key)
        self.storage.save(key, data)

    def delete_after_commit(self, key: str) -> None:
        self.obsolete.append(key)

    def discard(self) -> None:
        for key in self.written:
            self.storage.delete(key)
        self.written.clear()

    def finish(self) -> None:
        for key in self.obsolete:
            self.storage.delete(key)
        self.obsolete.clear()


from campaign.storage.local import LocalStorage  # noqa: E402 (the implementations import the helpers above)

__all__ = [
    "KEY_PATTERN",
    "FileLedger",
    "LocalStorage",
    "Storage",
    "StoredFile",
    "check_key",
    "content_type",
    "get_storage",
    "is_public_key",
    "make_storage",
]
