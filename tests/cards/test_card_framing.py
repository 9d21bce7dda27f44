"""Cards frame the person: with no focal point set, every face is inside every card's photo.

The portrait is scikit-image's data.astronaut() (NASA, public domain: Eileen Collins), in
tests/data; the compositions put it off centre on wide, tall and sideways-stored photos.
"""

import dataclasses
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from campaign.cards import FORMATS, render_all, render_upload
from campaign.cards.formats import Branding
from campaign.cards.framing import focal_for_faces
from campaign.cards.geometry import design_names
from campaign.cards.layout import layout_card
from campaign.cards.portrait import find_faces
from campaign.cards.samples import gradient, portrait, sample_content
from tests.cards.fresh_process import run_fresh

ORIENTATION = 0x0112

# A new worker's first uploads, each finding faces on its own thread at the same moment.
FIRST_DETECTIONS_AT_ONCE = """
import threading
from campaign.cards.portrait import find_faces
from campaign.cards.samples import portrait

picture, start, found = portrait(0.5), threading.Barrier(8), []
def detect():
    start.wait()
    try:
        found.append(len(find_faces(picture)))
    except Exception as error:
        found.append(repr(error))
threads = [threading.Thread(target=detect) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(found)
"""


def astronaut(scale: float = 1.0, mirrored: bool = False) -> Image.Image:
    image = portrait(scale)
    return ImageOps.mirror(image) if mirrored else image


