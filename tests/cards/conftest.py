"""Photos for card tests, made with Pillow or taken from the shared test data."""

from pathlib import Path

import pytest
from PIL import Image

from tests.factories import camera_like
from tests.needs import missing

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "testdata"


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
