"""The card branding: the campaign's, as configured, or a city edition's over it."""

from dataclasses import fields, replace

from flask import current_app

from campaign import cards
from campaign.editions.context import current_edition
from campaign.models import Edition
from campaign.storage import get_storage


def branding_from_config() -> cards.Branding:
    """Branding with the configured colours, mark, campaign lines and logo over the
    campaign's defaults."""
    config = current_app.config
    wanted = {
        "accent": config["CARD_ACCENT"],
        "mark_text": config["CARD_MARK_TEXT"],
        "logo_path": config["CARD_LOGO"],
        "campaign_lines": config["CARD_CAMPAIGN_LINES"],
    }
    known = {field.name for field in fields(cards.Branding)}
    return cards.Branding(**{key: value for key, value in wanted.items() if value and key in known})


def branding_for(edition: Edition | None) -> cards.Branding:
    """A card's branding: the edition's where it sets one, else the campaign's.

    Read when a card is rendered: cards already made keep the branding they were made with.
    """
    base = branding_from_config()
    if edition is None:
        return base
    return replace(
        base,
        accent=edition.accent or base.accent,
        background=edition.background or base.background,
        campaign_lines=tuple({**dict(base.campaign_lines), **edition.campaign_lines}.items()),
        logo_png=get_storage().read(edition.logo_key) if edition.logo_key else None,
        local_hashtag=edition.hashtag,
    )


def current_branding() -> cards.Branding:
    """The branding of a card made on this request's page (an edition's or the global site)."""
    return branding_for(current_edition())
