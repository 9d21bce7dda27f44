"""Files a rolled-back unit of work could not remove while storage was away are removed once
it answers again, and a storage still away is not asked on every request meanwhile."""

from campaign import storage as storage_module
from campaign.storage import FileLedger, PendingDeletions, StorageUnavailable


class FlakyStorage:
    def __init__(self) -> None:
        self.files = {"photos/a.jpg", "cards/a-square.jpg", "cards/a-story.jpg"}
        self.away = False
        self.deletes = 0

    def save(self, key: str, data: bytes) -> None:
        if self.away:
            raise StorageUnavailable("object storage: connection refused")
        self.files.add(key)

    def delete(self, key: str) -> None:
        self.deletes += 1
        if self.away:
            raise StorageUnavailable("object storage: connection refused")
        self.files.discard(key)


def test_what_could_not_be_removed_is_removed_when_storage_is_back(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(storage_module.time, "monotonic", lambda: now[0])
    storage = FlakyStorage()
    pending = PendingDeletions(interval=5)
    ledger = FileLedger(storage, pending)
    ledger.save("photos/b.jpg", b"photo")
    ledger.save("cards/b-square.jpg", b"card")
    storage.away = True
    ledger.discard()  # the unit of work rolled back while storage went away
    assert {"photos/b.jpg", "cards/b-square.jpg"} <= storage.files
    assert len(pending) == 2

    pending.retry(storage, force=True)  # still away: one try, then it waits 10 s
    tries = storage.deletes
    now[0] += 6
    pending.retry(storage)
    assert storage.deletes == tries, "not asked again before the doubled wait"
    storage.away = False
    now[0] += 5
    pending.retry(storage)
    assert "photos/b.jpg" not in storage.files
    assert "cards/b-square.jpg" not in storage.files
    assert len(pending) == 0
    assert {"photos/a.jpg", "cards/a-square.jpg"} <= storage.files, "others' files untouched"
