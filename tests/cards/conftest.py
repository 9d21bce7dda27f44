"""Photos for card tests, made with Pillow or taken from the shared test data."""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from tests.needs import missing

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "testdata"


def camera_like(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A photo-like RGB picture: sky, ground, a face-sized disc and sensor noise."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.merge(
        "RGB",
        [image.getchannel(0).point(lambda v: 80 + v // 3)] * 2
        + [image.getchannel(0).point(lambda v: 200 - v // 4)],
    )
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(70, 110, 60))
    radius = min(size) // 6
    draw.ellipse(
        (width // 2 - radius, height // 3 - radius, width // 2 + radius, height // 3 + radius),
        fill=(225, 180, 150),
    )
    noise = Image.effect_noise(size, 24).convert("RGB")
    return Image.blend(image, noise, 0.12).filter(ImageFilter.SMOOTH)


@pytest.fixture
def photo() -> Image.Image:
    """A 1600×1200 upright RGB photo, as load_photo returns them."""
    return camera_like((1600, 1200))


@pytest.fixture
def shared_testdata() -> Path:
    """The shared real test files; skipped (failed in CI) when not beside the clone."""
    if not SHARED.is_dir():
        missing(f"shared test data not found at {SHARED}")
    return SHARED.resolve()
