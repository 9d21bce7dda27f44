"""The campaign's own link-preview image (og:image of the home, join, wall and officials
pages), drawn by the card engine in each language: the campaign's question as the statement.

Unlike an entry's cards it belongs to no one and is the same for every visitor, so it is not
kept in entry storage (where the maintenance check would see an orphan, and where a page view
would write a file): each process draws it on first request, keeps it in memory (about 100 KB
a language) and serves it under a URL that changes with its text and branding.
"""

import hashlib
from functools import lru_cache

from flask import Blueprint, Response, abort
from flask_babel import force_locale
from flask_babel import gettext as _

from campaign import cards
from campaign.branding import branding_from_config
from campaign.cards.render import encode_card
from campaign.cards.samples import sample_photo
from campaign.languages import LANGUAGES, get_language
from campaign.urls import absolute_url_for

bp = Blueprint("campaign_image", __name__)
ONE_DAY = 24 * 3600


def campaign_content(language: str) -> cards.CardContent:
    with force_locale(language):
        return cards.CardContent(
            # It completes the card's prompt, "I’m a lifelong learner because…".
            statement=_(
                "every day brings something new to discover. Tell us why you keep learning!"
            ),
            language=get_language(language).code,
            name=_("Join the campaign"),
            city=_("UNESCO Global Network of Learning Cities"),
            country="",
        )


def _version(content: cards.CardContent, branding: cards.Branding) -> str:
    return hashlib.sha256(repr((content, branding)).encode()).hexdigest()[:12]


def campaign_image_url(language: str) -> str:
    """The absolute URL of the campaign image in a language (drawn when first fetched)."""
    content = campaign_content(language)
    return absolute_url_for(
        "campaign_image.image",
        language=content.language,
        v=_version(content, branding_from_config()),
    )


@lru_cache(maxsize=len(LANGUAGES) * 2)
def _drawn(content: cards.CardContent, branding: cards.Branding) -> bytes:
    image = cards.render_card(sample_photo(), content, cards.LANDSCAPE, branding=branding)
    return encode_card(image, cards.LANDSCAPE)


@bp.get("/campaign/<language>.jpg")
def image(language: str):
    if language not in LANGUAGES:
        abort(404)
    response = Response(
        _drawn(campaign_content(language), branding_from_config()), mimetype="image/jpeg"
    )
    response.headers["Cache-Control"] = f"public, max-age={ONE_DAY}"
    return response
