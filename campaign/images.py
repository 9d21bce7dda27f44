"""Turn an uploaded file into a clean photo: decoded at the scale the cards need, sRGB, no
metadata, kept in the file's orientation with the turn that makes it upright."""

import ctypes
import ctypes.util
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from functools import cached_property
from typing import IO

from flask_babel import lazy_gettext as _l
from PIL import ExifTags, Image, ImageCms, ImageFile, UnidentifiedImageError
from pillow_heif import register_heif_opener

from campaign.orientation import upright, upright_size

register_heif_opener()

# Decompression bombs are refused by our own pixel check before decoding; Pillow's
# own limit stays as a second line of defence at twice that size.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS * 2
# Pillow hands each freed image's memory straight back to the system unless told to keep
# some (its PILLOW_BLOCKS_MAX), so every image a request makes (decoded, turned, each
# card) faults in fresh pages; keeping up to four 16 MB blocks for the next image saves
# about a tenth of a card rendering (bench/cards.py) for at most 64 MB held per process.
if "PILLOW_BLOCKS_MAX" not in os.environ:
    Image.core.set_blocks_max(4)

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
MIN_SIDE = 320
STORED_LONG_SIDE = 2560
# The share cards' largest photo crops need an upright photo at least this wide and
# this tall (campaign.cards.geometry.photo_cover; a test keeps the two equal).
# Decoding stops at the smallest JPEG scale that still covers it.
DECODE_COVER = (1080, 1422)
SRGB = ImageCms.createProfile("sRGB")
SRGB_BYTES = ImageCms.ImageCmsProfile(SRGB).tobytes()


TOO_LARGE = _l("This image is too large. Please use a photo under 50 megapixels.")
# What the person is told, here and before the upload by the join page (photo_messages).
EMPTY = _l("The file is empty. Please choose a photo.")
WRONG_FORMAT = _l("Please upload a photo in JPEG, PNG, WebP or HEIC format.")
ANIMATED = _l("Animated images are not accepted. Please upload a still photo.")
UNREADABLE = _l(
    "This file is not a photo we can read. Please upload a JPEG, PNG, WebP or HEIC image."
)
TOO_COSTLY = _l(
    "This image is too large for us to process in this format. "
    "Please send a smaller photo, or the same photo as a JPEG."
)

# What decoding may hold at its peak, so a worker stays within its 400 MB (docs/deploying.md).
# Refused from the header, before any pixel is decoded: a JPEG is measured at the reduced
# scale it decodes at; others decode in full, and some hold more than the image while they do.
MAX_DECODE_BYTES = 200 * 1024 * 1024
# Peak memory over the decoded image's own size, measured with Pillow 13 and pillow-heif 1.8:
# Pillow's WebP decoder keeps libwebp's canvas and a copy in bytes beside the image (3.9×);
# pillow-heif holds libheif's interleaved copy until Pillow has its own (2×); a PNG's strips
# and zlib's buffers add a quarter (a 7000² RGBA PNG: 241 MB over the worker for 196 MB).
DECODE_OVERHEAD = {"WEBP": 4.0, "HEIF": 2.0, "PNG": 1.25}
# Reducing an image with alpha in one go copies it whole first (premultiplied), so large
# ones are reduced in strips of about this many pixels.
STRIP_PIXELS = 4_000_000


class PhotoError(ValueError):
    """The upload cannot be used as a photo; the message is meant for the person."""


def too_small(min_side: int = MIN_SIDE):
    """The message for a photo under min_side pixels on a side."""
    return _l(
        "This photo is too small. Please use one at least %(min)d pixels on each side.",
        min=min_side,
    )


def photo_messages() -> dict[str, str]:
    """What load_photo says of the problems a page can see before the upload, in the
    current language: the join page checks a chosen file with these very words."""
    return {
        "empty": str(EMPTY),
        "format": str(WRONG_FORMAT),
        "unreadable": str(UNREADABLE),
        "tooLarge": str(TOO_LARGE),
        "tooSmall": str(too_small()),
        "animated": str(ANIMATED),
        "minSide": str(MIN_SIDE),
        "maxPixels": str(MAX_PIXELS),
    }


@dataclass(frozen=True)
class Photo:
    """A decoded photo: RGB, sRGB, no metadata, kept as the file stored it until asked."""

    stored: Image.Image  # the pixels in the file's own orientation
    orientation: int = 1  # EXIF orientation: how stored is turned to be seen upright

    @cached_property
    def image(self) -> Image.Image:
        """The photo upright."""
        # Turned only when asked: the cards cut their crops from the stored pixels and
        # turn just those (campaign.cards.cutting.crop_to), which is cheaper.
        return upright(self.stored, self.orientation)

    @property
    def size(self) -> tuple[int, int]:
        """Its upright size."""
        return upright_size(self.stored.size, self.orientation)


