"""The join page's live preview asks the card engine: the layout of the texts, and the faces
and framing of a small copy of the photo. Both answer what the card will be; neither keeps
anything."""

import io
import json

import pytest
from PIL import Image
from sqlalchemy import select

from campaign.cards import FORMATS, CardContent
from campaign.cards.cutting import upright_crop
from campaign.cards.formats import Branding
from campaign.cards.framing import framing_for_faces
from campaign.cards.geometry import trimmed
from campaign.cards.layout import layout_card
from campaign.cards.portrait import find_faces
from campaign.cards.preview import line_texts
from campaign.cards.samples import portrait_jpeg
from campaign.models import Entry
from tests.factories import csrf_token, photo_bytes, submit

STATEMENTS = {
    "en": "Learning keeps me curious, connected and kind, and every class I take opens a door.",
    "fr": "Apprendre me garde curieuse, reliée aux autres et ouverte, à chaque âge de la vie.",
    "es": "Aprender me mantiene curiosa y conectada con mi barrio, cada día y a cualquier edad.",
    "ar": "التعلم يبقيني فضولية ومتصلة بمدينتي، وكل درس جديد يفتح لي بابا نحو المستقبل.",
    "zh": "学习让我保持好奇，与我的城市和邻居紧密相连，每一堂课都为我打开一扇新的门。",
}


def _post_json(client, path, body, token):
    return client.post(path, json=body, headers={"X-CSRFToken": token})


