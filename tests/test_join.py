"""A learner joins: the form, the stored photo, the card, the share page."""

import io
import re

from PIL import Image
from sqlalchemy import func, select

from campaign.models import Entry, EntryStatus
from tests.factories import manage_token, open_image, photo_bytes, submit


def stored_files(uploads):
    return sorted(p.relative_to(uploads).as_posix() for p in uploads.rglob("*") if p.is_file())


def test_join_form_opens_the_front_camera_and_preselects_the_browsers_language(client):
    html = client.get("/join", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}).get_data(
        as_text=True
    )
    photo_input = re.search(r"<input[^>]*name=\"photo\"[^>]*>", html).group(0)
    assert 'accept="image/*"' in photo_input
    assert 'capture="user"' in photo_input
    selected = re.search(r"<option[^>]*\bselected\b[^>]*>", html.split('name="language"')[1])
    assert 'value="fr"' in selected.group(0)
    assert 'name="consent"' in html
    assert 'name="age"' in html
    assert "J'accepte" in html or "J’accepte" in html, "the page speaks the browser's language"


def selected_language(html: str) -> str:
    """The <option> tag chosen in the statement's language select."""
    select = html.split('name="language"')[1].split("</select>")[0]
    return re.search(r"<option[^>]*\bselected\b[^>]*>", select).group(0)


def test_statement_language_follows_the_site_language_not_the_browser(client):
    for lang in ("fr", "ar", "zh", "es", "en"):
        client.set_cookie("lang", lang, domain="campaign.test")
        html = client.get("/join", headers={"Accept-Language": "en-US,en"}).get_data(as_text=True)
        assert f'value="{lang}"' in selected_language(html), lang


def test_campaign_page_invites_people_to_join(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/join"' in html
    assert "#ImALifelongLearner" in html
    assert "#我是一名终身学习者" in html


def test_submission_stores_an_upright_photo_without_metadata_and_a_landscape_card(
    client, db, uploads
):
    response = submit(client, photo=photo_bytes(1200, 900, orientation=6, gps=True))
    assert response.status_code == 303
    token = manage_token(response)

    entry = db.session.scalars(select(Entry)).one()
    assert entry.status is EntryStatus.PENDING
    assert entry.name == "Aino"
    assert entry.country_code == "FI"
    assert entry.language == "en"
    assert token not in entry.manage_token_hash
    assert len(entry.manage_token_hash) == 64
    assert len(token) >= 40

    photo = open_image(uploads / entry.photo_key)
    assert photo.size == (900, 1200), "orientation 6 means the stored photo is turned upright"
    assert photo.mode == "RGB"
    exif = photo.getexif()
    assert not exif, f"metadata left in the stored photo: {dict(exif)}"
    assert b"TestCam" not in (uploads / entry.photo_key).read_bytes()
    # The red marker was top-left of the sensor image; orientation 6 puts it top-right.
    assert photo.getpixel((880, 20))[2] < 80
    assert photo.getpixel((20, 20))[2] > 120

    card = open_image(uploads / entry.card_keys["landscape"])
    assert card.format == "JPEG"
    assert card.size == (1200, 630)
    assert "gps" not in str(card.getexif()).lower()
    for key in entry.file_keys:
        assert (uploads / key).is_file()


def test_share_page_offers_the_card_download_and_text_while_link_sharing_waits(client, db):
    token = manage_token(submit(client, statement="curiosity keeps me young."))
    page = client.get(f"/m/{token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "curiosity keeps me young." in html
    assert f"/m/{token}/download/landscape" in html
    assert "appear here once your card is public" in html
    assert "linkedin.com/sharing" not in html
    assert f"http://campaign.test/m/{token}" in html, "the private manage link is shown"

    download = client.get(f"/m/{token}/download/landscape")
    assert download.status_code == 200
    assert download.mimetype == "image/jpeg"
    assert "attachment" in download.headers["Content-Disposition"]
    assert Image.open(io.BytesIO(download.data)).size == (1200, 630)


def test_card_is_served_with_long_cache_headers_but_the_photo_is_not_served(client, db):
    submit(client)
    entry = db.session.scalars(select(Entry)).one()
    with client.get(f"/media/{entry.card_keys['landscape']}") as card:
        assert card.status_code == 200
        assert card.mimetype == "image/jpeg"
        assert "immutable" in card.headers["Cache-Control"]
    assert client.get(f"/media/{entry.photo_key}").status_code == 404
    assert client.get("/media/../campaign/config.py").status_code == 404


def test_every_language_gets_its_card(client, db):
    statements = {
        "en": "reading opens new worlds for me.",
        "fr": "chaque jour j'apprends quelque chose de nouveau, même à 70 ans.",
        "es": "aprender me da alas y me conecta con mi comunidad.",
        "ar": "التعلم يفتح لي أبوابا جديدة كل يوم",
        "zh": "学习让我的生活更加丰富多彩。",
    }
    for language, statement in statements.items():
        response = submit(client, language=language, statement=statement)
        assert response.status_code == 303, language
    entries = db.session.scalars(select(Entry)).all()
    assert {entry.language for entry in entries} == set(statements)
    for entry in entries:
        assert entry.statement == statements[entry.language], "stored exactly as typed"


def test_statement_is_trimmed_and_kept_as_typed(client, db):
    submit(client, statement="   I   love  my city's libraries 📚   ")
    entry = db.session.scalars(select(Entry)).one()
    assert entry.statement == "I love my city's libraries 📚"


def test_entry_count_is_one_per_submission(client, db):
    submit(client)
    submit(client)
    assert db.session.scalar(select(func.count(Entry.id))) == 2
    slugs = db.session.scalars(select(Entry.slug)).all()
    assert all(len(slug) >= 10 and not slug.isdigit() for slug in slugs)
