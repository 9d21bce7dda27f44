"""A city's own campaign line per language (CARD_CAMPAIGN_LINES) is what its cards show."""

import pytest

from campaign import create_app
from campaign.branding import branding_from_config
from campaign.cards import FORMATS
from campaign.cards.layout import layout_card
from campaign.cards.samples import sample_content
from campaign.config import from_environment

LINES = '{"fr": " Lyon, ville apprenante ", "ar": "ليون مدينة متعلمة"}'


def mark(card) -> str:
    return "".join(piece.text for line in card.text("mark").block.lines for piece in line.pieces)


@pytest.fixture
def settings():
    return {
        "CARD_CAMPAIGN_LINES": from_environment({"CARD_CAMPAIGN_LINES": LINES})[
            "CARD_CAMPAIGN_LINES"
        ]
    }


def test_the_configured_lines_are_read_from_the_environment():
    assert from_environment({"CARD_CAMPAIGN_LINES": LINES})["CARD_CAMPAIGN_LINES"] == (
        ("fr", "Lyon, ville apprenante"),
        ("ar", "ليون مدينة متعلمة"),
    )
    assert from_environment({})["CARD_CAMPAIGN_LINES"] == ()


def test_the_cards_of_a_configured_language_carry_its_line_and_the_others_theirs(app):
    with app.app_context():
        branding = branding_from_config()
    for fmt in FORMATS.values():
        assert mark(layout_card(sample_content("fr"), fmt, branding)) == "Lyon, ville apprenante"
        assert sorted(mark(layout_card(sample_content("ar"), fmt, branding))) == sorted(
            "ليون مدينة متعلمة"
        )
        assert "Ciudades del aprendizaje" in mark(layout_card(sample_content("es"), fmt, branding))


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ('{"de": "Lernende Stadt"}', "'de' is not one of the languages"),
        ('{"fr": ""}', "non-empty"),
        ('["fr", "Lyon"]', "JSON object"),
        ("fr=Lyon", "CARD_CAMPAIGN_LINES"),
    ],
)
def test_a_wrong_campaign_lines_setting_stops_the_app_saying_why(monkeypatch, value, why):
    monkeypatch.setenv("CARD_CAMPAIGN_LINES", value)
    with pytest.raises(RuntimeError, match="CARD_CAMPAIGN_LINES") as refused:
        create_app()
    assert why in str(refused.value)