def small_copy(data: bytes, short: int = 360) -> bytes:
    """The copy the page sends: the photo about 360 px on its short side, as a JPEG."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    scale = short / min(image.size)
    image = image.resize((round(image.width * scale), round(image.height * scale)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


@pytest.mark.parametrize("language", list(STATEMENTS))
@pytest.mark.parametrize("design", ["split", "band"])
def test_the_layout_answer_has_the_lines_and_sizes_the_card_will_have(client, language, design):
    token = csrf_token(client)
    body = {
        "language": language,
        "design": design,
        "name": "Aino",
        "city": "Espoo",
        "country": "FI",
        "statement": STATEMENTS[language],
    }
    response = _post_json(client, "/card-preview/layout", body, token)
    assert response.status_code == 200
    formats = response.get_json()["formats"]
    with client.application.app_context():
        from campaign.countries import country_name

        content = CardContent(
            statement=STATEMENTS[language],
            language=language,
            name="Aino",
            city="Espoo",
            country=country_name("FI", language),
            design=design,
        )
    for name, fmt in FORMATS.items():
        card = layout_card(content, fmt, Branding())
        answer = formats[name]
        assert answer["photo"] == list(card.photo)
        drawn = {
            text["role"]: ["".join(p["text"] for p in line["pieces"]) for line in text["lines"]]
            for text in answer["texts"]
        }
        assert drawn == line_texts(card)
        statement = next(text for text in answer["texts"] if text["role"] == "statement")
        assert statement["size"] == card.text("statement").block.style.size
        assert answer["rtl"] is (language == "ar")


def test_an_official_preview_carries_the_title_and_the_badge(client):
    body = {
        "official": True,
        "language": "en",
        "name": "Jana",
        "title": "Mayor of Espoo",
        "city": "Espoo",
        "country": "FI",
        "statement": "First paragraph.\nSecond one.",
    }
    answer = _post_json(client, "/card-preview/layout", body, csrf_token(client)).get_json()
    square = answer["formats"]["square"]
    place = next(text for text in square["texts"] if text["role"] == "place")
    assert "Mayor of Espoo" in place["lines"][0]["pieces"][0]["text"]
    assert square["badge"] is not None


def test_the_preview_needs_the_forms_csrf_token(client):
    assert client.post("/card-preview/layout", json={"statement": "x"}).status_code == 400
    copy = small_copy(portrait_jpeg())
    response = client.post("/card-preview/faces", data=copy, content_type="image/jpeg")
    assert response.status_code == 400


def test_refused_characters_are_said_not_drawn(client):
    body = {"statement": "hidden\u202econtrol", "language": "en"}
    response = _post_json(client, "/card-preview/layout", body, csrf_token(client))
    assert response.status_code == 422
    assert response.get_json()["error"]


def test_the_faces_answer_frames_every_card_as_the_server_would(client, uploads):
    upload = portrait_jpeg(1600, 1200)
    response = client.post(
        "/card-preview/faces?width=1600&height=1200",
        data=small_copy(upload),
        content_type="image/jpeg",
        headers={"X-CSRFToken": csrf_token(client)},
    )
    assert response.status_code == 200
    answer = response.get_json()
    assert len(answer["faces"]) == 1
    # The same face the server finds in the upload itself, within a few percent.
    own = find_faces(Image.open(io.BytesIO(upload)))[0]
    assert all(abs(a - b) < 0.03 for a, b in zip(answer["faces"][0], own, strict=True))
    faces = [tuple(answer["faces"][0])]
    for name, fmt in FORMATS.items():
        for direction, language in (("ltr", "en"), ("rtl", "ar")):
            content = CardContent("x", language, "A", "B", "C", design="band")
            card = layout_card(content, fmt, Branding())
            framing = framing_for_faces(
                faces, (1600, 1200), card.photo, card.clear, card.drop, card.lift
            )
            box = trimmed(card.photo, framing.drop, framing.lift)
            expected = upright_crop((1600, 1200), box, framing.focal, framing.zoom)
            answered = answer["framings"]["band"][name][direction]
            assert answered["crop"] == pytest.approx(expected, abs=0.01)
            assert answered["photo"] == list(box)
    # Looked at, never kept.
    assert not any(uploads.rglob("*"))


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 413),
        (b"not an image at all", 422),
        (b"\xff\xd8" + b"0" * (600 * 1024), 413),
    ],
    ids=["empty", "not an image", "too large"],
)
def test_a_photo_the_preview_cannot_use_is_refused_with_a_reason(client, body, status):
    response = client.post(
        "/card-preview/faces",
        data=body,
        content_type="image/jpeg",
        headers={"X-CSRFToken": csrf_token(client)},
    )
    assert response.status_code == status
    assert response.get_json()["error"]


def test_a_copy_larger_than_the_detector_looks_at_is_refused(client):
    response = client.post(
        "/card-preview/faces",
        data=photo_bytes(2000, 1500, gps=False),
        content_type="image/jpeg",
        headers={"X-CSRFToken": csrf_token(client)},
    )
    assert response.status_code == 422


def test_the_cards_are_framed_around_the_faces_the_preview_showed(client, db):
    faces = [[0.55, 0.2, 0.7, 0.45]]
    submit(client, photo=portrait_jpeg(), faces=json.dumps(faces))
    entry = db.session.scalars(select(Entry)).one()
    assert entry.faces == faces


@pytest.mark.parametrize(
    "faces",
    [
        "[[0.9, 0.2, 0.1, 0.4]]",
        "nonsense",
        "[[0, 0, 2, 1]]",
        json.dumps([[0.1, 0.1, 0.2, 0.2]] * 9),
    ],
    ids=["inverted", "not json", "outside", "too many"],
)
def test_faces_that_make_no_sense_are_found_again_by_the_server(client, db, faces):
    submit(client, photo=portrait_jpeg(), faces=faces)
    entry = db.session.scalars(select(Entry)).one()
    assert len(entry.faces) == 1
    assert entry.faces != json.loads(faces) if faces.startswith("[") else True


@pytest.mark.parametrize(
    "settings", [{"RATELIMIT_ENABLED": True, "PREVIEW_RATE_LIMIT": "3/minute"}]
)
def test_layouts_and_faces_share_one_rate_limit(client):
    token = csrf_token(client)
    for _ in range(2):
        assert (
            _post_json(client, "/card-preview/layout", {"statement": "x"}, token).status_code == 200
        )
    faces = client.post(
        "/card-preview/faces",
        data=small_copy(portrait_jpeg()),
        content_type="image/jpeg",
        headers={"X-CSRFToken": token},
    )
    assert faces.status_code == 200
    refused = _post_json(client, "/card-preview/layout", {"statement": "x"}, token)
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
