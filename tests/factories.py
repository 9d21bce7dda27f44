"""Small builders for test data: real image files and filled-in forms."""

import base64
import binascii
import contextlib
import io
import re
import zlib

from PIL import Image, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_bytes(
    width: int = 1200,
    height: int = 900,
    *,
    format: str = "JPEG",
    orientation: int | None = None,
    gps: bool = True,
    mode: str = "RGB",
) -> bytes:
    """A real image file: a face-like figure on a gradient, with EXIF (and GPS) if JPEG."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 8):
        draw.rectangle([0, y, width, y + 8], fill=(40 + y * 150 // height, 90, 160))
    # A red marker in the top-left quarter shows which way is up after orientation.
    draw.rectangle([0, 0, width // 4, height // 4], fill=(220, 30, 30))
    draw.ellipse([width // 3, height // 4, 2 * width // 3, 3 * height // 4], fill=(240, 200, 160))
    if mode != "RGB":
        image = image.convert(mode)
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0131] = "secret-editor 1.0"  # Software
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 30.0), 3: "E", 4: (2.0, 17.0, 40.0)}
    buffer = io.BytesIO()
    if format == "JPEG":
        image.save(buffer, format, exif=exif.tobytes(), quality=90)
    else:
        image.save(buffer, format)
    return buffer.getvalue()


def open_image(path) -> Image.Image:
    """An image from disk, read whole so no file handle stays open."""
    image = Image.open(io.BytesIO(path.read_bytes()))
    image.load()
    return image


def csrf_token(client, url: str = "/join") -> str:
    """The CSRF token from the form a person would have loaded."""
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def join_data(client, *, photo: bytes | None = None, filename: str = "me.jpg", **fields) -> dict:
    """A complete, valid join form with a fresh CSRF token; override any field."""
    data = {
        "csrf_token": csrf_token(client),
        "name": "Aino",
        "city": "Espoo",
        "country": "FI",
        "language": "en",
        "statement": "every day teaches me something new.",
        "consent": "y",
        "age": "y",
    }
    data.update(fields)
    if photo is not False:
        data["photo"] = (
            io.BytesIO(photo if photo is not None else photo_bytes()),
            filename,
            "image/jpeg",
        )
    return {key: value for key, value in data.items() if value is not None}


def submit(client, **kwargs):
    """Post the join form as a browser does."""
    return client.post(
        "/join", data=join_data(client, **kwargs), content_type="multipart/form-data"
    )


def manage_token(response) -> str:
    """The manage token from the redirect that follows a successful submission."""
    match = re.search(r"/m/([A-Za-z0-9_-]+)$", response.headers["Location"])
    assert match, response.headers.get("Location")
    return match.group(1)


def readable_session(client) -> str:
    """Everything anyone holding the session cookie can read from it without SECRET_KEY:
    the value itself and each dot-separated part base64-decoded (and inflated, as
    itsdangerous compresses)."""
    cookie = client.get_cookie("session", domain="campaign.test")
    if cookie is None:
        return ""
    texts = [cookie.value]
    for part in cookie.value.lstrip(".").split("."):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        texts.append(raw.decode("utf-8", "replace"))
        with contextlib.suppress(zlib.error):
            texts.append(zlib.decompress(raw).decode("utf-8", "replace"))
    return "\n".join(texts)
