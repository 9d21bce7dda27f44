"""Rendering every card at once: threads, shared crops and failures change nothing visible."""

import io
import threading

import pytest
from PIL import Image, ImageChops, ImageStat

from campaign.cards import (
    FORMATS,
    SQUARE,
    STORY,
    Branding,
    cutting,
    pipeline,
    render_all,
    render_card,
)
from campaign.cards.layout import layout_card
from campaign.cards.samples import sample_content
from tests.cards.fresh_process import run_fresh
from tests.factories import camera_like, stored_as


def photo_area(card: Image.Image, fmt, content) -> Image.Image:
    return card.crop(layout_card(content, fmt, Branding()).photo)


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


@pytest.mark.parametrize("focal", [(0.5, 0.5), (0.2, 0.05), (0.8, 0.97)])
def test_square_photo_taken_from_the_story_crop_matches_a_crop_of_its_own(focal):
    portrait = camera_like((1500, 2000))  # both cards then use the photo's whole width
    content = sample_content("en")
    cards = render_all(portrait, content, focal)
    for fmt in (SQUARE, STORY):
        alone = photo_area(render_card(portrait, content, fmt, focal), fmt, content)
        together = photo_area(decoded(cards[fmt.name]), fmt, content)
        assert mean_difference(alone, together) < 3, fmt.name  # JPEG noise, no shift


@pytest.mark.parametrize("orientation", range(2, 9))
def test_a_square_taken_from_a_turned_story_crop_is_upright_and_in_place(orientation, monkeypatch):
    portrait = camera_like((1500, 2000))
    stored = stored_as(portrait, orientation)
    content, focal = sample_content("en"), (0.3, 0.4)
    resizes = []
    monkeypatch.setattr(
        pipeline, "resized", lambda *args: resizes.append(args) or cutting.resized(*args)
    )
    cards = pipeline.finish(pipeline.draw_panels(content, Branding()), stored, focal, orientation)
    assert len(resizes) == 2, "the square was resized on its own, not taken from the story"
    for fmt in (SQUARE, STORY):
        alone = photo_area(render_card(portrait, content, fmt, focal), fmt, content)
        together = photo_area(decoded(cards[fmt.name]), fmt, content)
        assert mean_difference(alone, together) < 3, fmt.name  # JPEG noise, no turn or shift


def test_cards_come_out_the_same_on_one_core(monkeypatch):
    photo, content = camera_like((1500, 2000)), sample_content("fr")
    on_every_core = render_all(photo, content)
    monkeypatch.setattr(pipeline, "_cores", lambda: 1)
    on_one_core = render_all(photo, content)
    assert list(on_one_core) == list(on_every_core)
    for name in FORMATS:
        assert mean_difference(decoded(on_one_core[name]), decoded(on_every_core[name])) < 0.5


def test_a_failing_crop_fails_the_rendering_instead_of_hanging_it(monkeypatch):
    def broken(photo, cut):
        raise MemoryError("no room for the story crop")

    monkeypatch.setattr(pipeline, "resized", broken)
    outcome: list[BaseException] = []

    def render() -> None:
        try:
            render_all(camera_like((1500, 2000)), sample_content("en"))
        except MemoryError as error:
            outcome.append(error)

    worker = threading.Thread(target=render, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "a card waiting for a failed crop hung"
    assert outcome


ONE_CORE_EVERY_CARD_CUT_FROM_THE_LARGEST = """
import io, sys
from PIL import Image
from campaign.cards import pipeline, render_all
from campaign.cards.samples import sample_content
from tests.factories import camera_like, stored_as

pipeline._cores = lambda: 1
pipeline._source = lambda name, cuts, by_size: (
    None if name == by_size[0] else (by_size[0], (0, 0))
)
cards = render_all(camera_like((1500, 2000)), sample_content("en"))
print(Image.open(io.BytesIO(cards["thumb"])).size)
"""


def test_on_one_core_the_thumbnail_never_waits_for_a_card_queued_behind_it():
    # Every card cut from the largest one's pixels (the landscape card too, which a photo's
    # proportions could make happen): on a single thread the thumbnail must come after it.
    # In a process of its own: a thread stuck waiting would keep this one from exiting.
    run = run_fresh(ONE_CORE_EVERY_CARD_CUT_FROM_THE_LARGEST, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "(480, 252)"


def test_cards_are_encoded_where_in_memory_files_are_not_allowed(monkeypatch):
    def forbidden(*args):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr("os.memfd_create", forbidden)
    cards = render_all(camera_like((1500, 2000)), sample_content("es"))
    assert decoded(cards["story"]).size == (1080, 1920)
    assert Image.open(io.BytesIO(cards["thumb"])).format == "WEBP"