def background(size: tuple[int, int], seed: int) -> Image.Image:
    """A plain scene: a sky-to-ground gradient with soft hills, no face-like pattern."""
    width, height = size
    scene = gradient(size, lambda v: 70 + v // 3, lambda v: 120 + v // 4, lambda v: 190 - v // 5)
    draw = ImageDraw.Draw(scene)
    for index in range(4):
        x = (seed * 37 + index * width // 3) % width
        draw.ellipse(
            (x - width // 4, height * 0.7, x + width // 4, height * 1.5),
            fill=(60 + index * 12, 100, 70),
        )
    return scene.filter(ImageFilter.GaussianBlur(3))


def composed(size, where, scale=1.0, seed=1, mirrored=False, people=1) -> Image.Image:
    """The portrait pasted onto a larger background; where: the top left as fractions."""
    scene = background(size, seed)
    portrait = astronaut(scale, mirrored)
    for person in range(people):
        x = round(where[0] * (size[0] - portrait.width)) + person * portrait.width
        y = round(where[1] * (size[1] - portrait.height))
        scene.paste(portrait, (min(x, size[0] - portrait.width), y))
    return scene


def jpeg(image: Image.Image, orientation: int | None = None) -> bytes:
    """The picture as a camera's JPEG; with orientation, stored turned as a phone does."""
    exif = Image.Exif()
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)  # stored sideways, shown upright
        exif[ORIENTATION] = 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def head_at_the_bottom(size: tuple[int, int], scale: float, seed: int) -> Image.Image:
    """The portrait cut below the chin, at the bottom of the picture: a face near its edge."""
    portrait = astronaut(scale)
    head = portrait.crop((0, 0, portrait.width, round(portrait.height * 0.5)))
    scene = background(size, seed)
    scene.paste(head, ((size[0] - head.width) // 2, size[1] - head.height))
    return scene


PHOTOS = {
    "portrait as taken": lambda: jpeg(astronaut(2.0)),
    "wide, at the left edge": lambda: jpeg(composed((3000, 1000), (0.0, 0.5), 1.6)),
    "wide, at the right edge": lambda: jpeg(composed((3000, 1000), (1.0, 0.2), 1.6, 2)),
    "landscape, right edge": lambda: jpeg(composed((2400, 1600), (1.0, 0.35), 1.4, 3)),
    "landscape, bottom left": lambda: jpeg(composed((2400, 1600), (0.05, 1.0), 1.4, 4)),
    "panorama, right of centre": lambda: jpeg(composed((4000, 1100), (0.7, 0.5), 1.8, 5)),
    "tall, at the bottom": lambda: jpeg(composed((1200, 2400), (0.5, 1.0), 1.6, 6)),
    "tall, upper left": lambda: jpeg(composed((1200, 2400), (0.0, 0.2), 1.6, 7)),
    "mirrored, left third": lambda: jpeg(composed((2000, 1500), (0.15, 0.4), 1.5, 8, True)),
    "stored sideways (EXIF 6), right": lambda: jpeg(
        composed((2600, 1300), (0.95, 0.4), 1.5, 9), orientation=6
    ),
    "head at the bottom of a tall photo": lambda: jpeg(head_at_the_bottom((1200, 2000), 1.6, 12)),
    "two people, left of a wide photo": lambda: jpeg(
        composed((3600, 1200), (0.05, 0.5), 1.2, 10, people=2)
    ),
}


# Looking for the face on a card, the detector is run thoroughly (fine steps between its
# scales), so that a miss means no face, not a scale the quicker upload pass skipped.
THOROUGH = 1.1


def faces_on_card(card: Image.Image, photo_box) -> list[tuple[int, int, int, int]]:
    """The faces a detector finds in the card's photo area, in card pixels."""
    left, top, right, bottom = photo_box
    area = card.crop(photo_box)
    return [
        (
            left + round(f[0] * area.width),
            top + round(f[1] * area.height),
            left + round(f[2] * area.width),
            top + round(f[3] * area.height),
        )
        for f in find_faces(area, THOROUGH)
    ]


# The parts of a story card the networks cover with their own buttons and captions.
STORY_TOP_UI, STORY_BOTTOM_UI = 0.14, 0.20


@pytest.mark.parametrize("design", design_names())
@pytest.mark.parametrize("photo", PHOTOS, ids=list(PHOTOS))
def test_with_no_focal_point_every_card_shows_the_whole_face_in_its_photo(photo, design):
    content = dataclasses.replace(sample_content("en"), design=design)
    people = 2 if photo.startswith("two") else 1
    _, rendered, faces = render_upload(PHOTOS[photo](), content)
    assert len(faces) == people, f"the detector found {len(faces)} faces in the photo"
    for name, fmt in FORMATS.items():
        card = Image.open(io.BytesIO(rendered[name]))
        card_layout = layout_card(content, fmt, Branding())
        clear = card_layout.clear
        found = faces_on_card(card, card_layout.photo)
        assert len(found) >= people, f"{name}: {len(found)} faces on the card, {people} expected"
        # Each face found on the card is whole, off the edges, where no text covers it.
        for left, top, right, bottom in found[:people]:
            margin = (bottom - top) // 10
            assert clear[0] + margin <= left, (name, left, clear)
            assert right <= clear[2] - margin, (name, right, clear)
            assert clear[1] + margin <= top, (name, top, clear)
            assert bottom <= clear[3] - margin, (name, bottom, clear)
            if name == "story":  # and out of the networks' buttons
                assert top >= fmt.height * STORY_TOP_UI + margin, (top, "top UI zone")
                assert bottom <= fmt.height * (1 - STORY_BOTTOM_UI) - margin, (bottom, "bottom")


def test_the_eyes_sit_near_the_upper_third_of_a_tall_card():
    _, rendered, _ = render_upload(PHOTOS["tall, upper left"](), sample_content("en"))
    story = Image.open(io.BytesIO(rendered["story"]))
    card_layout = layout_card(sample_content("en"), FORMATS["story"], Branding())
    area = card_layout.clear
    left, top, right, bottom = faces_on_card(story, card_layout.photo)[0]
    eyes = top + (bottom - top) * 0.42
    assert area[1] + (area[3] - area[1]) * 0.2 < eyes < area[1] + (area[3] - area[1]) * 0.55


def test_a_focal_point_the_person_set_wins_over_the_faces():
    data = PHOTOS["wide, at the left edge"]()
    content = sample_content("en")
    photo, chosen, faces = render_upload(data, content, focal=(1.0, 0.5))
    assert faces is None, "no faces are looked for when the person chose"
    square = Image.open(io.BytesIO(chosen["square"]))
    assert find_faces(square) == (), "the person's crop (the right end) has no face"
    assert chosen["square"] == render_all(photo.image, content, focal=(1.0, 0.5))["square"]


def test_a_photo_without_faces_is_cut_around_its_centre():
    assert focal_for_faces((), (3000, 1000), (0, 0, 1080, 1080)) == (0.5, 0.5)
    scene = background((3000, 1000), 3)
    _, rendered, faces = render_upload(jpeg(scene), sample_content("en"))
    assert faces == ()
    centred = render_all(scene, sample_content("en"), focal=(0.5, 0.5))
    # The same cut as a centred crop (JPEG from the same pixels: equal within rounding).
    a = Image.open(io.BytesIO(rendered["square"])).convert("L").resize((54, 54))
    b = Image.open(io.BytesIO(centred["square"])).convert("L").resize((54, 54))
    assert max(abs(x - y) for x, y in zip(a.tobytes(), b.tobytes(), strict=True)) < 24


def test_uploads_framed_at_the_same_time_each_find_their_own_faces():
    # Every upload's faces are found on a thread of its own, several at once in a worker:
    # the detectors they use are kept between uploads but never shared by two at once.
    photos = {
        "one person": composed((1600, 1000), (0.1, 0.3)),
        "two people": composed((2400, 1000), (0.2, 0.4), people=2, seed=4),
        "nobody": background((1600, 1000), 5),
    }
    alone = {name: find_faces(photo) for name, photo in photos.items()}
    assert [len(alone[name]) for name in photos] == [1, 2, 0]
    with ThreadPoolExecutor(max_workers=6) as pool:
        at_once = [
            (name, pool.submit(find_faces, photos[name])) for _ in range(4) for name in photos
        ]
        assert all(found.result() == alone[name] for name, found in at_once)


@pytest.mark.parametrize("process", range(5))
def test_a_new_workers_first_uploads_may_find_faces_at_the_same_moment(process):
    # OpenCV loads on the first detection; its import is not thread-safe, so a second upload
    # arriving meanwhile once found it half-loaded (a 500). A fresh process each time.
    run = run_fresh(FIRST_DETECTIONS_AT_ONCE)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == str([1] * 8)
