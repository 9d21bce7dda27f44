"""Serving rendered cards from local storage (a reverse proxy can serve the same folder)."""

from flask import Blueprint, abort, send_from_directory

from campaign.storage import KEY_PATTERN, LocalStorage, get_storage, is_public_key

bp = Blueprint("media", __name__)

ONE_YEAR = 365 * 24 * 3600


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
    response = send_from_directory(storage.root, key, max_age=ONE_YEAR)
    response.headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
