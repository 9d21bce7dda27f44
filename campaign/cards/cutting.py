"""Cutting the photo for a card: the box's proportions around the focal point, resized."""

import math
from dataclasses import dataclass

from PIL import Image

from campaign.cards.geometry import Box
from campaign.orientation import stored_box, upright, upright_size

REDUCING_GAP = 1.5  # box-reduce while at least this much downscaling remains


@dataclass(frozen=True)
class Cut:
    """A region of the photo's stored pixels, resized to size, then turned upright."""

    region: tuple[float, float, float, float]  # in the stored pixels
    size: tuple[int, int]  # before the turn
    orientation: int
    seen: tuple[float, float, float, float]  # the region in the upright photo

    def offset_in(self, other: "Cut") -> tuple[int, int] | None:
        """Where this cut's upright pixels lie in other's, resized and turned, if they hold
        them at its scale.

        A square card's photo is often a strip of the story card's, resized alike: taken
        from it, it costs a crop instead of a second resize and turn.
        """
        (width, height), (other_width, other_height) = self.upright_size, other.upright_size
        scale = width / (self.seen[2] - self.seen[0])
        same_scale = all(
            math.isclose(size / (end - start), scale, rel_tol=1e-9)
            for size, start, end in (
                (height, self.seen[1], self.seen[3]),
                (other_width, other.seen[0], other.seen[2]),
                (other_height, other.seen[1], other.seen[3]),
            )
        )
        left = round((self.seen[0] - other.seen[0]) * scale)
        top = round((self.seen[1] - other.seen[1]) * scale)
        inside = (
            left >= 0 and top >= 0 and left + width <= other_width and top + height <= other_height
        )
        return (left, top) if same_scale and inside else None

    @property
    def upright_size(self) -> tuple[int, int]:
        return upright_size(self.size, self.orientation)


def plan_cut(
    stored_size: tuple[int, int],
    box: Box,
    focal: tuple[float, float],
    orientation: int = 1,
    zoom: float = 1.0,
) -> Cut:
    """The cut that fills box from a photo of these stored pixels, centred on the focal point
    (zoom > 1: a smaller cut, closer in)."""
    width, height = box[2] - box[0], box[3] - box[1]
    source = upright_size(stored_size, orientation)
    seen = upright_crop(source, box, focal, zoom)
    region = stored_box(seen, source, orientation)
    return Cut(region, upright_size((width, height), orientation), orientation, seen)


def upright_crop(
    size: tuple[int, int], box: Box, focal: tuple[float, float], zoom: float = 1.0
) -> tuple[float, float, float, float]:
    """The part of an upright photo of this size that fills box: its proportions, centred
    on the focal point as far as the photo allows (zoom > 1: smaller, closer in).
    The join page's preview cuts its photo by the same rule (static/js/join/framing.js)."""
    width, height = box[2] - box[0], box[3] - box[1]
    source_width, source_height = size
    crop_width = min(source_width, source_height * width / height)
    # min(): in floating point, crop_width * height / width can come out a hair taller
    # than the photo, which would put the crop's top edge above it.
    crop_height = min(source_height, crop_width * height / width) / zoom
    crop_width /= zoom
    focal_x = min(max(focal[0], 0.0), 1.0) * source_width
    focal_y = min(max(focal[1], 0.0), 1.0) * source_height
    left = max(0.0, min(focal_x - crop_width / 2, source_width - crop_width))
    top = max(0.0, min(focal_y - crop_height / 2, source_height - crop_height))
    return left, top, left + crop_width, top + crop_height


def resized(photo: Image.Image, cut: Cut) -> Image.Image:
    """The cut's region of the stored photo at the cut's size, not yet turned upright."""
    region = cut.region
    # A cheap box reduction first, then one resize: as sharp as Lanczos at these ratios
    # and a fraction of its cost on a multi-megapixel photo. Hamming shrinks as cleanly
    # as bicubic at a bilinear's cost; growing a small photo takes bicubic.
    factor = int((region[2] - region[0]) / cut.size[0] / REDUCING_GAP)
    if factor >= 2:
        photo = photo.reduce(factor, box=tuple(round(edge) for edge in region))
        region = (0, 0, photo.width, photo.height)
    shrinking = region[2] - region[0] > cut.size[0]
    resample = Image.Resampling.HAMMING if shrinking else Image.Resampling.BICUBIC
    return photo.resize(cut.size, resample, box=region)


def taken_from(larger: Image.Image, offset: tuple[int, int], cut: Cut) -> Image.Image:
    """The cut's upright pixels out of a larger cut's, resized and turned upright (where
    Cut.offset_in found them)."""
    left, top = offset
    width, height = cut.upright_size
    return larger.crop((left, top, left + width, top + height))


def crop_to(
    photo: Image.Image, box: Box, focal: tuple[float, float], orientation: int = 1
) -> Image.Image:
    """The upright photo cut to the box's proportions around the focal point and resized.

    photo is as the file stored it, turned upright by its EXIF orientation: only the
    crop is turned, which costs a fraction of turning the whole photo.
    """
    cut = plan_cut(photo.size, box, focal, orientation)
    return upright(resized(photo, cut), orientation)
