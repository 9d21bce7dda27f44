"""Finished cards: sizes, files, the crop around the focal point, branding."""

import io

from PIL import Image, ImageCms

from campaign.cards import FORMATS, LANDSCAPE, SQUARE, Branding, render_all, render_card
from campaign.cards.gallery import render_gallery
from campaign.cards.samples import sample_content


def test_render_all_makes_three_srgb_jpegs_and_a_webp_thumbnail(photo):
    cards = render_all(photo, sample_content("fr"))
    assert list(cards) == ["landscape", "thumb", "square", "story"]
    for name, fmt in FORMATS.items():
        image = Image.open(io.BytesIO(cards[name]))
        assert image.format == "JPEG"
        assert image.size == (fmt.width, fmt.height)
        assert bool(image.info.get("progressive")) == (name == "landscape")
        profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        assert "sRGB" in ImageCms.getProfileDescription(profile)
    thumb = Image.open(io.BytesIO(cards["thumb"]))
    assert thumb.format == "WEBP"
    assert thumb.size == (480, 252)


def test_landscape_card_of_a_noisy_photo_stays_under_300_kb():
    noisy = Image.effect_noise((1600, 1200), 90).convert("RGB")
    cards = render_all(noisy, sample_content("en"))
    assert len(cards["landscape"]) < 300_000


def halves(colour_left: str, colour_right: str) -> Image.Image:
    image = Image.new("RGB", (3000, 1000), colour_left)
    image.paste(colour_right, (1500, 0, 3000, 1000))
    return image


def test_photo_is_cropped_around_the_focal_point():
    photo = halves("red", "blue")
    left = render_card(photo, sample_content("en"), SQUARE, focal=(0.0, 0.5))
    right = render_card(photo, sample_content("en"), SQUARE, focal=(1.0, 0.5))
    assert left.getpixel((540, 200))[0] > 240
    assert right.getpixel((540, 200))[2] > 240


def test_arabic_card_has_its_photo_on_the_right(photo):
    card = render_card(Image.new("RGB", (1200, 900), "green"), sample_content("ar"), LANDSCAPE)
    assert card.getpixel((1150, 300))[1] > 100
    assert card.getpixel((50, 300)) == (13, 34, 64)


def test_branding_sets_the_colours_and_a_logo_replaces_the_mark(tmp_path, photo):
    logo_path = tmp_path / "logo.png"
    Image.new("RGBA", (300, 60), (255, 0, 255, 255)).save(logo_path)
    branding = Branding(accent="#00A0B0", background="#FFFFFF", text="#111111", logo_path=logo_path)
    card = render_card(photo, sample_content("en"), LANDSCAPE, branding=branding)
    assert card.getpixel((604, 300)) == (0, 160, 176)  # the accent bar
    assert card.getpixel((1190, 620)) == (255, 255, 255)
    magenta = [card.getpixel((x, y)) for x in range(500, 700, 10) for y in range(40, 80, 4)]
    assert (255, 0, 255) in magenta


def test_cards_from_a_camera_photo_look_like_the_photo_where_the_photo_is(photo):
    card = render_card(photo, sample_content("es"), LANDSCAPE, focal=(0.5, 0.5))
    assert card.size == (1200, 630)
    assert card.mode == "RGB"
    assert len(card.crop((0, 0, 440, 630)).getcolors(maxcolors=1_000_000)) > 1000


def test_gallery_renders_every_design_in_every_language_and_format(tmp_path, monkeypatch):
    monkeypatch.setattr("campaign.cards.gallery.VARIANTS", {"short": None})
    written = render_gallery(tmp_path / "gallery")
    assert len(written) == 2 * 5 * 3  # designs × languages × formats
    assert all(path.stat().st_size > 10_000 for path in written)
    with Image.open(written[0]) as first:
        assert first.size == (1200, 630)
    # The sample photo fills the frame: the band square's top rows are the photo, not a
    # plain strip of one colour above the person.
    with Image.open(tmp_path / "gallery" / "band-en-short-square.jpg") as band:
        top = band.convert("RGB").crop((0, 0, 1080, 60))
        assert len(top.getcolors(maxcolors=1_000_000)) > 2000
