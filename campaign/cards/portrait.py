"""Finding the faces in a photo, so that cards frame the person when they set no focal point.

OpenCV's Haar cascade for frontal faces ("alt2"), which opencv-python-headless 4.x ships
inside its wheel (cv2.data); BENCHMARKS.md says why it and not a BlazeFace-class detector.
It runs on a small grayscale copy (about DETECT_SHORT on the short side) box-reduced from
the photo the cards are cut from, already decoded at a reduced scale.
"""

import queue
import threading
from contextlib import contextmanager
from functools import cache

from PIL import Image, ImageOps

from campaign.orientation import upright

FaceBox = tuple[float, float, float, float]  # left, top, right, bottom; fractions of the photo
DETECT_SHORT = 360  # the picture the detector looks at: about this short side...
DETECT_LONG = 1280  # ...and at most this long one (panoramas)
MIN_FACE = 1 / 14  # of the short side: a smaller face is not the subject of a portrait
MAX_FACES = 8
SCALE_STEP = 1.2  # between the detector's scales
_idle: queue.SimpleQueue = queue.SimpleQueue()  # loaded cascades no detection is using


_importing = threading.Lock()


def _opencv():
    """OpenCV, imported on first use (it takes a while) by one thread at a time: its import
    is not thread-safe (cv2 replaces itself in sys.modules, then loads cv2.data and its other
    submodules), so a second thread could find a cv2 without them."""
    with _importing:
        import cv2
    return cv2


@cache
def _cascade_path() -> str:
    return _opencv().data.haarcascades + "haarcascade_frontalface_alt2.xml"


@contextmanager
def _cascade():
    """A loaded cascade for this detection alone: a classifier keeps scratch buffers, so
    threads may not share one; loading one costs about 5 ms, so each is kept for the next
    detection on any thread (each upload's decoding runs on a thread of its own)."""
    try:
        cascade = _idle.get_nowait()
    except queue.Empty:
        cascade = _opencv().CascadeClassifier(_cascade_path())
    try:
        yield cascade
    finally:
        _idle.put(cascade)


def find_faces(picture: Image.Image, step: float = SCALE_STEP) -> tuple[FaceBox, ...]:
    """The faces in an upright picture (any mode, ideally small), largest first; step:
    between the scales looked at (smaller: slower and more thorough)."""
    import numpy as np

    gray = picture.convert("L")
    factor = _reduction(gray.size)
    if factor > 1:
        gray = gray.reduce(factor)
    width, height = gray.size
    smallest = max(20, round(min(width, height) * MIN_FACE))
    # Tuned on 35 portraits (BENCHMARKS.md): alt2, pyramid steps of 1.2, three neighbours
    # found every face and nothing else, in about half the time of steps of 1.1 (which
    # also found a face too many); equalising the histogram lost faces.
    with _cascade() as cascade:
        found = cascade.detectMultiScale(
            np.asarray(gray), scaleFactor=step, minNeighbors=3, minSize=(smallest, smallest)
        )
    boxes = sorted(
        (tuple(int(v) for v in box) for box in found), key=lambda b: b[2] * b[3], reverse=True
    )
    return tuple(
        (x / width, y / height, (x + w) / width, (y + h) / height)
        for x, y, w, h in boxes[:MAX_FACES]
    )


def small_upright(stored: Image.Image, orientation: int) -> Image.Image:
    """The decoded photo reduced for the detector, turned upright and grey."""
    # Grey first: reducing one channel costs a third of reducing three (and a quarter of
    # Pillow's four-byte RGB pixels); both steps are averages, so the order changes nothing.
    return upright(ImageOps.grayscale(stored).reduce(_reduction(stored.size)), orientation)


def _reduction(size: tuple[int, int]) -> int:
    """The box reduction that brings a picture near DETECT_SHORT and within DETECT_LONG."""
    short, long = min(size), max(size)
    return max(1, round(short / DETECT_SHORT), -(-long // DETECT_LONG))
