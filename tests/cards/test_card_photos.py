"""Photos people really send are turned upright, into sRGB, at the scale the cards need."""

import io
import struct

import pytest
from PIL import ExifTags, Image, ImageChops, ImageStat

from campaign.cards import FORMATS, Branding, render_all, render_upload
from campaign.cards.geometry import photo_cover
from campaign.cards.layout import layout_card
from campaign.cards.samples import sample_content
from campaign.images import DECODE_COVER, SRGB_BYTES, PhotoError, load_photo
from tests.factories import camera_like


def encoded(image: Image.Image, fmt: str = "JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def with_orientation(image: Image.Image, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encoded(image, exif=exif.tobytes(), quality=90)


def difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a, b.resize(a.size))).mean) / 3


def test_decode_cover_is_what_the_cards_need():
    assert photo_cover() == DECODE_COVER


@pytest.mark.parametrize("shape", ["Landscape", "Portrait"])
def test_every_exif_orientation_comes_out_upright_when_decoded_small(shared_testdata, shape):
    folder = shared_testdata / "exif-orientation"
    cover = (400, 400)  # forces a reduced-scale decode of these 1800×1200 samples
    reference = load_photo((folder / f"{shape}_0.jpg").read_bytes(), cover=cover).image
    assert reference.size == ((900, 600) if shape == "Landscape" else (600, 900))
    for orientation in range(1, 9):
        data = (folder / f"{shape}_{orientation}.jpg").read_bytes()
        image = load_photo(data, cover=cover).image
        assert image.size == reference.size, orientation
        assert difference(reference, image) < 12, f"{shape}_{orientation} is not upright"


def test_a_12_megapixel_jpeg_is_decoded_at_half_scale_and_still_covers_the_cards():
    image = load_photo(encoded(camera_like((4000, 3000)))).image
    assert image.size == (2000, 1500)


def test_the_reduced_scale_is_chosen_before_turning_the_photo_upright():
    stored = camera_like((4000, 3000))  # a portrait photo, stored lying on its side
    image = load_photo(with_orientation(stored, 6)).image
    assert image.size == (1500, 2000)
    assert image.width >= DECODE_COVER[0]
    assert image.height >= DECODE_COVER[1]


def test_large_png_is_reduced_too():
    image = load_photo(encoded(camera_like((4400, 3300)), "PNG", compress_level=1)).image
    assert image.size == (2200, 1650)  # a half: its short side still covers the tallest photo box


def test_cmyk_jpeg_becomes_rgb():
    image = load_photo(encoded(Image.new("CMYK", (800, 600), (0, 255, 255, 0)))).image
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((10, 10))
    assert red > 200
    assert green < 60
    assert blue < 60


def test_greyscale_jpeg_becomes_rgb():
    image = load_photo(encoded(Image.new("L", (800, 600), 128))).image
    assert image.mode == "RGB"
    assert image.getpixel((5, 5)) == pytest.approx((128, 128, 128), abs=2)


def test_transparent_png_is_flattened_on_white():
    source = Image.new("RGBA", (800, 600), (255, 0, 0, 0))
    source.paste((0, 0, 255, 255), (0, 0, 400, 600))
    image = load_photo(encoded(source, "PNG")).image
    assert image.getpixel((600, 300)) == (255, 255, 255)
    assert image.getpixel((100, 300)) == (0, 0, 255)


def test_palette_png_with_a_transparent_colour_is_flattened_on_white():
    source = Image.new("P", (800, 600), 1)
    source.putpalette([0, 0, 0, 0, 200, 0] + [0] * 762)
    source.paste(0, (0, 0, 400, 600))
    image = load_photo(encoded(source, "PNG", transparency=0)).image
    assert image.getpixel((100, 100)) == (255, 255, 255)
    assert image.getpixel((700, 100)) == (0, 200, 0)


