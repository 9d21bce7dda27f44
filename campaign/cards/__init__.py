"""Share cards: a photo and a statement, branded, in every format the networks want."""

from campaign.cards.fonts import check_text_engine
from campaign.cards.fonts import unsupported as unsupported_characters
from campaign.cards.formats import (
    FORMATS,
    LANDSCAPE,
    SQUARE,
    STORY,
    Branding,
    CardContent,
    CardFormat,
)
from campaign.cards.geometry import DEFAULT_DESIGN, design_names
from campaign.cards.pipeline import render_all, render_upload
from campaign.cards.render import render_card

__all__ = [
    "FORMATS",
    "LANDSCAPE",
    "SQUARE",
    "STORY",
    "Branding",
    "CardContent",
    "CardFormat",
    "DEFAULT_DESIGN",
    "check_text_engine",
    "design_names",
    "render_all",
    "render_card",
    "render_upload",
    "unsupported_characters",
]