def load_photo(
    data: bytes,
    *,
    max_pixels: int = MAX_PIXELS,
    min_side: int = MIN_SIDE,
    cover: tuple[int, int] = DECODE_COVER,
    long_side: int = STORED_LONG_SIDE,
) -> Photo:
    """Decode and normalise an uploaded photo, or raise PhotoError saying why not.

    The photo comes out upright, at least cover (width, height) where the upload is that
    large (decoded at a reduced scale when it is much larger) and at most long_side.
    """
    if not data:
        raise PhotoError(EMPTY)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(io.BytesIO(data))
            if source.format not in ACCEPTED_FORMATS:
                raise PhotoError(WRONG_FORMAT)
            width, height = source.size
            if width * height > max_pixels:
                raise PhotoError(TOO_LARGE)
            if min(width, height) < min_side:
                raise PhotoError(too_small(min_side))
            if _animated(source, data):
                raise PhotoError(ANIMATED)
            orientation = decode_reduced(source, cover, len(data))
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(TOO_LARGE) from None
    except UnidentifiedImageError:
        raise PhotoError(UNREADABLE) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise PhotoError(
            _l("This photo seems damaged or incomplete. Please try another one.")
        ) from None
    icc_profile = source.info.get("icc_profile")
    stored_cover = upright_size(cover, orientation)  # the same swap, the other way
    image = _to_srgb_rgb(_reduced(source, stored_cover), icc_profile)
    if max(image.size) > long_side:
        image = image.resize(
            _covering(image.size, stored_cover, long_side),
            Image.Resampling.BICUBIC,
            reducing_gap=1.5,
        )
    if image is source:
        # A plain image, not the file object, which keeps the upload's raw EXIF segments
        # (its parsed EXIF too): the same pixels, not copied, since copying costs as much
        # as a card's crop on the path every card waits on.
        image = source._new(source.im)
    image.info = {}  # no metadata: every step above made a new image of our own
    return Photo(image, orientation)


LOGO_FORMATS = {"PNG", "WEBP", "JPEG"}
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 16_000_000
LOGO_MIN_HEIGHT = 32
# Stored at most this tall (a card's logo box is 36 px at most; a page shows it at 48 px on
# a dense screen) and at most eight times as wide.
LOGO_HEIGHT = 160


