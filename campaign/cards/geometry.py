"""The designs of the cards, read from designs.json: where the photo, the panel and the text go.

A design is data (designs.json): per format, its areas as fractions of the card, the panel's
scrim, and the type scale; colours come from the branding. A city can add a design there.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from campaign.cards.formats import FORMATS, CardFormat

Box = tuple[int, int, int, int]  # left, top, right, bottom
DESIGNS_FILE = Path(__file__).with_name("designs.json")
DEFAULT_DESIGN = "split"
# The story card may enlarge its photo this much: networks show and re-encode stories at
# about a third of their pixels, and covering 1920 px would mean decoding most uploads whole.
STORY_ENLARGEMENT = 1.35


@dataclass(frozen=True)
class Geometry:
    """One format of one design; areas as fractions of the card, lengths in pixels."""

    photo: tuple[float, ...]
    panel: tuple[float, ...]
    text: tuple[float, ...]
    clear: tuple[float, ...]
    bar: tuple[float, ...] | None
    scrim: float | None  # the panel's opacity over the photo; None: a solid panel
    mirror: bool  # right-to-left languages see the areas mirrored
    pad_x: int
    pad_y: int
    mark: int
    prompt: int
    statement: int  # the largest size; it shrinks step by step down to statement_min
    statement_min: int
    excerpt: int  # a statement too long even at statement_min is cut, at this size
    name: int
    place: int
    hashtag: int
    gap: int
    # How far (of the card's height) the photo's top may move down inside its box, when a
    # face near the photo's top would otherwise sit under the text, and its bottom up, when
    # one near the photo's bottom would sit in the networks' zone; the panel's colour fills
    # the space left.
    drop: float = 0.0
    lift: float = 0.0


@cache
def designs() -> dict[str, dict[str, Geometry]]:
    """Every design by name, each a Geometry per format name."""
    data = json.loads(DESIGNS_FILE.read_text(encoding="utf-8"))
    return {
        name: {
            fmt: Geometry(
                **{
                    key: tuple(value) if isinstance(value, list) else value
                    for key, value in spec.items()
                }
            )
            for fmt, spec in formats.items()
        }
        for name, formats in data.items()
        if not name.startswith("_")
    }


def design_names() -> list[str]:
    return list(designs())


def geometry(design: str, fmt: CardFormat) -> Geometry:
    """The geometry of a format in a design (the default design for an unknown name)."""
    return designs().get(design, designs()[DEFAULT_DESIGN])[fmt.name]


@dataclass(frozen=True)
class Regions:
    photo: Box
    panel: Box
    text: Box
    clear: Box
    bar: Box | None


def regions(fmt: CardFormat, shape: Geometry, rtl: bool) -> Regions:
    """The design's areas in pixels of this format, mirrored for right-to-left if it says so."""
    flip = rtl and shape.mirror

    def box(fractions: tuple[float, ...]) -> Box:
        left, top, right, bottom = fractions
        if flip:
            left, right = 1 - right, 1 - left
        return (
            round(left * fmt.width),
            round(top * fmt.height),
            round(right * fmt.width),
            round(bottom * fmt.height),
        )

    return Regions(
        box(shape.photo),
        box(shape.panel),
        box(shape.text),
        box(shape.clear),
        box(shape.bar) if shape.bar else None,
    )


def trimmed(box: Box, drop: int, lift: int = 0) -> Box:
    """A photo box with its top moved down by drop pixels and its bottom up by lift."""
    return box[0], box[1] + drop, box[2], box[3] - lift


def photo_cover() -> tuple[int, int]:
    """The smallest photo size (width, height) whose crops serve every format and design."""
    sizes = []
    for formats in designs().values():
        for name, shape in formats.items():
            photo = regions(FORMATS[name], shape, False).photo
            width, height = photo[2] - photo[0], photo[3] - photo[1]
            if name == "story":
                width, height = width / STORY_ENLARGEMENT, height / STORY_ENLARGEMENT
            sizes.append((width, height))
    return round(max(w for w, _ in sizes)), round(max(h for _, h in sizes))
