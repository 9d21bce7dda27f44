"""What every storage shares: the keys the app makes, their media types, the interface and
its one error. The implementations (local.py, s3.py) and the package import from here."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

KEY_PATTERN = re.compile(
    r"^(?:(?:photos|cards|held)/[A-Za-z0-9_-]{1,100}\.(jpg|webp)|logos/[A-Za-z0-9_-]{1,100}\.(png))$"
)
# held/: cards of entries that are not to be seen (rejected, unpublished, an edit waiting).
# logos/: city editions' logos, re-encoded as PNG (campaign/editions/logo.py).
PUBLIC_PREFIXES = ("cards/", "logos/")
CONTENT_TYPES = {"jpg": "image/jpeg", "webp": "image/webp", "png": "image/png"}


class StorageUnavailable(RuntimeError):
    """Storage cannot write, read or delete right now; the cause is chained."""


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
