"""Cropping to a card's photo box never reaches outside the photo."""

import pytest
from PIL import Image

from campaign.cards.cutting import crop_to


@pytest.mark.parametrize("size", [(740, 375), (719, 375), (1400, 375), (375, 1400)])
@pytest.mark.parametrize("focal", [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)])
def test_crop_fits_photos_whose_proportions_round_badly(size, focal):
    # 375 * 1200 / 630 * 630 / 1200 comes out a hair above 375 in floating point.
    photo = Image.new("RGB", size, "teal")
    cropped = crop_to(photo, (0, 0, 1200, 630), focal)
    assert cropped.size == (1200, 630)
    assert cropped.getpixel((0, 0)) == photo.getpixel((0, 0))
