"""The uploads folder on a file system that fills up: the submission that does not fit gets a
503 saying why, nothing of it is left (no file, no temporary, no row), and earlier entries
keep all their files. A small tmpfs where the test may mount one, else a storage that
refuses writes past a byte budget the way a full disk does."""

import errno
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import select

from campaign import maintenance
from campaign.models import Entry
from campaign.storage import LocalStorage, get_storage
from campaign.storage import local as local_storage
from tests.factories import join_data, photo_bytes, submit

CAPACITY = 600_000  # bytes: room for two entries' photo and cards, not three
PHOTO = photo_bytes(640, 480)


class FullDiskStorage(LocalStorage):
    """Local storage on a disk that holds `capacity` bytes: past it, writes fail with ENOSPC."""

    def __init__(self, root, capacity: int) -> None:
        super().__init__(root)
        self.capacity = capacity

    def save(self, key: str, data: bytes) -> None:
        used = sum(path.stat().st_size for path in self.root.rglob("*") if path.is_file())
        if used + len(data) > self.capacity:
            with local_storage._outage_as_unavailable():
                raise OSError(errno.ENOSPC, "No space left on device")
        super().save(key, data)


@pytest.fixture
def full_disk(app, uploads):
    """The uploads folder on a small file system: a tmpfs, or the ENOSPC storage."""
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={CAPACITY},mode=0755", "tmpfs", str(uploads)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        app.extensions["campaign.storage"] = FullDiskStorage(uploads, CAPACITY)
        yield "a storage raising ENOSPC"
        return
    try:
        yield "tmpfs"
    finally:
        subprocess.run(["umount", "-l", str(uploads)], check=False, capture_output=True)


def test_a_submission_that_does_not_fit_gets_503_and_leaves_nothing(app, db, uploads, full_disk):
    client = app.test_client()
    statuses = []
    for _ in range(8):
        response = submit(client, photo=PHOTO)
        statuses.append(response.status_code)
        if response.status_code == 503:
            break
    assert statuses[-1] == 503, f"the disk never filled up ({full_disk}): {statuses}"
    assert set(statuses[:-1]) == {303}, statuses
    assert response.headers["Retry-After"] == "60"
    html = response.get_data(as_text=True)
    assert "Our file storage is not accepting files at the moment" in html
    assert 'value="Aino"' in html, "the form keeps what was typed"

    entries = db.session.scalars(select(Entry)).all()
    assert len(entries) == len(statuses) - 1
    stored = sorted(
        path.relative_to(uploads).as_posix() for path in uploads.rglob("*") if path.is_file()
    )
    assert stored == sorted(key for entry in entries for key in entry.file_keys), (
        "exactly the files of the entries kept: no part of the refused one, no temporary"
    )
    report = maintenance.check(get_storage(), grace=timedelta(0))
    assert report.clean, report


def test_the_refusal_is_told_in_the_visitors_language(app, uploads, full_disk):
    client = app.test_client()
    for _ in range(8):
        response = client.post(
            "/join",
            data=join_data(client, photo=PHOTO),
            content_type="multipart/form-data",
            headers={"Accept-Language": "es"},
        )
        if response.status_code != 303:
            break
    assert response.status_code == 503
    assert "Nuestro almacenamiento de archivos no acepta archivos" in response.get_data(
        as_text=True
    )
