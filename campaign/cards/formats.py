"""The card sizes we render, and the branding they carry."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CardFormat:
    name: str
    width: int
    height: int


LANDSCAPE = CardFormat("landscape", 1200, 630)  # Open Graph image
SQUARE = CardFormat("square", 1080, 1080)
STORY = CardFormat("story", 1080, 1920)

FORMATS: dict[str, CardFormat] = {fmt.name: fmt for fmt in (LANDSCAPE, SQUARE, STORY)}
THUMB_WIDTH = 480  # the landscape card at this width, as a WebP, for the wall


@dataclass(frozen=True)
class CardContent:
    statement: str  # exactly as typed (already trimmed)
    language: str  # "en" | "fr" | "es" | "ar" | "zh"
    name: str
    city: str
    country: str
    title: str | None = None  # an official's title, e.g. "Mayor of Espoo"
    verified: bool = False  # officials: a "verified" badge on the card
    design: str = "split"  # a design of campaign/cards/designs.json


@dataclass(frozen=True)
class Branding:
    mark_text: str | None = None  # None: the campaign line in the card's language
    # A city's own campaign line per language, as (language code, line) pairs: it replaces
    # the translated line (and mark_text) on that language's cards.
    campaign_lines: tuple[tuple[str, str], ...] = ()
    accent: str = "#FFB81C"
    background: str = "#0D2240"
    text: str = "#FFFFFF"
    muted: str = "#AFC0D6"
    logo_path: Path | None = None  # replaces the mark text when set
    # A city edition's logo (PNG bytes, from storage): drawn above the mark text.
    logo_png: bytes | None = None
    # A city edition's hashtag, e.g. "#EspooLearns": printed after the campaign's.
    local_hashtag: str | None = None

    @property
    def logo(self) -> Path | bytes | None:
        return self.logo_png or self.logo_path

    def mark_for(self, language: str, translated: str) -> str:
        """The mark's text on a card in this language: the configured line for it, else
        the one mark text, else the campaign line translated."""
        return dict(self.campaign_lines).get(language) or self.mark_text or translated
