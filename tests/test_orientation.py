"""A box of the upright picture is found in its stored pixels, in all eight orientations."""

import pytest
from PIL import Image

from campaign.orientation import stored_box, upright, upright_size
from tests.factories import stored_as


def numbered_picture(size: tuple[int, int]) -> Image.Image:
    """Every pixel different, so any misplaced crop shows."""
    width, height = size
    pixels = bytes(value for y in range(height) for x in range(width) for value in (x, y, 7))
    return Image.frombytes("RGB", size, pixels)


@pytest.mark.parametrize("orientation", range(1, 9))
@pytest.mark.parametrize("box", [(0, 0, 40, 30), (13, 5, 61, 47), (50, 20, 90, 60)])
def test_the_stored_box_turned_upright_is_the_upright_box(orientation, box):
    picture = numbered_picture((90, 60))
    stored = stored_as(picture, orientation)
    assert upright(stored, orientation).tobytes() == picture.tobytes()
    assert upright_size(stored.size, orientation) == picture.size

    cut = stored.crop(tuple(round(edge) for edge in stored_box(box, picture.size, orientation)))
    assert upright(cut, orientation).tobytes() == picture.crop(box).tobytes()
