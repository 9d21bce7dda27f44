"""Turn an uploaded file into a clean photo: decoded, upright, sRGB, without metadata."""

import io
import warnings
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()

# Decompression bombs are refused by our own pixel check before decoding; Pillow's
# own limit stays as a second line of defence at twice that size.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS * 2

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
MIN_SIDE = 320
STORED_LONG_SIDE = 2560
# The share cards' largest photo crops need an upright photo at least this wide and
# this tall (campaign.cards.geometry.photo_cover; a test keeps the two equal).
# Decoding stops at the smallest JPEG scale that still covers it.
DECODE_COVER = (1080, 860)
SRGB = ImageCms.createProfile("sRGB")
SRGB_BYTES = ImageCms.ImageCmsProfile(SRGB).tobytes()
SWAPPING_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations stored a quarter turn away


TOO_LARGE = _l("This image is too large. Please use a photo under 50 megapixels.")


class PhotoError(ValueError):
    """The upload cannot be used as a photo; the message is meant for the person."""


@dataclass(frozen=True)
class Photo:
    image: Image.Image  # RGB, upright, sRGB, no metadata

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size


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
        raise PhotoError(_l("The file is empty. Please choose a photo."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(io.BytesIO(data))
            if source.format not in ACCEPTED_FORMATS:
                raise PhotoError(_l("Please upload a photo in JPEG, PNG, WebP or HEIC format."))
            width, height = source.size
            if width * height > max_pixels:
                raise PhotoError(TOO_LARGE)
            if min(width, height) < min_side:
                raise PhotoError(
                    _l(
                        "This photo is too small. Please use one at least %(min)d pixels "
                        "on each side.",
                        min=min_side,
                    )
                )
            if getattr(source, "n_frames", 1) > 1 and source.format != "MPO":
                raise PhotoError(
                    _l("Animated images are not accepted. Please upload a still photo.")
                )
            if source.format in ("JPEG", "MPO"):
                orientation = source.getexif().get(ExifTags.Base.Orientation, 1)
                # The scale is chosen on the stored pixels, before they are turned upright.
                wanted = cover[::-1] if orientation in SWAPPING_ORIENTATIONS else cover
                source.draft(source.mode, wanted)
            source.load()
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(TOO_LARGE) from None
    except UnidentifiedImageError:
        raise PhotoError(
            _l(
                "This file is not a photo we can read. "
                "Please upload a JPEG, PNG, WebP or HEIC image."
            )
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise PhotoError(
            _l("This photo seems damaged or incomplete. Please try another one.")
        ) from None
    icc_profile = source.info.get("icc_profile")
    image = _reduced(source, cover)
    ImageOps.exif_transpose(image, in_place=True)
    image = _to_srgb_rgb(image, icc_profile)
    if max(image.size) > long_side:
        image = image.resize(
            _covering(image.size, cover, long_side), Image.Resampling.BICUBIC, reducing_gap=1.5
        )
    return Photo(_without_metadata(image))


def _covering(size: tuple[int, int], cover: tuple[int, int], long_side: int) -> tuple[int, int]:
    """The smallest size of these proportions that covers cover, within long_side."""
    width, height = size
    scale = min(max(cover[0] / width, cover[1] / height), long_side / max(size))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _reduced(image: Image.Image, cover: tuple[int, int]) -> Image.Image:
    """Formats without JPEG's scaled decoding are box-reduced to about the same size."""
    # Not yet upright here, so the short side must cover the longer need.
    factor = min(image.size) // max(cover)
    if factor < 2 or image.mode not in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return image
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
    return image.convert("RGB")


def _without_metadata(image: Image.Image) -> Image.Image:
    # Every step above returned a new image of our own, so dropping its info is enough.
    image.info = {}
    return image


def encode_jpeg(image: Image.Image, *, quality: int = 85) -> bytes:
    """JPEG bytes with no metadata but an sRGB profile, progressive."""
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        quality=quality,
        optimize=True,
        progressive=True,
        icc_profile=SRGB_BYTES,
    )
    return buffer.getvalue()
