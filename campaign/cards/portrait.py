"""Finding the faces in a photo, so that cards frame the person when they set no focal point.

OpenCV's Haar cascade for frontal faces ("alt2"), which opencv-python-headless 4.x ships
inside its wheel (cv2.data); BENCHMARKS.md says why it and not a BlazeFace-class detector.
It runs on a small grayscale copy (about DETECT_SHORT on the short side): a JPEG upload is
decoded a second time for it, at 1/4 or 1/8 scale, beside the card's own decode.
"""

import io
import threading
from functools import cache

from PIL import Image, ImageOps

from campaign.orientation import upright

FaceBox = tuple[float, float, float, float]  # left, top, right, bottom; fractions of the photo
DETECT_SHORT = 360  # the picture the detector looks at: about this short side...
DETECT_LONG = 1280  # ...and at most this long one (panoramas)
MIN_FACE = 1 / 14  # of the short side: a smaller face is not the subject of a portrait
MAX_FACES = 8
_local = threading.local()


@cache
def _cascade_path() -> str:
    import cv2

    return cv2.data.haarcascades + "haarcascade_frontalface_alt2.xml"


def _cascade():
    # A cascade classifier keeps scratch buffers: one per thread.
    cascade = getattr(_local, "cascade", None)
    if cascade is None:
        import cv2

        cascade = _local.cascade = cv2.CascadeClassifier(_cascade_path())
    return cascade


def find_faces(picture: Image.Image) -> tuple[FaceBox, ...]:
    """The faces in an upright picture (any mode, ideally small), largest first."""
    import numpy as np

    gray = picture.convert("L")
    factor = _reduction(gray.size)
    if factor > 1:
        gray = gray.reduce(factor)
    width, height = gray.size
    smallest = max(20, round(min(width, height) * MIN_FACE))
    # Tuned on the framing tests' portraits (BENCHMARKS.md): alt2 with three neighbours
    # found every face and nothing else; equalising the histogram lost faces.
    found = _cascade().detectMultiScale(
        np.asarray(gray), scaleFactor=1.1, minNeighbors=3, minSize=(smallest, smallest)
    )
    boxes = sorted(
        (tuple(int(v) for v in box) for box in found), key=lambda b: b[2] * b[3], reverse=True
    )
    return tuple(
        (x / width, y / height, (x + w) / width, (y + h) / height)
        for x, y, w, h in boxes[:MAX_FACES]
    )


def detection_picture(data: bytes) -> Image.Image | None:
    """A JPEG upload decoded small, gray and upright for the detector; None for other formats.

    JPEG decodes at 1/8 scale from its DC coefficients, far cheaper than the card's decode,
    so it runs beside it. Raises nothing: an upload the card's decode refuses is refused there.
    """
    try:
        source = Image.open(io.BytesIO(data))
        if source.format not in ("JPEG", "MPO"):
            return None
        orientation = source.getexif().get(0x0112, 1)
        source.draft("L", (DETECT_SHORT * 3 // 4, DETECT_SHORT * 3 // 4))
        source.load()
        return upright(source.convert("L"), orientation)
    except Exception:  # the decode that matters reports the problem
        return None


def small_upright(stored: Image.Image, orientation: int) -> Image.Image:
    """The decoded photo reduced for the detector and turned upright (formats without draft)."""
    return ImageOps.grayscale(upright(stored.reduce(_reduction(stored.size)), orientation))


def _reduction(size: tuple[int, int]) -> int:
    """The box reduction that brings a picture near DETECT_SHORT and within DETECT_LONG."""
    short, long = min(size), max(size)
    return max(1, round(short / DETECT_SHORT), -(-long // DETECT_LONG))
