"""The card branding a city chose in its configuration."""

from dataclasses import fields

from flask import current_app

from campaign import cards


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
