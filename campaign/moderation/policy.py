"""Pre- or post-moderation: the campaign's MODERATION setting, or a city edition's own."""

from campaign.extensions import db
from campaign.models import Edition


def mode_for(edition_id: int | None, default: str) -> str:
    """ "pre" or "post" for an entry of this edition (None: the global site); `default` is
    the campaign's setting, which an edition without a setting of its own follows."""
    if edition_id is None:
        return default
    edition = db.session.get(Edition, edition_id)
    return edition.moderation_mode(default) if edition is not None else default
