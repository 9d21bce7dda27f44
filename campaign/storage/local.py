"""Where files live. Callers name files by key ("cards/abc.jpg"), never by path."""

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from flask import current_app, url_for

KEY_PATTERN = re.compile(r"^(photos|cards)/[A-Za-z0-9_-]{1,100}\.(jpg|webp)$")
PUBLIC_PREFIXES = ("cards/",)
FILE_MODE = 0o644


class Storage(Protocol):
    def save(self, key: str, data: bytes) -> None: ...
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def url(self, key: str) -> str: ...
    def keys(self) -> Iterator[str]: ...


def check_key(key: str) -> str:
    """The key itself if it is one the app could have made; ValueError otherwise."""
    if not KEY_PATTERN.match(key):
        raise ValueError(f"not a storage key: {key!r}")
    return key


def is_public_key(key: str) -> bool:
    return key.startswith(PUBLIC_PREFIXES)


class LocalStorage:
    """Files in a folder on this host (the embedded default)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def path(self, key: str) -> Path:
        return self.root / check_key(key)

    def save(self, key: str, data: bytes) -> None:
        """Write atomically: a crash never leaves half a file under the key."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            # mkstemp makes owner-only files; a reverse proxy serving cards must read them.
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def read(self, key: str) -> bytes:
        return self.path(key).read_bytes()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def url(self, key: str) -> str:
        return url_for("media.file", key=check_key(key))

    def keys(self) -> Iterator[str]:
        for path in sorted(self.root.glob("*/*")):
            key = path.relative_to(self.root).as_posix()
            if KEY_PATTERN.match(key):
                yield key


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