def test_16_bit_png_keeps_its_tones():
    ramp = Image.linear_gradient("L").resize((800, 600))
    wide = Image.frombytes("I;16", ramp.size, bytes(b for v in ramp.tobytes() for b in (0, v)))
    image = load_photo(encoded(wide, "PNG")).image
    low, high = image.convert("L").getextrema()
    assert low < 10
    assert high > 240


def test_webp_and_heic_are_accepted():
    for fmt in ("WEBP", "HEIF"):
        image = load_photo(encoded(camera_like((1200, 900)), fmt, quality=80)).image
        assert image.size == (1200, 900), fmt
        assert image.mode == "RGB"


def swapped_primaries_profile() -> bytes:
    """An RGB profile whose red and blue primaries trade places: easy to see converted."""
    data = bytearray(SRGB_BYTES)
    (count,) = struct.unpack(">I", data[128:132])
    tags = {bytes(data[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, blue = tags[b"rXYZ"] + 4, tags[b"bXYZ"] + 4
    data[red : red + 8], data[blue : blue + 8] = data[blue : blue + 8], data[red : red + 8]
    return bytes(data)


def test_embedded_colour_profile_is_converted_to_srgb():
    source = Image.new("RGB", (800, 600), (220, 30, 30))
    image = load_photo(encoded(source, icc_profile=swapped_primaries_profile())).image
    red, _, blue = image.getpixel((10, 10))
    assert blue > 180
    assert red < 60


@pytest.mark.parametrize("shape", ["Landscape", "Portrait"])
def test_cards_cut_from_the_stored_pixels_show_the_photo_upright(shared_testdata, shape):
    folder = shared_testdata / "exif-orientation"
    content, focal = sample_content("en"), (0.3, 0.65)  # off centre: a misplaced crop shows
    _, reference, _ = render_upload((folder / f"{shape}_0.jpg").read_bytes(), content, focal)
    for orientation in range(1, 9):
        data = (folder / f"{shape}_{orientation}.jpg").read_bytes()
        photo, cards, _ = render_upload(data, content, focal)
        assert photo.orientation == orientation
        for name, fmt in FORMATS.items():
            box = layout_card(content, fmt, Branding()).photo
            expected = Image.open(io.BytesIO(reference[name])).crop(box)
            actual = Image.open(io.BytesIO(cards[name])).crop(box)
            assert difference(expected, actual) < 12, f"{shape}_{orientation} {name}"


def test_a_photo_kept_as_decoded_keeps_none_of_the_files_metadata():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (60.0, 12.0, 30.0)
    data = encoded(camera_like((1200, 900)), exif=exif.tobytes())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    photo = load_photo(data)  # upright and small already: the decoded pixels are kept
    assert type(photo.stored) is Image.Image  # not the file object with its EXIF segments
    assert photo.image is photo.stored
    assert not photo.stored.info
    assert not photo.stored.getexif()


def test_loaded_photo_carries_no_metadata():
    data = with_orientation(camera_like((800, 600)), 3)
    image = load_photo(data).image
    assert not image.getexif()
    assert "icc_profile" not in image.info


@pytest.mark.parametrize("size", [(320, 4000), (6000, 400)])
def test_very_tall_and_very_wide_photos_make_every_card(size):
    photo = load_photo(encoded(camera_like(size))).image
    cards = render_all(photo, sample_content("en"))
    for name, fmt in FORMATS.items():
        assert Image.open(io.BytesIO(cards[name])).size == (fmt.width, fmt.height)


@pytest.mark.parametrize("size", [(200, 200), (1000, 300)])
def test_tiny_photo_is_refused_with_a_clear_message(size):
    with pytest.raises(PhotoError, match="too small.*320 pixels"):
        load_photo(encoded(camera_like(size)))


def test_a_truncated_jpeg_is_refused_as_damaged():
    with pytest.raises(PhotoError, match="damaged"):
        load_photo(encoded(camera_like((800, 600)))[:2000])
