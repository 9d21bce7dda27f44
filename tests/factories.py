"""The one set of builders for test data: real image files, filled-in forms, staff accounts
signed in, entries and invitations. Test modules import them from here; conftest.py files
hold fixtures only."""

import base64
import binascii
import contextlib
import functools
import io
import re
import secrets
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import g, has_app_context
from PIL import Image, ImageDraw, ImageFilter

from campaign.dbtypes import utcnow
from campaign.editions import service as editions
from campaign.editions.logo import set_logo
from campaign.editions.rules import taken_segments
from campaign.extensions import db as _db
from campaign.models import (
    City,
    Edition,
    Entry,
    EntryStatus,
    FlagKind,
    OfficialInvitation,
    Role,
    User,
)
from campaign.moderation import accounts
from campaign.officials import invitations
from campaign.orientation import TRANSPOSE_FOR_ORIENTATION
from campaign.storage import get_storage
from campaign.unit_of_work import unit_of_work

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_bytes(
    width: int = 1200,
    height: int = 900,
    *,
    format: str = "JPEG",
    orientation: int | None = None,
    gps: bool = True,
    mode: str = "RGB",
) -> bytes:
    """A real image file: a face-like figure on a gradient, with EXIF (and GPS) if JPEG."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 8):
        draw.rectangle([0, y, width, y + 8], fill=(40 + y * 150 // height, 90, 160))
    # A red marker in the top-left quarter shows which way is up after orientation.
    draw.rectangle([0, 0, width // 4, height // 4], fill=(220, 30, 30))
    draw.ellipse([width // 3, height // 4, 2 * width // 3, 3 * height // 4], fill=(240, 200, 160))
    if mode != "RGB":
        image = image.convert(mode)
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0131] = "secret-editor 1.0"  # Software
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 30.0), 3: "E", 4: (2.0, 17.0, 40.0)}
    buffer = io.BytesIO()
    if format == "JPEG":
        image.save(buffer, format, exif=exif.tobytes(), quality=90)
    else:
        image.save(buffer, format)
    return buffer.getvalue()


# Each turn undone: the quarter turns undo each other, every other turn undoes itself.
_UNDO = {
    **TRANSPOSE_FOR_ORIENTATION,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}


def stored_as(picture: Image.Image, orientation: int) -> Image.Image:
    """An upright picture's pixels as a camera stores them under this EXIF orientation."""
    undo = _UNDO.get(orientation)
    return picture if undo is None else picture.transpose(undo)


