"""Object storage (a real S3-protocol server on 127.0.0.1, moto's) stopped in the middle of a
submission: 503, and once it is back nothing of the refused submissions is left."""

import secrets
from datetime import timedelta

import boto3
import pytest
from moto.server import ThreadedMotoServer
from sqlalchemy import select

from campaign import maintenance
from campaign.models import Entry
from campaign.storage import get_storage
from tests.chaos.services import free_port
from tests.factories import photo_bytes, submit

PHOTO = photo_bytes(640, 480)
FILES_PER_ENTRY = 5  # the photo, three cards, the thumbnail


class Moto:
    def __init__(self) -> None:
        self.port = free_port()
        self.server: ThreadedMotoServer | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


@pytest.fixture
def moto(monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    server = Moto()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def bucket(moto):
    name = f"chaos-{secrets.token_hex(4)}"
    client = boto3.client("s3", endpoint_url=moto.endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    client.close()
    return name


@pytest.fixture
def settings(moto, bucket):
    return {
        "STORAGE_URL": f"s3://{bucket}/chaos",
        "S3_ENDPOINT_URL": moto.endpoint,
        "S3_CONNECT_TIMEOUT": 1,
        "S3_READ_TIMEOUT": 2,
        "S3_MAX_ATTEMPTS": 2,
        "READYZ_STORAGE_SECONDS": 0,
    }


def _objects(moto: Moto, bucket: str) -> list[str]:
    client = boto3.client("s3", endpoint_url=moto.endpoint, region_name="us-east-1")
    listing = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    client.close()
    return sorted(item["Key"].removeprefix("chaos/") for item in listing)


def test_storage_stopped_mid_submission_gets_503_and_leaves_nothing(
    app, db, moto, bucket, monkeypatch
):
    client = app.test_client()
    assert submit(client, photo=PHOTO).status_code == 303

    storage = get_storage()
    original_save = storage.save
    saves = []

    def save_then_stop(key: str, data: bytes) -> None:
        original_save(key, data)
        saves.append(key)
        if len(saves) == 2:  # the photo and one card are in; the server goes away
            moto.stop()

    monkeypatch.setattr(storage, "save", save_then_stop)
    refused = submit(client, photo=PHOTO)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "60"
    assert "Our file storage is not accepting files" in refused.get_data(as_text=True)
    monkeypatch.setattr(storage, "save", original_save)

    assert submit(client, photo=PHOTO).status_code == 503, "refused while it is down"
    assert client.get("/readyz").status_code == 503

    moto.start()  # back, with what it held (moto keeps its state in this process)
    assert set(saves) <= set(_objects(moto, bucket)), "the outage left the first files behind"
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.get_data(as_text=True)
    assert submit(client, photo=PHOTO).status_code == 303, "served again"

    entries = db.session.scalars(select(Entry)).all()
    assert len(entries) == 2
    assert _objects(moto, bucket) == sorted(key for entry in entries for key in entry.file_keys)
    assert len(_objects(moto, bucket)) == 2 * FILES_PER_ENTRY
    assert maintenance.check(get_storage(), grace=timedelta(0)).clean
