"""Where an entry's cards are served: their URLs, and serving them from local storage (a reverse
proxy can serve the same folder)."""

from flask import Blueprint, abort, send_from_directory, url_for

from campaign.models import Entry
from campaign.storage import KEY_PATTERN, LocalStorage, content_type, get_storage, is_public_key

bp = Blueprint("media", __name__)

ONE_YEAR = 365 * 24 * 3600
# Whatever a file held, a browser treats it as an inert image: no script, no plugin,
# no navigation, and never sniffed into HTML.
MEDIA_POLICY = "default-src 'none'; img-src 'self'; sandbox"


def card_urls(entry: Entry, token: str | None = None) -> dict[str, str]:
    """Format name -> the URL its card is served at.

    Held cards (campaign.cardfiles: a rejected or unpublished entry's) have no public URL:
    only their owner sees them, through the private link's token; without it they are left out.
    """
    storage = get_storage()
    urls = {}
    for fmt, key in entry.card_keys.items():
        if is_public_key(key):
            urls[fmt] = storage.url(key)
        elif token is not None:
            urls[fmt] = url_for("submissions.card", token=token, fmt=fmt)
    return urls


@bp.get("/media/<path:key>")
def file(key: str):
    storage = get_storage()
    # Photos are never served: only the cards rendered from them, under unguessable,
    # content-hashed names that change with every rendering.
    if (
        not KEY_PATTERN.match(key)
        or not is_public_key(key)
        or not isinstance(storage, LocalStorage)
    ):
        abort(404)
    response = send_from_directory(
        storage.root, key, mimetype=content_type(key), max_age=ONE_YEAR, conditional=True
    )
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    response.headers["Content-Security-Policy"] = MEDIA_POLICY
    response.headers["Content-Disposition"] = "inline"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
