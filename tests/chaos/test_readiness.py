"""/readyz for load balancers: database and storage must work; Redis is reported."""

import pytest

from campaign.storage import LocalStorage, StorageUnavailable


class CountingStorage(LocalStorage):
    """Local storage that counts writes, and can be made to fail like a full disk."""

    def __init__(self, root) -> None:
        super().__init__(root)
        self.saves = 0
        self.failing = False

    def save(self, key: str, data: bytes) -> None:
        self.saves += 1
        if self.failing:
            raise StorageUnavailable("local storage: No space left on device")
        super().save(key, data)


@pytest.fixture
def storage(app, uploads):
    counting = CountingStorage(uploads)
    app.extensions["campaign.storage"] = counting
    return counting


def test_ready_when_database_and_storage_work(app, storage, uploads):
    response = app.test_client().get("/readyz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ready\ndatabase: ok\nstorage: ok\n"
    assert response.headers["Cache-Control"] == "no-store"
    assert storage.saves == 1, "storage was tried with a real write"
    assert [path for path in uploads.rglob("*") if path.is_file()] == [], "and the probe removed"


@pytest.mark.parametrize("settings", [{"READYZ_STORAGE_SECONDS": 3600}])
def test_storage_is_written_at_most_once_per_interval(app, storage):
    client = app.test_client()
    for _ in range(5):
        assert client.get("/readyz").status_code == 200
    assert storage.saves == 1


@pytest.mark.parametrize("settings", [{"READYZ_STORAGE_SECONDS": 0}])
def test_not_ready_names_failing_storage(app, storage):
    storage.failing = True
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert body.startswith("not ready: storage\n")
    assert "database: ok" in body
    assert "No space left on device" in body
    storage.failing = False
    assert app.test_client().get("/readyz").status_code == 200, "ready again once it works"


@pytest.mark.parametrize("settings", [{"REDIS_URL": "redis://127.0.0.1:9/0"}])
def test_redis_away_is_reported_but_the_host_stays_ready(app, storage):
    response = app.test_client().get("/readyz")
    assert response.status_code == 200
    assert "redis: unavailable" in response.get_data(as_text=True)


def test_liveness_touches_nothing(app, storage):
    assert app.test_client().get("/healthz").get_data(as_text=True) == "ok\n"
    assert storage.saves == 0
