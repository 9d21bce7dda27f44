"""Object storage against a real S3-protocol server on 127.0.0.1 (moto's server mode)."""

import secrets

import boto3
import pytest
import requests
from moto.server import ThreadedMotoServer
from sqlalchemy import select

from campaign.config import defaults
from campaign.models import Entry
from campaign.storage import make_storage
from tests.factories import manage_token, submit

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    for name, value in {**CREDENTIALS, "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(name, value)
    name = f"campaign-{secrets.token_hex(4)}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    yield name
    client.close()


@pytest.fixture
def settings(s3_endpoint, bucket):
    return {"STORAGE_URL": f"s3://{bucket}/campaign-a", "S3_ENDPOINT_URL": s3_endpoint}


def _objects(endpoint: str, bucket: str) -> list[str]:
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    listing = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    client.close()
    return sorted(item["Key"] for item in listing)


def test_submission_stores_photo_and_cards_in_the_bucket(client, db, s3_endpoint, bucket):
    response = submit(client)
    assert response.status_code == 303
    entry = db.session.scalars(select(Entry)).one()
    assert _objects(s3_endpoint, bucket) == sorted(f"campaign-a/{k}" for k in entry.file_keys)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    card = entry.card_keys["landscape"]
    url = next(part for part in page.split('"') if card in part and part.startswith("http"))
    fetched = requests.get(url.replace("&amp;", "&"), timeout=10)
    assert fetched.status_code == 200, "the pre-signed URL serves the card"
    assert fetched.headers["Content-Type"] == "image/jpeg"
    assert fetched.content[:2] == b"\xff\xd8"
    assert "X-Amz-Signature" in url


def test_refused_submission_leaves_nothing_in_the_bucket(client, s3_endpoint, bucket):
    assert submit(client, photo=b"<html>not a photo</html>").status_code == 422
    assert _objects(s3_endpoint, bucket) == []


def test_erasure_removes_every_object(client, db, s3_endpoint, bucket):
    token = manage_token(submit(client))
    form = client.get(f"/m/{token}/erase").get_data(as_text=True)
    csrf = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert client.post(f"/m/{token}/erase", data={"csrf_token": csrf}).status_code == 200
    assert _objects(s3_endpoint, bucket) == []


def test_editing_the_statement_replaces_the_cards_in_the_bucket(client, db, s3_endpoint, bucket):
    token = manage_token(submit(client))
    before = set(_objects(s3_endpoint, bucket))
    page = client.get(f"/m/{token}").get_data(as_text=True)
    csrf = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        f"/m/{token}/statement", data={"csrf_token": csrf, "statement": "I learn from others."}
    )
    assert response.status_code == 303
    after = set(_objects(s3_endpoint, bucket))
    photo = {key for key in before if "/photos/" in key}
    assert photo <= after, "the photo stays"
    assert len(after) == len(before)
    assert not (before - photo) & after, "the old cards are gone"


def test_public_url_mode_serves_cards_from_the_public_base(app, s3_endpoint, bucket):
    storage = make_storage(
        {
            **defaults(),
            "STORAGE_URL": f"s3://{bucket}/p",
            "S3_ENDPOINT_URL": s3_endpoint,
            "S3_PUBLIC_URL": "https://cdn.example.org/",
            "UPLOAD_DIR": "unused",
        }
    )
    key = "cards/abc-landscape-0123456789.jpg"
    storage.save(key, b"\xff\xd8 card")
    assert storage.url(key) == f"https://cdn.example.org/p/{key}"
    assert storage.read(key) == b"\xff\xd8 card"
    assert storage.exists(key)
    assert [stored.key for stored in storage.listing()] == [key]
    storage.delete(key)
    assert not storage.exists(key)


def test_photos_never_get_a_url(s3_endpoint, bucket):
    storage = make_storage(
        {**defaults(), "STORAGE_URL": f"s3://{bucket}", "S3_ENDPOINT_URL": s3_endpoint}
    )
    with pytest.raises(ValueError, match="never served"):
        storage.url("photos/abc.jpg")


def test_maintenance_finds_orphan_objects(app, db, runner, client, s3_endpoint, bucket):
    submit(client)
    storage = app.extensions["campaign.storage"]
    storage.save("cards/orphan-landscape-0000000000.jpg", b"\xff\xd8 left by a killed worker")
    result = runner.invoke(args=["maintenance", "check", "--grace-minutes", "0"])
    assert result.exit_code == 1
    assert "orphan file: cards/orphan-landscape-0000000000.jpg" in result.output
    result = runner.invoke(args=["maintenance", "check", "--fix", "--grace-minutes", "0"])
    assert result.exit_code == 0
    assert not any("orphan" in key for key in _objects(s3_endpoint, bucket))
    assert len(_objects(s3_endpoint, bucket)) == 5


def test_a_rejected_entrys_cards_leave_the_bucket_prefix_that_is_served(
    app, client, db, s3_endpoint, bucket
):
    from tests.factories import act, make_user, sign_in

    make_user(app, "mod@city.example")
    moderator = app.test_client()
    assert sign_in(moderator, "mod@city.example").status_code == 303
    token = manage_token(submit(client))
    entry = db.session.scalars(select(Entry)).one()
    page = client.get(f"/m/{token}").get_data(as_text=True)
    card = entry.card_keys["landscape"]
    old_url = next(part for part in page.split('"') if card in part and part.startswith("http"))
    assert requests.get(old_url.replace("&amp;", "&"), timeout=10).status_code == 200

    act(moderator, entry.id, "reject", reason_choice="spam", reason_text="")
    assert requests.get(old_url.replace("&amp;", "&"), timeout=10).status_code in (403, 404)
    objects = _objects(s3_endpoint, bucket)
    assert not [key for key in objects if key.startswith("campaign-a/cards/")]
    assert len([key for key in objects if key.startswith("campaign-a/held/")]) == 4
    shown = client.get(f"/m/{token}/card/landscape")
    assert (shown.status_code, shown.data[:2]) == (200, b"\xff\xd8")

    act(moderator, entry.id, "restore")
    objects = _objects(s3_endpoint, bucket)
    cards = [key for key in objects if key.startswith("campaign-a/cards/")]
    assert len(cards) == 4
    assert f"campaign-a/{card}" not in cards
    assert not [key for key in objects if key.startswith("campaign-a/held/")]