def camera_like(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """A photo-like RGB picture: sky, ground, a face-sized disc and sensor noise."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.merge(
        "RGB",
        [image.getchannel(0).point(lambda v: 80 + v // 3)] * 2
        + [image.getchannel(0).point(lambda v: 200 - v // 4)],
    )
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(70, 110, 60))
    radius = min(size) // 6
    draw.ellipse(
        (width // 2 - radius, height // 3 - radius, width // 2 + radius, height // 3 + radius),
        fill=(225, 180, 150),
    )
    noise = Image.effect_noise(size, 24).convert("RGB")
    return Image.blend(image, noise, 0.12).filter(ImageFilter.SMOOTH)


def open_image(path) -> Image.Image:
    """An image from disk, read whole so no file handle stays open."""
    image = Image.open(io.BytesIO(path.read_bytes()))
    image.load()
    return image


def csrf_token(client, url: str = "/join") -> str:
    """The CSRF token from the form a person would have loaded."""
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def join_data(client, *, photo: bytes | None = None, filename: str = "me.jpg", **fields) -> dict:
    """A complete, valid join form with a fresh CSRF token; override any field."""
    data = {
        "csrf_token": csrf_token(client),
        "name": "Aino",
        "city": "Espoo",
        "country": "FI",
        "language": "en",
        "statement": "every day teaches me something new.",
        "consent": "y",
        "age": "y",
    }
    data.update(fields)
    if photo is not False:
        data["photo"] = (
            io.BytesIO(photo if photo is not None else photo_bytes()),
            filename,
            "image/jpeg",
        )
    return {key: value for key, value in data.items() if value is not None}


def submit(client, path: str = "/join", **kwargs):
    """Post the join form as a browser does (path: a city edition's, e.g. /c/espoo/join)."""
    return client.post(path, data=join_data(client, **kwargs), content_type="multipart/form-data")


def join(client, **fields) -> tuple[str, str]:
    """Send the join form as a browser does; the new entry's slug and private token."""
    response = submit(client, **fields)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    token = manage_token(response)
    with client.application.app_context():
        slug = _db.session.scalars(_db.select(Entry.slug).order_by(Entry.id.desc())).first()
    return slug, token


def switch_browser() -> None:
    """Call before a test uses another client than the last one.

    The `db` fixture keeps one app context open for the whole test, and Flask-WTF caches
    the CSRF token on that context's `g`: a second client would get the first one's token.
    """
    if has_app_context():
        g.pop("csrf_token", None)


def new_entry(client, db, *, public: bool = False, **fields) -> tuple[Entry, str]:
    """Submit through the join form; returns the entry and its manage token."""
    switch_browser()
    token = manage_token(submit(client, **fields))
    entry = db.session.scalars(db.select(Entry).order_by(Entry.id.desc())).first()
    if public:
        entry.status = EntryStatus.APPROVED
        db.session.commit()
    return entry, token


def manage_token(response) -> str:
    """The manage token from the redirect that follows a successful submission."""
    match = re.search(r"/m/([A-Za-z0-9_-]+)$", response.headers["Location"])
    assert match, response.headers.get("Location")
    return match.group(1)


def readable_session(client) -> str:
    """Everything anyone holding the session cookie can read from it without SECRET_KEY:
    the value itself and each dot-separated part base64-decoded (and inflated, as
    itsdangerous compresses)."""
    cookie = client.get_cookie("session", domain="campaign.test")
    if cookie is None:
        return ""
    texts = [cookie.value]
    for part in cookie.value.lstrip(".").split("."):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        texts.append(raw.decode("utf-8", "replace"))
        with contextlib.suppress(zlib.error):
            texts.append(zlib.decompress(raw).decode("utf-8", "replace"))
    return "\n".join(texts)


# Staff, entries and invitations, written straight to the database.

# Automatic flags' details as campaign/moderation/flags.py stores them.
STORED_FLAG_DETAILS = {
    FlagKind.BLOCKLIST: "Blocklist: casino",
    FlagKind.DUPLICATE_PHOTO: "Same photo as bo",
    FlagKind.IP_BURST: "5 entries from one network in 10 minutes",
}

PASSWORD = "correct horse battery staple"


@functools.cache
def _password_hash() -> str:
    # scrypt takes about half a second by design: hash the shared test password once.
    return accounts.hash_password(PASSWORD)


def make_user(
    app, email: str, role: Role = Role.MODERATOR, active: bool = True, edition_id: int | None = None
) -> int:
    """A staff account; city moderators and city admins work for the edition `edition_id`."""
    with app.app_context():
        user = User(
            email=email,
            password_hash=_password_hash(),
            role=role,
            active=active,
            edition_id=edition_id,
        )
        _db.session.add(user)
        _db.session.commit()
        return user.id


def form_token(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"', html)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def sign_in(client, email: str, password: str = PASSWORD):
    token = form_token(client, "/moderate/login")
    return client.post(
        "/moderate/login", data={"csrf_token": token, "email": email, "password": password}
    )


# When the first of a test's wall entries was made (tests/wall/conftest.py's make_entry).
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def entry_values(status: EntryStatus = EntryStatus.PENDING, **fields) -> dict:
    """The columns of a plausible entry, for make_entry or a bulk insert; override any."""
    stem = secrets.token_hex(6)
    values = {
        "slug": secrets.token_urlsafe(8)[:10],
        "name": "Aino",
        "city": "Espoo",
        "country_code": "FI",
        "language": "en",
        "statement": "every day teaches me something new.",
        "photo_key": f"photos/{stem}.jpg",
        "card_keys": {"landscape": f"cards/{stem}-landscape.jpg"},
        "manage_token_hash": secrets.token_hex(32),
        "status": status,
        "published_at": utcnow() if status is EntryStatus.APPROVED else None,
    }
    values.update(fields)
    return values


def make_entry(app, status: EntryStatus = EntryStatus.PENDING, **fields) -> int:
    """An entry row; its photo and card files are small stand-ins where none is stored yet
    (a caller may store real cards under the keys it passes)."""
    values = entry_values(status, **fields)
    with app.app_context():
        storage = get_storage()
        for key in [values["photo_key"], *values["card_keys"].values()]:
            if key and not storage.exists(key):
                storage.save(key, photo_bytes(64, 48, gps=False))
        entry = Entry(**values)
        _db.session.add(entry)
        _db.session.commit()
        return entry.id


def unsaved_entry(status: EntryStatus = EntryStatus.PENDING, **fields) -> Entry:
    """An entry object not added to any session: for the card text engine, or to add
    inside a transaction the test rolls back."""
    return Entry(**entry_values(status, **fields))


def backdate(app, slug: str, **times: datetime) -> None:
    """Move an entry's timestamps (created_at, updated_at) to the past, as the clock would."""
    with app.app_context():
        _db.session.execute(_db.update(Entry).where(Entry.slug == slug).values(**times))
        _db.session.commit()


def stored_files(uploads: Path) -> list[Path]:
    """Every file under the uploads folder, in name order."""
    return sorted(path for path in uploads.rglob("*") if path.is_file())


def find_entry(app, **where) -> Entry | None:
    """The one entry with these column values (any, if none given), read fresh and detached;
    None when there is none."""
    with app.app_context():
        found = _db.session.scalars(_db.select(Entry).filter_by(**where)).one_or_none()
        if found is not None:
            _db.session.expunge(found)
        return found


def make_entries(app, count: int, **fields) -> list[int]:
    start = utcnow() - timedelta(hours=1)
    return [
        make_entry(app, created_at=start + timedelta(seconds=index), **fields)
        for index in range(count)
    ]


def entry_state(app, entry_id: int) -> Entry:
    with app.app_context():
        entry = _db.session.get(Entry, entry_id)
        _db.session.expunge(entry)
        return entry


def bulk(client, action: str, **fields):
    """Press a bulk action on the review queue: ids=["<id>:<version>", ...] for the ticked
    entries, or scope="page" with page_ids; reason_choice for a rejection."""
    data = {"csrf_token": form_token(client, "/moderate"), "action": action, **fields}
    return client.post("/moderate/bulk", data=data)


def act(client, entry_id: int, action: str, *, version: int | None = None, **extra):
    """Press one action button on an entry's moderation page."""
    url = f"/moderate/entries/{entry_id}"
    token = form_token(client, url)
    if version is None:
        html = client.get(url).get_data(as_text=True)
        version = int(re.search(r'name="version" value="(\d+)"', html).group(1))
    data = {"csrf_token": token, "version": version, "action": action, "next": url, **extra}
    # Closed as a server closes it once sent, which runs what waits for that (the notices).
    with client.post(f"/moderate/entries/{entry_id}/act", data=data) as response:
        return response


def city_id(app, name: str) -> int:
    with app.app_context():
        return _db.session.scalar(_db.select(City.id).where(City.name == name))


def make_city(app, name: str = "Espoo", country_code: str = "FI") -> int:
    """A directory city (the one already there if it exists)."""
    with app.app_context():
        found = _db.session.scalar(
            _db.select(City.id).where(City.name == name, City.country_code == country_code)
        )
        if found is not None:
            return found
        city = City(name=name, country=name, country_code=country_code)
        _db.session.add(city)
        _db.session.commit()
        return city.id


# An edition in English and French that opens in French: the tests' second city edition.
VANTAA = {
    "city": ("Vantaa", "FI"),
    "names": {"en": "Vantaa learns", "fr": "Vantaa apprend"},
    "languages": ["en", "fr"],
    "default_language": "fr",
}


def make_edition(
    app,
    slug: str = "espoo",
    *,
    city: tuple[str, str] = ("Espoo", "FI"),
    logo: bytes | None = None,
    **settings,
) -> int:
    """An edition made as the admin page makes it (of one directory city, made if missing),
    with a logo file when given (e.g. logo_bytes())."""
    values = {"default_language": "en", "languages": ["en"], "names": {"en": slug.title()}}
    values.update(settings)
    ids = [make_city(app, *city)]
    with app.app_context(), unit_of_work() as files:
        edition = editions.create_edition(
            slug,
            editions.EditionSettings(city_ids=ids, **values),
            taken=taken_segments(app.url_map),
        )
        if logo is not None:
            set_logo(edition, logo, files)
    with app.app_context():
        return _db.session.scalar(_db.select(Edition.id).where(Edition.slug == slug))


def logo_bytes(
    width: int = 240,
    height: int = 80,
    *,
    colour: tuple[int, int, int, int] = (230, 40, 40, 255),
    background: tuple[int, int, int, int] = (0, 0, 0, 0),
    format: str = "PNG",
    frames: int = 1,
) -> bytes:
    """A real logo file: a coloured bar on a (by default transparent) background."""
    images = []
    for frame in range(frames):
        image = Image.new("RGBA", (width, height), background)
        ImageDraw.Draw(image).rectangle(
            [width // 8, height // 4 + frame, width * 7 // 8, height * 3 // 4], fill=colour
        )
        images.append(image)
    buffer = io.BytesIO()
    if format == "JPEG":
        images[0].convert("RGB").save(buffer, format, quality=90)
    elif frames > 1:
        images[0].save(buffer, format, save_all=True, append_images=images[1:], duration=100)
    else:
        images[0].save(buffer, format)
    return buffer.getvalue()


def make_invitation(
    app, *, issued_days_ago: float = 0, by_user_id: int | None = None, **fields
) -> str:
    """An invitation made as the admin page makes it; returns its link's token.

    issued_days_ago dates the link back, as if it had been made that many days ago;
    by_user_id: the staff account inviting (a city admin invites for their edition).
    """
    details = {
        "name": "Jukka Mäkelä",
        "title": "Mayor of Espoo",
        "city": "Espoo",
        "country_code": "FI",
        "language": "en",
        "email": None,
        "pre_approved": False,
    }
    details.update(fields)
    with app.app_context():
        by = _db.session.get(User, by_user_id) if by_user_id is not None else None
        invitation = invitations.create_invitation(invitations.InvitationDetails(**details), by=by)
        if issued_days_ago:
            shift = timedelta(days=issued_days_ago)
            invitation.issued_at -= shift
            invitation.created_at -= shift
            invitation.expires_at -= shift
        _db.session.commit()
        return invitations.link_token(invitation)


def invitation_row(app, token: str) -> OfficialInvitation:
    with app.app_context():
        nonce = invitations._serializer().loads_unsafe(token)[1]["n"]
        row = _db.session.scalar(
            _db.select(OfficialInvitation).where(OfficialInvitation.nonce == nonce)
        )
        _db.session.expunge(row)
        return row


def statement_data(client, token: str, **fields) -> dict:
    """A complete, valid invitation form with a fresh CSRF token; override any field."""
    data = {
        "csrf_token": form_token(client, "/join"),
        "name": "Jukka Mäkelä",
        "title": "Mayor of Espoo",
        "language": "en",
        "statement": "learning keeps a city young.",
        "consent": "y",
    }
    data.update(fields)
    data["photo"] = (io.BytesIO(photo_bytes()), "mayor.jpg", "image/jpeg")
    return {key: value for key, value in data.items() if value is not None}


def send_statement(client, token: str, **fields):
    return client.post(
        f"/invite/{token}",
        data=statement_data(client, token, **fields),
        content_type="multipart/form-data",
    )
