"""Hostile and broken files, built byte by byte so each says exactly what it is."""

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pillow_heif
from PIL import Image

from tests.factories import photo_bytes

pillow_heif.register_heif_opener()


def encoded(width: int = 800, height: int = 600, format: str = "JPEG", **options) -> bytes:
    image = Image.new("RGB", (width, height), (30, 110, 160))
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size."""
    data = bytearray(encoded(1, 1, "PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def jpeg_declaring(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF) claims a huge size."""
    data = bytearray(encoded(16, 16))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def webp_declaring(width: int, height: int) -> bytes:
    """A WebP with an extended header (VP8X) whose canvas is huge, around a 1×1 image."""
    inner = encoded(1, 1, "WEBP", lossless=True)[12:]  # the VP8L chunk
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\0\0\0\0"
    vp8x += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + vp8x + inner
    return b"RIFF" + struct.pack("<I", len(body)) + body


def gif_declaring(width: int, height: int) -> bytes:
    data = bytearray(encoded(1, 1, "GIF"))
    data[6:10] = struct.pack("<HH", width, height)
    return bytes(data)


def real_png_bomb() -> bytes:
    """A real image of 60 megapixels that compresses to a few kilobytes."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def animated(format: str) -> bytes:
    frames = [Image.new("RGB", (640, 480), colour) for colour in ("red", "blue", "green")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format, save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def heic_collection(primary: str = "blue") -> bytes:
    """A HEIC holding two top-level still images, as libheif's examples/example.heic does:
    the primary one (primary's colour, 640×480) is the photo, the other an 800×600 red."""
    other = Image.new("RGB", (800, 600), "red")
    photo = Image.new("RGB", (640, 480), primary)
    buffer = io.BytesIO()
    other.save(buffer, "HEIF", save_all=True, append_images=[photo], primary_index=1)
    return buffer.getvalue()


def heic_sequence() -> bytes:
    """The same two images declared an HEVC image sequence (major brand hevs)."""
    data = heic_collection()
    assert data[4:12] == b"ftypheic"
    return data[:8] + b"hevs" + data[12:]


FIXTURES = Path(__file__).parent / "fixtures"


def webp_rgba_16383x3051() -> bytes:
    """A 2 KB lossless WebP of 16383×3051 RGBA (WebP's widest), one flat colour: 200 MB
    decoded, and Pillow's WebP decoder holds about four times that while it decodes."""
    return (FIXTURES / "rgba-16383x3051-lossless.webp").read_bytes()


def heic_rgba_8000x6000() -> bytes:
    """A 22 KB HEIC of 48 megapixels with alpha (x265 takes minutes to make one, so kept)."""
    return (FIXTURES / "rgba-8000x6000.heic").read_bytes()


def png_rgba(width: int, height: int) -> bytes:
    """A real RGBA PNG of any size, one flat colour, written without holding its pixels."""
    row = b"\x00" + bytes((30, 110, 160, 200)) * width  # filter byte "none", then the pixels
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]


def png_with_bad_crc() -> bytes:
    data = bytearray(encoded(640, 480, "PNG"))
    data[29] ^= 0xFF  # the IHDR checksum
    return bytes(data)


def jpeg_with_garbage_header() -> bytes:
    data = bytearray(encoded(640, 480))
    sof = data.index(b"\xff\xc0")
    data[sof + 2 : sof + 40] = b"\xff" * 38
    return bytes(data)


def webp_with_corrupt_bitstream() -> bytes:
    data = bytearray(encoded(640, 480, "WEBP", quality=80))
    data[30:] = bytes(len(data) - 30)
    return bytes(data)


def zip_file() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", photo_bytes())
    return buffer.getvalue()


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">'
    b'<script>alert(document.cookie)</script><rect width="800" height="600"/></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# Valid GIF header and valid JavaScript at once (the classic GIF/JS polyglot).
GIF_JS_POLYGLOT = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/=alert(document.domain)//;"
PAYLOAD = b"<script>alert('polyglot')</script>"


def jpeg_with_html_appended() -> bytes:
    """A real photo that is also an HTML page to a browser that sniffs."""
    return photo_bytes() + PAYLOAD + zip_file()


def jpeg_with_html_comment() -> bytes:
    """A real photo whose comment segment carries a script."""
    image = Image.open(io.BytesIO(photo_bytes()))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", comment=PAYLOAD, quality=90)
    return buffer.getvalue()
