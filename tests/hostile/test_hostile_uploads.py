"""Files that are not photos, broken photos and bombs: each refused clearly, nothing kept."""

import io

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from campaign import images
from campaign.models import Entry
from tests.factories import join_data, photo_bytes, stored_files, submit
from tests.hostile import files
from tests.hostile.messages import human_message

NOT_READABLE = "not a photo we can read"
WRONG_FORMAT = "JPEG, PNG, WebP or HEIC format"
DAMAGED = "damaged or incomplete"
TOO_LARGE = "too large"
ANIMATED = "Animated images are not accepted"

# name: (file bytes, words the person reads). Add a case here and it gets every check.
REFUSED_UPLOADS = {
    "plain text named .jpg": (b"just some text, not a picture", NOT_READABLE),
    "HTML disguised as JPEG": (files.HTML, NOT_READABLE),
    "SVG with a script disguised as JPEG": (files.SVG, NOT_READABLE),
    "PDF disguised as JPEG": (files.PDF, NOT_READABLE),
    "ZIP disguised as JPEG": (files.zip_file(), NOT_READABLE),
    "GIF/JavaScript polyglot": (files.GIF_JS_POLYGLOT, NOT_READABLE),
    "zero bytes": (b"", "The file is empty"),
    "truncated JPEG": (files.truncated(photo_bytes()), DAMAGED),
    "truncated PNG": (files.truncated(files.encoded(800, 600, "PNG")), DAMAGED),
    "truncated WebP": (files.truncated(files.encoded(800, 600, "WEBP")), DAMAGED),
    "truncated HEIC": (files.truncated(files.encoded(800, 600, "HEIF")), DAMAGED),
    "JPEG header only": (photo_bytes()[:200], DAMAGED),
    "JPEG with a garbage frame header": (files.jpeg_with_garbage_header(), DAMAGED),
    "PNG with a bad header checksum": (files.png_with_bad_crc(), NOT_READABLE),
    "WebP with a zeroed bitstream": (files.webp_with_corrupt_bitstream(), DAMAGED),
    "PNG declaring 40000×40000": (files.png_declaring(40_000, 40_000), TOO_LARGE),
    "JPEG declaring 60000×60000": (files.jpeg_declaring(60_000, 60_000), TOO_LARGE),
    "WebP declaring 16384×16384": (files.webp_declaring(16_384, 16_384), TOO_LARGE),
    "GIF declaring 65535×65535": (files.gif_declaring(65_535, 65_535), TOO_LARGE),
    "real 60-megapixel PNG of a few KB": (files.real_png_bomb(), TOO_LARGE),
    "animated GIF": (files.animated("GIF"), WRONG_FORMAT),
    "animated WebP": (files.animated("WEBP"), ANIMATED),
    "animated PNG": (files.animated("PNG"), ANIMATED),
    "HEIC image sequence": (files.heic_sequence(), ANIMATED),
    "too small to print": (photo_bytes(200, 150), "too small"),
}


@pytest.mark.parametrize("case", REFUSED_UPLOADS, ids=list(REFUSED_UPLOADS))
def test_hostile_upload_is_refused_clearly_and_leaves_nothing(
    client, nothing_stored, still_serving, case
):
    data, words = REFUSED_UPLOADS[case]
    response = submit(client, photo=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert words in html
    assert human_message(html)
    assert "Espoo" in html, "the rest of the form is kept for the next try"
    nothing_stored()
    still_serving()


# Valid photos carrying something else: accepted as photos, kept only as re-encoded pixels.
POLYGLOTS = {
    "JPEG with HTML and a ZIP appended": files.jpeg_with_html_appended(),
    "JPEG with a script in its comment": files.jpeg_with_html_comment(),
}


@pytest.mark.parametrize("case", POLYGLOTS, ids=list(POLYGLOTS))
def test_polyglot_photo_is_kept_only_as_reencoded_pixels(client, db, uploads, case):
    response = submit(client, photo=POLYGLOTS[case])
    assert response.status_code == 303
    for path in stored_files(uploads):
        content = path.read_bytes()
        assert b"<script" not in content
        assert b"PK\x03\x04" not in content, f"{path.name} still carries the archive"


def test_heic_with_two_images_is_read_as_its_primary_photo(client, db):
    """A HEIC may hold several still images; the primary one is the photo, not an animation."""
    photo = images.load_photo(files.heic_collection(primary="blue"))
    assert photo.size == (640, 480)
    red, green, blue = photo.image.getpixel((320, 240))
    assert blue > 200
    assert max(red, green) < 40
    response = submit(client, photo=files.heic_collection())
    assert response.status_code == 303
    assert db.session.scalars(select(Entry)).one()


HOSTILE_FILENAMES = {
    "path traversal": "../../../../etc/passwd.jpg",
    "windows traversal": "..\\..\\windows\\win.ini.jpg",
    "NUL byte": "photo.jpg\x00.php",
    "very long": "a" * 5000 + ".jpg",
    "HTML": "<img src=x onerror=alert(1)>.jpg",
    "right-to-left override": "photo\u202egpj.exe",
    "reserved device name": "CON.jpg",
    "only dots": "..",
}


@pytest.mark.parametrize("case", HOSTILE_FILENAMES, ids=list(HOSTILE_FILENAMES))
def test_file_name_is_never_used(client, db, uploads, tmp_path, case):
    """The photo itself is fine, so it is accepted; the name the browser sent plays no part."""
    response = submit(client, filename=HOSTILE_FILENAMES[case])
    assert response.status_code == 303
    entry = db.session.scalars(select(Entry)).one()
    assert all(path.is_relative_to(uploads) for path in stored_files(uploads))
    names = {path.relative_to(uploads).as_posix() for path in stored_files(uploads)}
    assert names == set(entry.file_keys)
    assert [path for path in tmp_path.parent.rglob("passwd*")] == []


@pytest.mark.parametrize("settings", [{"MAX_UPLOAD_MB": 1, "MAX_CONTENT_LENGTH": 1024 * 1024}])
def test_oversized_upload_is_refused_before_it_is_read(client, nothing_stored, still_serving):
    fields = join_data(client, photo=b"\xff\xd8" + b"\0" * (3 * 1024 * 1024))
    stream, filename, content_type = fields["photo"]
    fields["photo"] = FileStorage(stream, filename=filename, content_type=content_type)
    boundary, body = encode_multipart(fields)
    response = client.post(
        "/join", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    assert "under 1 MB" in response.get_data(as_text=True)
    nothing_stored()
    still_serving()


def test_pillow_pixel_limit_is_set_deliberately():
    """Pillow's own bomb check stays on, above our refusal, so nothing decodes past it."""
    assert Image.MAX_IMAGE_PIXELS is not None
    assert images.MAX_PIXELS < Image.MAX_IMAGE_PIXELS <= 4 * images.MAX_PIXELS


def test_photo_just_under_the_pixel_limit_is_decoded_at_reduced_scale():
    """A 48-megapixel JPEG is accepted and never held at full size after decoding."""
    buffer = io.BytesIO()
    Image.new("RGB", (8000, 6000), (120, 80, 60)).save(buffer, "JPEG", quality=50)
    photo = images.load_photo(buffer.getvalue())
    assert max(photo.size) <= images.STORED_LONG_SIDE
