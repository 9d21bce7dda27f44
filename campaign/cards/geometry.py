"""The proportions of each card format: where the photo ends and the panel begins."""

from dataclasses import dataclass

from campaign.cards.formats import FORMATS, CardFormat

Box = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class Geometry:
    """One format's design; lengths and font sizes in pixels."""

    splits: tuple[int, ...]  # photo width (landscape) or height, roomiest for the photo first
    bar: int  # the accent bar between photo and panel
    pad_x: int
    pad_y: int
    mark: int
    prompt: int
    statement: int  # the largest size; it shrinks step by step down to statement_min
    statement_min: int
    excerpt: int  # a statement too long even at statement_min is cut, at this easier size
    name: int
    place: int
    hashtag: int
    gap: int


GEOMETRIES = {
    "landscape": Geometry(
        splits=(440, 360),
        bar=10,
        pad_x=56,
        pad_y=44,
        mark=17,
        prompt=25,
        statement=46,
        statement_min=19,
        excerpt=24,
        name=25,
        place=19,
        hashtag=30,
        gap=16,
    ),
    "square": Geometry(
        splits=(430, 350, 280),
        bar=10,
        pad_x=72,
        pad_y=52,
        mark=21,
        prompt=33,
        statement=62,
        statement_min=24,
        excerpt=30,
        name=31,
        place=23,
        hashtag=38,
        gap=20,
    ),
    "story": Geometry(
        splits=(860, 720, 600),
        bar=12,
        pad_x=84,
        pad_y=80,
        mark=27,
        prompt=44,
        statement=84,
        statement_min=30,
        excerpt=38,
        name=40,
        place=30,
        hashtag=52,
        gap=28,
    ),
}


@dataclass(frozen=True)
class Regions:
    photo: Box
    bar: Box
    panel: Box


def regions(fmt: CardFormat, split: int, bar: int, rtl: bool) -> Regions:
    """Photo, accent bar and text panel; side by side on wide cards (mirrored for RTL)."""
    width, height = fmt.width, fmt.height
    if width <= height:
        return Regions(
            (0, 0, width, split), (0, split, width, split + bar), (0, split + bar, width, height)
        )
    if rtl:
        return Regions(
            (width - split, 0, width, height),
            (width - split - bar, 0, width - split, height),
            (0, 0, width - split - bar, height),
        )
    return Regions(
        (0, 0, split, height), (split, 0, split + bar, height), (split + bar, 0, width, height)
    )


def photo_cover() -> tuple[int, int]:
    """The smallest photo size (width, height) whose crops serve every format without upscaling."""
    boxes = [
        regions(fmt, split, GEOMETRIES[name].bar, False).photo
        for name, fmt in FORMATS.items()
        for split in GEOMETRIES[name].splits
    ]
    return max(box[2] - box[0] for box in boxes), max(box[3] - box[1] for box in boxes)
