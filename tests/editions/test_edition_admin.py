"""The admin's edition pages: creating and editing editions, uploading logos, and what a
branding change does (new cards carry it; cards already made keep their look and URLs)."""

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from campaign.models import Edition, Entry, Role
from campaign.storage import get_storage
from tests.factories import (
    form_token,
    logo_bytes,
    make_city,
    make_edition,
    make_user,
    photo_bytes,
    sign_in,
    submit,
)

ADMIN = "admin@example.org"


@pytest.fixture
def admin(app, client):
    make_user(app, ADMIN, Role.ADMIN)
    sign_in(client, ADMIN)
    return client


def _edition(db, slug: str = "espoo") -> Edition:
    db.session.expire_all()
    return db.session.scalar(select(Edition).where(Edition.slug == slug))


def _create(client, **fields):
    data = {
        "csrf_token": form_token(client, "/moderate/editions"),
        "slug": "espoo",
        "cities": [str(fields.pop("city_id"))],
        "languages": ["en", "fr"],
        "default_language": "en",
        "name_en": "Espoo learns",
        "hashtag": "#EspooLearns",
        **fields,
    }
    return client.post("/moderate/editions", data=data)


def test_an_admin_creates_an_edition_from_the_moderation_area(app, db, admin):
    response = _create(admin, city_id=make_city(app, "Espoo", "FI"))
    assert response.status_code == 303
    edition = _edition(db)
    assert (edition.hashtag, edition.languages) == ("#EspooLearns", ["en", "fr"])
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "re-renders nothing already made" in page
    # What to ask for, to give the cards already made the new branding.
    assert "flask cards rerender --edition espoo</code>" in page


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("wall", "already a page of the site"),
        ("moderate", "already a page"),
        ("Esp oo", "lower-case"),
    ],
)
def test_a_slug_that_collides_with_a_route_is_refused_with_a_message(app, db, admin, slug, message):
    response = _create(admin, city_id=make_city(app, "Espoo", "FI"), slug=slug)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Edition)) is None


def test_moderators_cannot_manage_editions(app, client):
    make_user(app, "mod@example.org", Role.MODERATOR)
    sign_in(client, "mod@example.org")
    assert client.get("/moderate/editions").status_code == 403


def _upload(client, edition_id: int, data: bytes, filename: str = "logo.png"):
    url = f"/moderate/editions/{edition_id}"
    # Encoded here, as a browser sends it (the test client would spool a large body to a
    # temporary file it never closes).
    boundary, body = encode_multipart(
        {
            "csrf_token": form_token(client, url),
            "logo": FileStorage(io.BytesIO(data), filename=filename, content_type="image/png"),
        }
    )
    return client.post(
        f"{url}/logo", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def test_a_logo_is_re_encoded_without_its_metadata_and_served(app, db, admin):
    edition_id = make_edition(app)
    jpeg = photo_bytes(600, 200)  # with EXIF, GPS included
    assert _upload(admin, edition_id, jpeg, "logo.jpg").status_code == 303
    key = _edition(db).logo_key
    assert re.fullmatch(r"logos/espoo-[0-9a-f]{12}\.png", key)
    stored = Image.open(io.BytesIO(get_storage().read(key)))
    assert stored.format == "PNG"
    assert not stored.info.get("exif")
    assert not stored.getexif()
    assert stored.height <= 160
    page = admin.get("/c/espoo/").get_data(as_text=True)
    url = re.search(r'class="edition-logo" src="([^"]+)"', page).group(1)
    with admin.get(url) as served:
        assert served.status_code == 200
        assert served.mimetype == "image/png"


REFUSED = {
    "not an image": (b"%PDF-1.4 not an image at all", "This file is not an image we can read"),
    "too large": (b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1), "too large: at most 2 MB"),
    "animated": (logo_bytes(format="GIF", frames=3), "Animated logos are not accepted"),
    "animated png": (logo_bytes(format="PNG", frames=3), "Animated logos are not accepted"),
    "invisible": (logo_bytes(colour=(255, 255, 255, 0)), "entirely transparent"),
    "dark on transparent": (logo_bytes(colour=(10, 30, 60, 255)), "too close to the cards"),
    "too small": (logo_bytes(40, 12), "too small"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_logo_that_cannot_be_used_is_refused_and_the_old_one_kept(app, db, admin, case):
    edition_id = make_edition(app, logo=logo_bytes())
    before = _edition(db).logo_key
    data, message = REFUSED[case]
    response = _upload(admin, edition_id, data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _edition(db).logo_key == before
    assert get_storage().exists(before)


def _landscape(db, name: str) -> tuple[str, Image.Image]:
    db.session.expire_all()
    entry = db.session.scalar(select(Entry).where(Entry.name == name))
    key = entry.card_keys["landscape"]
    return key, Image.open(io.BytesIO(get_storage().read(key))).convert("RGB")


def _has_colour(image: Image.Image, box, colour, tolerance: int = 40) -> bool:
    region = image.crop(box)
    return any(
        all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))
        for pixel in region.get_flattened_data()
    )


# The split design's landscape card: the panel's top, where the logo goes (left to right).
LOGO_AREA = (600, 0, 1200, 110)
RED, GREEN = (230, 40, 40), (40, 200, 60)


def test_cards_carry_the_edition_logo_and_a_change_re_renders_nothing_made(app, db, admin):
    edition_id = make_edition(app, logo=logo_bytes(colour=(*RED, 255)), accent="#00A0DF")
    submit(admin, path="/c/espoo/join", name="Aino")
    submit(admin, path="/join", name="Ada")
    aino_key, aino = _landscape(db, "Aino")
    _, ada = _landscape(db, "Ada")
    assert _has_colour(aino, LOGO_AREA, RED)
    assert not _has_colour(ada, LOGO_AREA, RED)

    # New branding: another logo. Aino's card is the same file at the same URL.
    assert _upload(admin, edition_id, logo_bytes(colour=(*GREEN, 255))).status_code == 303
    before = get_storage().read(aino_key)
    submit(admin, path="/c/espoo/join", name="Veera")
    key_after, aino_after = _landscape(db, "Aino")
    assert key_after == aino_key
    assert get_storage().read(aino_key) == before
    _, veera = _landscape(db, "Veera")
    assert _has_colour(veera, LOGO_AREA, GREEN)
    assert not _has_colour(veera, LOGO_AREA, RED)


def test_the_edition_settings_are_saved_and_refused_ones_change_nothing(app, db, admin):
    edition_id = make_edition(app, hashtag="#EspooLearns")
    url = f"/moderate/editions/{edition_id}"
    data = {
        "csrf_token": form_token(admin, url),
        "cities": [str(make_city(app, "Espoo", "FI"))],
        "languages": ["en"],
        "default_language": "en",
        "name_en": "Espoo learns",
        "accent": "#123456",
        "hashtag": "#EspooOppii",
    }
    saved = admin.post(url, data=data)
    assert saved.status_code == 303, re.findall(
        r"class=\"error\"[^>]*>([^<]+)", saved.get_data(as_text=True)
    )
    assert (_edition(db).accent, _edition(db).hashtag) == ("#123456", "#EspooOppii")
    refused = admin.post(url, data={**data, "accent": "blue", "hashtag": "#Other"})
    assert refused.status_code == 422
    assert "#RRGGBB" in refused.get_data(as_text=True)
    assert (_edition(db).accent, _edition(db).hashtag) == ("#123456", "#EspooOppii")
