"""What an edition's slug, hashtag, colours, languages and designs may be."""

import re
from collections.abc import Iterable

from flask_babel import gettext as _
from werkzeug.routing import Map

from campaign import cards
from campaign.languages import LANGUAGES
from campaign.models.edition import SLUG_MAX
from campaign.sharing.hashtags import extract_hashtags
from campaign.textinput import TextInputError, clean_text

SLUG_PATTERN = re.compile(rf"^[a-z0-9](?:[a-z0-9-]{{0,{SLUG_MAX - 2}}}[a-z0-9])?$")
COLOUR_PATTERN = re.compile(r"^#[0-9A-Fa-f]{6}$")
HASHTAG_MAX = 60
NAME_MAX = 80
LINE_MAX = 120
# Beside the URL map's own first segments: names an edition's host or path might one day
# need, and the prefix of the editions themselves.
RESERVED = frozenset({"c", "api", "static", "media", "admin", "www", "editions"})


class EditionError(ValueError):
    """An edition's settings cannot be saved as given; the message says why."""


def taken_segments(url_map: Map) -> set[str]:
    """The first path segments the app's routes use (/join -> "join"), and the reserved ones."""
    segments = set(RESERVED)
    for rule in url_map.iter_rules():
        first = rule.rule.lstrip("/").split("/", 1)[0]
        first = re.split(r"[.<]", first, maxsplit=1)[0]
        if first:
            segments.add(first.lower())
    return segments


def check_slug(slug: str, taken: Iterable[str]) -> str:
    """The slug if it is well formed and no route's first segment; EditionError otherwise."""
    if not SLUG_PATTERN.match(slug):
        raise EditionError(
            _(
                "An edition’s address name uses lower-case letters a-z, digits and hyphens "
                "(not first or last), at most %(max)s characters, e.g. espoo.",
                max=SLUG_MAX,
            )
        )
    if slug in set(taken):
        raise EditionError(
            _("“%(slug)s” is already a page of the site: choose another name.", slug=slug)
        )
    return slug


def check_hashtag(tag: str | None) -> str | None:
    """A local hashtag as X would link it whole (e.g. #EspooLearns), or None when empty."""
    tag = (tag or "").strip()
    if not tag:
        return None
    if not tag.startswith("#"):
        tag = "#" + tag
    if len(tag) > HASHTAG_MAX or extract_hashtags(tag) != [tag[1:]]:
        raise EditionError(
            _(
                "The local hashtag must be one word of letters, digits or underscores after "
                "“#”, e.g. #EspooLearns."
            )
        )
    return tag


def check_colour(colour: str | None) -> str | None:
    """A colour as #RRGGBB (upper case), or None when empty."""
    colour = (colour or "").strip()
    if not colour:
        return None
    if not COLOUR_PATTERN.match(colour):
        raise EditionError(_("Colours are written #RRGGBB, e.g. #0D2240."))
    return colour.upper()


def check_moderation(mode: str | None) -> str | None:
    """ "pre" or "post", or None (empty) for the campaign's own MODERATION setting."""
    mode = (mode or "").strip() or None
    if mode not in (None, "pre", "post"):
        raise EditionError(_("Moderation is “pre” (before publishing) or “post” (after)."))
    return mode


def check_languages(languages: Iterable[str], default: str) -> list[str]:
    """The offered languages in the campaign's order, the default among them."""
    wanted = set(languages) | {default}
    unknown = wanted - set(LANGUAGES)
    if unknown or not default:
        raise EditionError(_("Editions speak some of: %(codes)s.", codes=", ".join(LANGUAGES)))
    return [code for code in LANGUAGES if code in wanted]


def check_designs(designs: Iterable[str]) -> list[str]:
    """Card designs the edition offers (empty: all of them)."""
    designs = list(dict.fromkeys(designs))
    unknown = set(designs) - set(cards.design_names())
    if unknown:
        raise EditionError(
            _("Card designs are some of: %(names)s.", names=", ".join(cards.design_names()))
        )
    return designs


def check_texts(texts: dict[str, str], languages: list[str], limit: int) -> dict[str, str]:
    """Per-language texts (names, campaign lines) for offered languages, trimmed, none empty."""
    kept = {}
    for code, text in texts.items():
        try:
            text = clean_text(text)
        except TextInputError as error:
            raise EditionError(str(error)) from None
        if not text:
            continue
        if code not in languages:
            raise EditionError(_("%(code)s is not one of the edition’s languages.", code=code))
        if len(text) > limit:
            raise EditionError(_("At most %(max)s characters, please.", max=limit))
        kept[code] = text
    return kept
