"""The card speaks the entry's language: campaign line, a hashtag one can copy, the place."""

import pytest
from PIL import ImageChops

from campaign.cards import FORMATS, Branding, CardContent, render_card
from campaign.cards.layout import layout_card
from campaign.cards.samples import sample_content


def drawn(card, role: str) -> str:
    block = card.text(role).block
    return "".join(piece.text for line in block.lines for piece in line.pieces)


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("fr", "Villes apprenantes"),
        ("es", "Ciudades del aprendizaje"),
        ("ar", "مدن التعلّم"),
        ("zh", "学习型城市"),
    ],
)
def test_the_campaign_line_is_in_the_entrys_language(language, line):
    card = layout_card(sample_content(language), FORMATS["square"], Branding())
    assert line in drawn(card, "mark")


def test_a_configured_mark_replaces_the_campaign_line():
    card = layout_card(sample_content("fr"), FORMATS["square"], Branding(mark_text="Ville de Lyon"))
    assert drawn(card, "mark") == "Ville de Lyon"


def test_the_arabic_hashtag_is_drawn_as_posted_with_underscores_and_the_hash_first():
    card = layout_card(sample_content("ar"), FORMATS["square"], Branding())
    pieces = [p.text for line in card.text("hashtag").block.lines for p in line.pieces]
    assert "".join(sorted("".join(pieces))) == "".join(sorted("#انا_اتعلم_مدى_الحياة"))
    assert " " not in "".join(pieces)


def test_the_arabic_place_line_uses_the_arabic_comma():
    content = CardContent("نتعلم", "ar", "أمينة", "عمّان", "الأردن")
    card = layout_card(content, FORMATS["square"], Branding())
    assert "عمّان، الأردن" in drawn(card, "place")


LYON = (("fr", "Lyon, ville apprenante"), ("ar", "ليون مدينة متعلمة"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_configured_campaign_line_replaces_that_languages_line_only(fmt):
    branding = Branding(campaign_lines=LYON)
    french = layout_card(sample_content("fr"), FORMATS[fmt], branding)
    assert drawn(french, "mark") == "Lyon, ville apprenante"
    arabic = layout_card(sample_content("ar"), FORMATS[fmt], branding)
    assert sorted(drawn(arabic, "mark")) == sorted("ليون مدينة متعلمة")
    spanish = layout_card(sample_content("es"), FORMATS[fmt], branding)
    assert "Ciudades del aprendizaje" in drawn(spanish, "mark")


def test_a_languages_line_wins_over_the_one_mark_for_every_language():
    branding = Branding(mark_text="Ville de Lyon", campaign_lines=LYON)
    assert drawn(layout_card(sample_content("fr"), FORMATS["square"], branding), "mark") == (
        "Lyon, ville apprenante"
    )
    assert drawn(layout_card(sample_content("en"), FORMATS["square"], branding), "mark") == (
        "Ville de Lyon"
    )


def test_the_configured_line_is_what_the_card_shows(photo):
    content = sample_content("fr")
    plain = render_card(photo, content, FORMATS["square"])
    own = render_card(photo, content, FORMATS["square"], branding=Branding(campaign_lines=LYON))
    mark = layout_card(content, FORMATS["square"], Branding()).text("mark")
    # The two cards differ where the mark is drawn, and nowhere else.
    box = ImageChops.difference(plain, own).getbbox()
    assert box is not None, "the configured line was not drawn"
    assert mark.y - 8 <= box[1]
    assert box[3] <= mark.y + mark.block.height + 8
