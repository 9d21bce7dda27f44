"""Where to cut a card's photo when the person set no focal point: around the faces.

A card's photo is the largest cut of the box's proportions the photo allows (no zoom: the
photo is decoded at the scale that covers it). Framing only chooses where that cut lies: the
faces (the group's bounding box) inside the part of the box that no text covers, with room
for the hair above and the chin below, and the eyes near the upper third of that part.
Without faces the cut is centred.
"""

from collections.abc import Sequence
from typing import NamedTuple

from campaign.cards.geometry import Box, trimmed
from campaign.cards.portrait import FaceBox

CENTRE = (0.5, 0.5)
# How far a face's detected box is widened to take in the whole head (of its own size).
HAIR, CHIN, SIDES = 0.35, 0.15, 0.12
EYES = 0.42  # the eyes' height in a detected face box, from its top
EYE_LINE = 0.36  # where the eyes go in the clear part of the photo box, from its top


class Framing(NamedTuple):
    focal: tuple[float, float]  # fractions of the upright photo
    zoom: float  # > 1: a closer cut
    drop: int  # card pixels the photo's top edge moves down inside its box
    lift: int = 0  # card pixels its bottom edge moves up


def focal_for_faces(
    faces: Sequence[FaceBox],
    photo_size: tuple[int, int],
    box: Box,
    clear: Box | None = None,
) -> tuple[float, float]:
    """The focal point (fractions of the upright photo) that frames the faces in box."""
    return framing_for_faces(faces, photo_size, box, clear).focal


def framing_for_faces(
    faces: Sequence[FaceBox],
    photo_size: tuple[int, int],
    box: Box,
    clear: Box | None = None,
    drop: int = 0,
    lift: int = 0,
) -> Framing:
    """The focal point, zoom, drop and lift that frame the faces in box (clear: the part
    of box, in card pixels, where faces should be; the whole box if None).

    The widest cut that keeps the group inside the clear part wins; a closer one (up to
    MAX_ZOOM), or, where the design allows it, the photo starting lower in its box (by at
    most drop pixels) or ending higher (lift), only when the widest would put a face under
    the text or off the card: a full-bleed photo whose face is near its top cannot put
    it lower, nor one whose face is near its bottom higher.
    """
    if not faces:
        return Framing(CENTRE, 1.0, 0, 0)
    drops, lifts = _steps(drop), _steps(lift)
    # The least change first: every kind of step counted alike, zoom before the others.
    tries = sorted(
        (
            (z, d, u)
            for z in range(ZOOM_STEPS + 1)
            for d in range(len(drops))
            for u in range(len(lifts))
        ),
        key=lambda step: (sum(step), step[1] + step[2]),
    )
    best = None
    for zoom_step, drop_step, lift_step in tries:
        zoom = MAX_ZOOM ** (zoom_step / ZOOM_STEPS)
        moved = trimmed(box, drops[drop_step], lifts[lift_step])
        focal, fits = _framed(faces, photo_size, moved, clear or box, zoom)
        if best is None:
            best = Framing(focal, zoom, 0, 0)
        if fits:
            return Framing(focal, zoom, drops[drop_step], lifts[lift_step])
    return best


def _steps(most: int) -> list[int]:
    return [round(most * step / SHIFT_STEPS) for step in range(SHIFT_STEPS + 1)] if most else [0]


MAX_ZOOM = 2.4
ZOOM_STEPS = 6
SHIFT_STEPS = 4


def _framed(faces, photo_size, box, clear, zoom) -> tuple[tuple[float, float], bool]:
    width, height = photo_size
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    crop_width = min(width, height * box_width / box_height) / zoom
    crop_height = min(height, crop_width * zoom * box_height / box_width) / zoom
    scale = box_width / crop_width  # card pixels per photo pixel
    clear = (clear[0], max(clear[1], box[1]), clear[2], min(clear[3], box[3]))  # moved edges
    # The clear part, in photo pixels from the cut's top left.
    clear_left, clear_top = (clear[0] - box[0]) / scale, (clear[1] - box[1]) / scale
    clear_right, clear_bottom = (clear[2] - box[0]) / scale, (clear[3] - box[1]) / scale

    heads = [_head(face, width, height) for face in faces]
    group = (
        min(h[0] for h in heads),
        min(h[1] for h in heads),
        max(h[2] for h in heads),
        max(h[3] for h in heads),
    )
    largest = faces[0]
    eyes = (largest[1] + (largest[3] - largest[1]) * EYES) * height
    centre_x = (group[0] + group[2]) / 2
    wanted_left = centre_x - (clear_left + clear_right) / 2
    wanted_top = eyes - (clear_top + (clear_bottom - clear_top) * EYE_LINE)
    # Keep the whole group inside the clear part where the cut allows it.
    left = _within(wanted_left, group[2] - clear_right, group[0] - clear_left)
    top = _within(wanted_top, group[3] - clear_bottom, group[1] - clear_top)
    left = min(max(left, 0.0), width - crop_width)
    top = min(max(top, 0.0), height - crop_height)
    fits = (
        left + clear_left <= group[0]
        and group[2] <= left + clear_right
        and top + clear_top <= group[1]
        and group[3] <= top + clear_bottom
    )
    return ((left + crop_width / 2) / width, (top + crop_height / 2) / height), fits


def _head(face: FaceBox, width: int, height: int) -> Box:
    """The detected face widened to the head, in photo pixels."""
    face_width, face_height = (face[2] - face[0]) * width, (face[3] - face[1]) * height
    return (
        face[0] * width - face_width * SIDES,
        face[1] * height - face_height * HAIR,
        face[2] * width + face_width * SIDES,
        face[3] * height + face_height * CHIN,
    )


def _within(wanted: float, lowest: float, highest: float) -> float:
    """wanted moved into [lowest, highest]; the middle when the range is empty (a group
    wider than the cut: centred on it)."""
    if lowest > highest:
        return (lowest + highest) / 2
    return min(max(wanted, lowest), highest)