def load_logo(data: bytes) -> Image.Image:
    """An uploaded logo as a clean RGBA image (sRGB, no metadata, at most LOGO_HEIGHT tall),
    or PhotoError saying why it cannot be used: not an image, too large, animated."""
    if not data:
        raise PhotoError(_l("The file is empty. Please choose a logo."))
    if len(data) > LOGO_MAX_BYTES:
        raise PhotoError(_l("This logo file is too large: at most 2 MB, please."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(io.BytesIO(data))
            if _animated(source, data):
                raise PhotoError(
                    _l("Animated logos are not accepted. Please upload a still image.")
                )
            if source.format not in LOGO_FORMATS:
                raise PhotoError(_l("Please upload the logo as a PNG, WebP or JPEG image."))
            width, height = source.size
            if width * height > LOGO_MAX_PIXELS:
                raise PhotoError(_l("This logo is too large: at most 16 megapixels, please."))
            if height < LOGO_MIN_HEIGHT:
                raise PhotoError(
                    _l("This logo is too small: at least %(min)d pixels tall.", min=LOGO_MIN_HEIGHT)
                )
            source.load()
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(_l("This logo is too large: at most 16 megapixels, please.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise PhotoError(
            _l("This file is not an image we can read. Please upload a PNG, WebP or JPEG logo.")
        ) from None
    logo = _to_srgb_rgba(source, source.info.get("icc_profile"))
    logo.thumbnail((LOGO_HEIGHT * 8, LOGO_HEIGHT), Image.Resampling.LANCZOS)
    logo.info = {}
    return logo


def _to_srgb_rgba(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """The image as RGBA in sRGB: its transparency kept, its colours converted."""
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    colours = _to_srgb_rgb(image.convert("RGB") if image.mode != "CMYK" else image, icc_profile)
    colours.putalpha(alpha)
    return colours


def decode_reduced(source: ImageFile.ImageFile, cover: tuple[int, int], length: int) -> int:
    """Decode an opened upload of length bytes, a JPEG at the smallest scale whose upright
    size covers cover; returns its EXIF orientation."""
    orientation = 1
    if source.format in ("JPEG", "MPO"):
        orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
        # The scale is chosen on the stored pixels, before they are turned upright.
        source.draft(source.mode, upright_size(cover, orientation))
    # The upload is already in memory: handing it to the decoder in one piece instead of
    # Pillow's 64 KB blocks decodes faster and takes the GIL once rather than once a block,
    # so the cards' text is drawn on another thread meanwhile (campaign.cards.pipeline).
    source.decodermaxblock = max(source.decodermaxblock, length)
    if decode_cost(source) > MAX_DECODE_BYTES:
        raise PhotoError(TOO_COSTLY)
    source.load()
    if source.format not in ("JPEG", "MPO"):
        # A PNG may carry its EXIF after the pixels, so it is read once they are.
        orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
    return orientation


# Brands of HEIF files that hold an image sequence (ISO/IEC 23008-12: HEVC, AVC, AV1),
# as opposed to a still image with others beside it (depth, bursts, an edited copy).
SEQUENCE_BRANDS = {b"msf1", b"hevs", b"avcs", b"avis"}


def _animated(source: Image.Image, data: bytes) -> bool:
    """An image sequence, not a still photo: an MPO's second frame is a stereo or preview
    image, and a HEIF collection's primary image is the photo (pillow-heif opens it)."""
    if source.format == "MPO":
        return False
    if source.format == "HEIF":
        return not SEQUENCE_BRANDS.isdisjoint(_ftyp_brands(data))
    return getattr(source, "n_frames", 1) > 1


def _ftyp_brands(data: bytes) -> set[bytes]:
    """The major and compatible brands of an ISO base media file's leading ftyp box."""
    if len(data) < 16 or data[4:8] != b"ftyp":
        return set()
    size = min(int.from_bytes(data[:4], "big"), len(data))
    brands = {data[8:12]}
    brands.update(data[offset : offset + 4] for offset in range(16, size - 3, 4))
    return brands


def decode_cost(source: Image.Image) -> int:
    """Bytes decoding this opened image would hold at its peak (after any draft())."""
    width, height = source.size
    if source.mode in ("1", "L", "P"):
        per_pixel = 1
    elif source.mode.startswith("I;16"):
        per_pixel = 2
    else:
        per_pixel = 4  # Pillow keeps RGB as four bytes a pixel, as RGBA, CMYK, LA, I and F
    return int(width * height * per_pixel * DECODE_OVERHEAD.get(source.format, 1.0))


def give_back_memory() -> None:
    """Hand freed heap memory back to the system: after a large decode glibc keeps it (a
    worker stayed at 500 MB after one 200 MB image), and every worker would keep its peak."""
    if _libc is not None:
        _libc.malloc_trim(0)


def _load_libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_libc = _load_libc()


def _covering(size: tuple[int, int], cover: tuple[int, int], long_side: int) -> tuple[int, int]:
    """The smallest size of these proportions that covers cover, within long_side."""
    width, height = size
    scale = min(max(cover[0] / width, cover[1] / height), long_side / max(size))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _reduced(image: Image.Image, cover: tuple[int, int]) -> Image.Image:
    """Formats without JPEG's scaled decoding are box-reduced to about the same size."""
    factor = min(image.size[0] // cover[0], image.size[1] // cover[1])
    if factor < 2 or image.mode not in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return image
    width, height = image.size
    if image.mode in ("LA", "RGBA") and width * height > STRIP_PIXELS:
        # The same result as image.reduce(factor): each strip is whole rows of boxes.
        reduced = Image.new(image.mode, (-(-width // factor), -(-height // factor)))
        rows = factor * max(1, STRIP_PIXELS // (width * factor))
        for top in range(0, height, rows):
            strip = image.crop((0, top, width, min(top + rows, height)))
            reduced.paste(strip.reduce(factor), (0, top // factor))
    else:
        reduced = image.reduce(factor)
    reduced.info = dict(image.info)
    return reduced


def _to_srgb_rgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flattened = Image.new("RGB", rgba.size, "white")
        flattened.paste(rgba, mask=rgba.getchannel("A"))
        image = flattened
    if icc_profile and image.mode in ("RGB", "CMYK", "L"):
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source_profile, SRGB, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to a plain conversion
    if image.mode == "I;16" or image.mode.startswith("I"):
        image = image.point(lambda value: value / 256).convert("L")
    return image if image.mode == "RGB" else image.convert("RGB")


def encode_jpeg(image: Image.Image, *, quality: int = 85, progressive: bool = True) -> bytes:
    """JPEG bytes with no metadata but an sRGB profile: progressive (whose Huffman tables
    are always optimised), or when asked baseline with the standard tables."""
    return encoded(
        image,
        "JPEG",
        quality=quality,
        optimize=progressive,
        progressive=progressive,
        icc_profile=SRGB_BYTES,
    )


def encoded(image: Image.Image, image_format: str, **params: object) -> bytes:
    """The image saved in image_format ("JPEG", "WEBP"...), as bytes."""
    # Pillow's encoders release the GIL only while writing to a real file descriptor, not
    # to a BytesIO; an anonymous in-memory file lets the cards be encoded on several cores.
    with _scratch_file() as file:
        image.save(file, image_format, **params)
        file.seek(0)
        return file.read()


def _scratch_file() -> IO[bytes]:
    try:
        return os.fdopen(os.memfd_create("encoded", os.MFD_CLOEXEC), "w+b")
    except (AttributeError, OSError):  # not Linux, or a sandbox that forbids memfd
        return tempfile.TemporaryFile()
