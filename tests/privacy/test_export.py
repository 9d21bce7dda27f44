"""'Download my data': a zip of what is stored about the entry, with a JSON describing it."""

import io
import json
import zipfile

from campaign.extensions import db
from campaign.models import ConsentVersion
from tests.factories import act, backdate, find_entry, join, open_image


def _zip(client, token: str) -> zipfile.ZipFile:
    response = client.get(f"/m/{token}/my-data")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_zip_holds_the_photo_cards_fields_consent_and_decisions(
    app, client, moderator, uploads
):
    client.set_cookie("lang", "fr", domain="campaign.test")
    slug, token = join(client, name="Aino", city="Espoo", statement="j'apprends chaque jour.")
    stored = find_entry(app, slug=slug)
    act(moderator, stored.id, "reject", reason_choice="off_topic")
    act(moderator, stored.id, "restore")
    act(moderator, stored.id, "approve")
    stored = find_entry(app, slug=slug)  # the cards came back from held/ under new names
    archive = _zip(client, token)
    names = set(archive.namelist())
    assert names == {
        "data.json",
        "photo.jpg",
        "cards/landscape.jpg",
        "cards/square.jpg",
        "cards/story.jpg",
        "cards/thumb.webp",
        "consent/notice.html",
    }
    # The files are the stored ones, byte for byte.
    assert archive.read("photo.jpg") == (uploads / stored.photo_key).read_bytes()
    for fmt, key in stored.card_keys.items():
        extension = key.rsplit(".", 1)[-1]
        assert archive.read(f"cards/{fmt}.{extension}") == (uploads / key).read_bytes()
    assert open_image(uploads / stored.photo_key).getexif() == {}

    data = json.loads(archive.read("data.json"))
    assert data["entry"]["name"] == "Aino"
    assert data["entry"]["city"] == "Espoo"
    assert data["entry"]["statement"] == "j'apprends chaque jour."
    assert data["entry"]["status"] == "approved"
    assert data["consent"]["version"] == stored.consent_version
    assert data["consent"]["language"] == "fr"
    with app.app_context():
        accepted = db.session.get(ConsentVersion, stored.consent_version)
        assert data["consent"]["text"] == accepted.consent_text
        assert archive.read("consent/notice.html").decode() == accepted.notice_html
    assert [(d["action"], d["to_status"]) for d in data["moderation"]] == [
        ("reject", "rejected"),
        ("restore", "pending"),
        ("approve", "approved"),
    ]
    assert data["moderation"][0]["reason"] == "Not about lifelong learning"
    # Moderators' identities are theirs, not the person's: not in the export.
    assert "mod@city.example" not in json.dumps(data)
    described = {item["file"] for item in data["files"]}
    assert described == names


def test_after_the_photo_is_purged_the_zip_says_so(app, client):
    slug, token = join(client)
    backdate(app, slug, photo_key="")
    archive = _zip(client, token)
    assert "photo.jpg" not in archive.namelist()
    assert json.loads(archive.read("data.json"))["entry"]["photo_kept"] is False


def test_only_the_private_link_opens_it(client):
    join(client)
    assert client.get("/m/not-a-token/my-data").status_code == 404
    assert client.get("/m/" + "a" * 200 + "/my-data").status_code == 404


def test_the_share_page_offers_it(client):
    _, token = join(client)
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert f'href="/m/{token}/my-data"' in page
