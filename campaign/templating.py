"""Values every template can use."""

from flask import Flask

from campaign.i18n import current_locale
from campaign.images import photo_messages
from campaign.languages import LANGUAGES, OG_LOCALES
from campaign.privacy.period import Phase, phase
from campaign.sharing.campaign_image import campaign_image_url
from campaign.storage import get_storage
from campaign.urls import absolute_url_for

# For an <img> whose picture a script sets later: HTML requires a src, and this one is a
# transparent pixel, so nothing broken shows and nothing is fetched.
BLANK_IMAGE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def register_template_globals(app: Flask) -> None:
    @app.context_processor
    def globals_for_templates() -> dict:
        return {
            "current_locale": current_locale(),
            "languages": LANGUAGES,
            "blank_image": BLANK_IMAGE,
            "og_locales": OG_LOCALES,
            "campaign_image_url": campaign_image_url,
            "storage_url": lambda key: get_storage().url(key),
            "absolute_url_for": absolute_url_for,
            "submissions_open": lambda: phase() is Phase.OPEN,
            # What the server says of a refused photo, for the photo pickers to say first.
            "photo_messages": photo_messages,
        }
