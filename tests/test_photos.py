"""Photos people really send come out upright and clean."""

import io

from PIL import Image, ImageChops, ImageCms, ImageStat
from sqlalchemy import select

from campaign.images import load_photo
from campaign.models import Entry
from tests.factories import open_image, photo_bytes, submit


def difference(a: Image.Image, b: Image.Image) -> float:
    b = b.resize(a.size)
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_every_exif_orientation_of_the_shared_samples_comes_out_the_same(orientation_samples):
    for shape in ("Landscape", "Portrait"):
        reference = load_photo((orientation_samples / f"{shape}_0.jpg").read_bytes()).image
        for n in range(1, 9):
            image = load_photo((orientation_samples / f"{shape}_{n}.jpg").read_bytes()).image
            assert image.size == reference.size, f"{shape}_{n}"
            assert difference(reference, image) < 12, f"{shape}_{n} is not upright"


def test_uploaded_sample_is_stored_upright_without_its_exif(
    client, db, uploads, orientation_samples
):
    data = (orientation_samples / "Portrait_8.jpg").read_bytes()
    assert Image.open(io.BytesIO(data)).getexif()
    assert submit(client, photo=data).status_code == 303
    entry = db.session.scalars(select(Entry)).one()
    stored = open_image(uploads / entry.photo_key)
    reference = load_photo((orientation_samples / "Portrait_0.jpg").read_bytes()).image
    assert stored.size == reference.size
    assert difference(reference, stored) < 12
    assert not stored.getexif()


def test_png_with_transparency_is_flattened_on_white(client, db, uploads):
    image = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    assert submit(client, photo=buffer.getvalue(), filename="me.png").status_code == 303
    entry = db.session.scalars(select(Entry)).one()
    stored = open_image(uploads / entry.photo_key)
    assert stored.getpixel((10, 10)) >= (250, 250, 250)


def test_greyscale_photo_is_accepted_as_rgb(client, db, uploads):
    assert submit(client, photo=photo_bytes(mode="L")).status_code == 303
    entry = db.session.scalars(select(Entry)).one()
    assert open_image(uploads / entry.photo_key).mode == "RGB"


def test_a_photo_with_a_broken_colour_profile_is_taken_with_its_own_colours(client, db, uploads):
    # Some editing apps write a truncated ICC profile: the photo must not be refused for it.
    image = Image.new("RGB", (900, 700), (200, 120, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, icc_profile=b"acspAPPL" + b"\0" * 120)
    assert Image.open(io.BytesIO(buffer.getvalue())).info["icc_profile"]
    assert submit(client, photo=buffer.getvalue()).status_code == 303
    entry = db.session.scalars(select(Entry)).one()
    stored = open_image(uploads / entry.photo_key)
    profile = ImageCms.ImageCmsProfile(io.BytesIO(stored.info["icc_profile"]))
    assert "sRGB" in ImageCms.getProfileDescription(profile), "tagged as what it now is"
    colour = stored.getpixel((450, 350))
    assert max(abs(got - sent) for got, sent in zip(colour, (200, 120, 60), strict=True)) < 6
