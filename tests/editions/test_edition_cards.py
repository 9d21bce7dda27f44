"""What an edition's branding changes on a card, and what it leaves alone."""

import pytest

from campaign import cards
from campaign.cards.layout import layout_card
from campaign.cards.samples import sample_content

EDITION = cards.Branding(local_hashtag="#EspooLearns", logo_png=b"\x89PNG not drawn here")


def _hashtag_line(language: str, branding: cards.Branding) -> str:
    """The hashtag line as it reads on the card, left to right."""
    placed = layout_card(sample_content(language), cards.LANDSCAPE, branding).text("hashtag")
    return "".join(
        piece.text[::-1] if piece.rtl else piece.text
        for line in placed.block.lines
        for piece in line.pieces
    ).replace("\u200e", "")


@pytest.mark.parametrize(
    ("language", "reads"),
    [
        ("en", "#ImALifelongLearner #EspooLearns"),
        ("zh", "#我是一名终身学习者 #EspooLearns"),
        # Right to left: the campaign's tag first (on the right), the city's '#' before its name.
        ("ar", "#EspooLearns " + "#انا_اتعلم_مدى_الحياة"[::-1]),
    ],
)
def test_an_edition_card_carries_both_hashtags_in_reading_order(language, reads):
    assert _hashtag_line(language, EDITION) == reads


def test_an_edition_card_keeps_its_campaign_line_under_the_logo():
    layout = layout_card(sample_content("fr"), cards.LANDSCAPE, EDITION)
    assert layout.logo is not None
    mark = layout.text("mark")
    assert mark.y > layout.logo[3]
    # The global site's cards, without branding, are as before: the line, no logo.
    plain = layout_card(sample_content("fr"), cards.LANDSCAPE, cards.Branding())
    assert plain.logo is None
    assert _hashtag_line("fr", cards.Branding()) == "#JApprendsToutAuLongDeLaVie"
