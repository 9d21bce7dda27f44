"""Files in a folder on this host (the embedded default)."""

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from flask import url_for

from campaign.storage.base import KEY_PATTERN, StorageUnavailable, StoredFile, check_key

TEMPORARY_PREFIX = ".tmp-"
# What the file system says when it, not the caller, is the problem.
OUTAGE_ERRNOS = {
    errno.ENOSPC,  # no space left
    errno.EDQUOT,  # over quota
    errno.EACCES,  # permission lost (a remount, a changed owner)
    errno.EPERM,
    errno.EROFS,  # remounted read-only after an error
    errno.EIO,
    errno.ENOMEM,
}


@contextmanager
def _outage_as_unavailable():
    try:
        yield
    except OSError as error:
        if error.errno in OUTAGE_ERRNOS:
            raise StorageUnavailable(f"local storage: {error.strerror}") from error
        raise


class LocalStorage:
    """Files under one folder; a reverse proxy may serve its cards/ folder directly."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def path(self, key: str) -> Path:
        return self.root / check_key(key)

    def save(self, key: str, data: bytes) -> None:
        """Write atomically: a crash never leaves half a file under the key."""
        target = self.path(key)
        with _outage_as_unavailable():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=TEMPORARY_PREFIX)
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                # mkstemp makes 0600; the proxy serving cards/ runs as another user.
                os.chmod(temporary, 0o644)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise

    def read(self, key: str) -> bytes:
        with _outage_as_unavailable():
            return self.path(key).read_bytes()

    def delete(self, key: str) -> None:
        with _outage_as_unavailable():
            self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def url(self, key: str) -> str:
        return url_for("media.file", key=check_key(key))

    def keys(self) -> Iterator[str]:
        for stored in self.listing():
            yield stored.key

    def listing(self) -> Iterator[StoredFile]:
        """Every stored file with its modification time."""
        for path in sorted(self.root.glob("*/*")):
            key = path.relative_to(self.root).as_posix()
            if KEY_PATTERN.match(key):
                modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                yield StoredFile(key, modified)

    def leftovers(self, older_than: datetime) -> list[str]:
        """Temporary files of writes that a killed process never finished, older than given."""
        found = []
        for path in sorted(self.root.glob(f"*/{TEMPORARY_PREFIX}*")):
            if datetime.fromtimestamp(path.stat().st_mtime, UTC) < older_than:
                found.append(path.relative_to(self.root).as_posix())
        return found

    def delete_leftover(self, name: str) -> None:
        path = (self.root / name).resolve()
        if path.parent.parent == self.root and path.name.startswith(TEMPORARY_PREFIX):
            path.unlink(missing_ok=True)
