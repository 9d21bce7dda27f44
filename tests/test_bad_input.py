"""Bad input gets a clear message and the right status, and leaves nothing behind."""

import io
import struct
import zlib

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from campaign.models import Entry
from tests.factories import join_data, photo_bytes, submit


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: a decompression bomb."""
    buffer = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def assert_nothing_stored(db, uploads):
    assert db.session.scalar(select(func.count(Entry.id))) == 0
    assert [p for p in uploads.rglob("*") if p.is_file()] == []


BAD_PHOTOS = {
    "text file named .jpg": (b"hello, this is not a picture", "we can read"),
    "HTML pretending to be a JPEG": (b"<html><script>alert(1)</script></html>", "we can read"),
    "truncated JPEG": (photo_bytes()[:2000], "damaged or incomplete"),
    "decompression bomb": (png_declaring(40_000, 40_000), "too large"),
    "tiny image": (photo_bytes(100, 80), "too small"),
    "empty file": (b"", "The file is empty"),
}


@pytest.mark.parametrize("case", BAD_PHOTOS, ids=list(BAD_PHOTOS))
def test_bad_photo_is_refused_with_a_clear_message(client, db, uploads, case):
    data, message = BAD_PHOTOS[case]
    response = submit(client, photo=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert_nothing_stored(db, uploads)
    assert submit(client).status_code == 303, "the next valid submission is served"


BAD_FIELDS = {
    "empty statement": ({"statement": "   "}, "Please write your statement."),
    "statement too long": ({"statement": "a" * 281}, "280 characters"),
    "bidi override": ({"statement": "I learn \u202egnirts\u202c daily"}, "direction-changing"),
    "control character": ({"name": "Ai\x07no"}, "control characters"),
    "no consent": ({"consent": None}, "Please agree to publication"),
    "no age confirmation": ({"age": None}, "People under 16 cannot join on their own"),
    "unknown country": ({"country": "XX"}, "Please choose your country."),
    "unknown language": ({"language": "de"}, "Not a valid choice"),
    "no photo": ({"photo": False}, "Please add a photo of yourself."),
}


@pytest.mark.parametrize("case", BAD_FIELDS, ids=list(BAD_FIELDS))
def test_bad_field_is_refused_and_the_form_keeps_what_was_typed(client, db, uploads, case):
    fields, message = BAD_FIELDS[case]
    response = client.post(
        "/join", data=join_data(client, **fields), content_type="multipart/form-data"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert "Espoo" in html, "what the person typed is still in the form"
    assert_nothing_stored(db, uploads)


def test_statement_of_exactly_280_characters_is_accepted(client, db):
    assert submit(client, statement="é" * 280).status_code == 303


def test_missing_csrf_token_is_refused_with_an_explanation(client, db, uploads):
    data = join_data(client)
    del data["csrf_token"]
    response = client.post("/join", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "form has expired" in response.get_data(as_text=True)
    assert_nothing_stored(db, uploads)


@pytest.mark.parametrize("settings", [{"MAX_UPLOAD_MB": 1, "MAX_CONTENT_LENGTH": 1024 * 1024}])
def test_upload_over_the_limit_gets_413(client, db, uploads):
    big = photo_bytes() + b"\0" * (2 * 1024 * 1024)
    fields = join_data(client, photo=big)
    stream, filename, content_type = fields["photo"]
    fields["photo"] = FileStorage(stream, filename=filename, content_type=content_type)
    # Encoded in memory: the test client would spool a body this big to a temporary file.
    boundary, body = encode_multipart(fields)
    response = client.post(
        "/join", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    assert "under 1 MB" in response.get_data(as_text=True)
    assert_nothing_stored(db, uploads)


def test_upload_never_uses_the_clients_file_name(client, db, uploads):
    assert submit(client, filename="../../etc/passwd.jpg").status_code == 303
    names = [p.name for p in uploads.rglob("*") if p.is_file()]
    assert names
    assert not any("passwd" in name for name in names)
    assert not (uploads.parent / "etc").exists()


def test_a_failed_commit_leaves_no_files(app, client, db, uploads, monkeypatch):
    def failing_commit():
        raise RuntimeError("database went away")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(db.session, "commit", failing_commit)
    response = submit(client)
    monkeypatch.undo()
    assert response.status_code == 500
    assert "Nothing was saved" in response.get_data(as_text=True)
    assert_nothing_stored(db, uploads)


def test_photo_errors_speak_the_visitors_language(client, db, uploads):
    response = client.post(
        "/join",
        data=join_data(client, photo=photo_bytes()[:2000]),
        content_type="multipart/form-data",
        headers={"Accept-Language": "ar"},
    )
    assert response.status_code == 422
    assert "يبدو أن هذه الصورة تالفة أو غير مكتملة" in response.get_data(as_text=True)
    assert_nothing_stored(db, uploads)
