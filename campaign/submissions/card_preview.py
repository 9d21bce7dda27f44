"""The live preview's two questions to the card engine, asked by the join and invitation forms.

/card-preview/layout: the texts in, every format's layout out (lines, sizes, areas).
/card-preview/faces: a small copy of the photo in, the faces and every card's framing out.
The photo is read into memory as the request body (never a multipart form, which would be
spooled to a temporary file), looked at, and forgotten: nothing is stored or logged.
"""

import io
import warnings

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError

from campaign import cards
from campaign.branding import current_branding
from campaign.cards.geometry import DEFAULT_DESIGN, design_names
from campaign.cards.portrait import DETECT_LONG, find_faces
from campaign.cards.preview import card_layouts, framings
from campaign.countries import country_name
from campaign.extensions import limiter
from campaign.languages import DEFAULT_LANGUAGE, LANGUAGES
from campaign.orientation import upright
from campaign.submissions.forms import CITY_MAX, NAME_MAX, OFFICIAL_STATEMENT_MAX
from campaign.textinput import TextInputError, clean_text

bp = Blueprint("card_preview", __name__, url_prefix="/card-preview")

MAX_PHOTO_BYTES = 512 * 1024  # the page sends a small grey copy: tens of kilobytes
MAX_PHOTO_SIDE = DETECT_LONG  # the detector looks at no more than this
MAX_SIZE = 100_000  # the size of the photo the crops are computed for, on each side
TITLE_MAX = 160
PREVIEW_FORMATS = ("JPEG", "PNG", "WEBP")

_limit = limiter.shared_limit(lambda: current_app.config["PREVIEW_RATE_LIMIT"], scope="preview")


def _refused(message: str, status: int):
    return jsonify({"error": message}), status


@bp.post("/layout")
@_limit
def layout():
    """Every format of the card these texts make, as the renderer will lay it out."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _refused(_("The preview could not be updated."), 400)
    try:
        content = _content(data)
    except TextInputError as error:
        return _refused(str(error), 422)
    response = jsonify({"formats": card_layouts(content, current_branding())})
    response.headers["Cache-Control"] = "no-store"
    return response


def _content(data: dict) -> cards.CardContent:
    def text(key: str, limit: int, paragraphs: bool = False) -> str:
        value = data.get(key)
        value = value if isinstance(value, str) else ""
        return clean_text(value[: limit * 2], allow_newlines=paragraphs)[:limit]

    official = data.get("official") is True
    language = data.get("language") if data.get("language") in LANGUAGES else DEFAULT_LANGUAGE
    design = data.get("design") if data.get("design") in design_names() else DEFAULT_DESIGN
    country = data.get("country") if isinstance(data.get("country"), str) else ""
    return cards.CardContent(
        statement=text("statement", OFFICIAL_STATEMENT_MAX, paragraphs=official),
        language=language,
        name=text("name", max(NAME_MAX, 80)),
        city=text("city", 120 if official else CITY_MAX),
        country=country_name(country.upper(), language) if country else "",
        title=(text("title", TITLE_MAX) or None) if official else None,
        verified=official,
        design=design,
    )


@bp.post("/faces")
@_limit
def faces():
    """The faces in a small upright copy of the photo, and where every card would cut a
    photo of ?width= by ?height= (the one the form will send) around them."""
    if (request.content_length or 0) > MAX_PHOTO_BYTES:
        return _refused(_("The preview could not find the faces in this photo."), 413)
    body = request.get_data(cache=False)
    if not body or len(body) > MAX_PHOTO_BYTES:
        return _refused(_("The preview could not find the faces in this photo."), 413)
    picture = _small_picture(body)
    if picture is None:
        return _refused(_("The preview could not find the faces in this photo."), 422)
    size = _size(picture.size)
    found = find_faces(picture)
    response = jsonify({"faces": [list(face) for face in found], "framings": framings(found, size)})
    response.headers["Cache-Control"] = "no-store"
    return response


def _small_picture(body: bytes) -> Image.Image | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(body))
            if picture.format not in PREVIEW_FORMATS or max(picture.size) > MAX_PHOTO_SIDE:
                return None
            orientation = picture.getexif().get(0x0112, 1)
            picture = picture.convert("L")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombWarning, ValueError):
        return None
    return upright(picture, orientation)


def _size(picture_size: tuple[int, int]) -> tuple[int, int]:
    """The photo the crops are for: ?width= by ?height=, else the copy's own size."""
    width = request.args.get("width", type=int)
    height = request.args.get("height", type=int)
    if width and height and 0 < width <= MAX_SIZE and 0 < height <= MAX_SIZE:
        return width, height
    return picture_size
