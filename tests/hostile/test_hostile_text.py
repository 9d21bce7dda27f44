"""What people type, at its worst: refused with a reason, or kept verbatim and always escaped."""

import html as html_lib

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from campaign.models import Entry
from tests.factories import join_data, submit
from tests.hostile.messages import human_message

TEXT_FIELDS = ("name", "city", "statement")
EMOJI_FLOOD = "📚" * 10_000

# value: words the person reads. Each is tried in every text field.
REFUSED_TEXT = {
    "bell control character": ("Ai\x07no", "control characters"),
    "escape sequence": ("\x1b[31mred\x1b[0m", "control characters"),
    "NUL byte": ("Ai\x00no", "control characters"),
    "right-to-left override": ("I learn \u202egnirts\u202c daily", "direction-changing"),
    "left-to-right isolate": ("I learn \u2066daily\u2069", "direction-changing"),
    "right-to-left mark": ("I learn\u200f daily", "direction-changing"),
    "Arabic letter mark": ("Call \u061c555-0100", "direction-changing"),
    "inhibit symmetric swapping": ("I learn \u206a(daily)", "invisible formatting"),
    "Mongolian vowel separator": ("I learn\u180e daily", "invisible formatting"),
    "tag characters hiding text": ("I learn\U000e0068\U000e0069 daily", "invisible formatting"),
    "invisible times": ("I learn 2\u20623 daily", "invisible formatting"),
    "noncharacter": ("I learn \ufdd0 daily", "cannot be displayed"),
    "10,000 emoji": (EMOJI_FLOOD, "characters."),
    "only spaces": ("   \t  ", "Please"),
}


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("case", REFUSED_TEXT, ids=list(REFUSED_TEXT))
def test_hostile_text_is_refused_with_a_reason(client, nothing_stored, still_serving, field, case):
    value, words = REFUSED_TEXT[case]
    response = client.post(
        "/join", data=join_data(client, **{field: value}), content_type="multipart/form-data"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert words in page
    assert human_message(page)
    nothing_stored()
    still_serving()


def _post_raw(client, field: str, raw: bytes):
    """The join form with a field's bytes replaced, as a broken or hostile client sends it."""
    data = join_data(client, **{field: "PLACEHOLDER"})
    stream, filename, content_type = data.pop("photo")
    data["photo"] = FileStorage(stream, filename=filename, content_type=content_type)
    boundary, body = encode_multipart(data)
    body = body.replace(b"PLACEHOLDER", raw)
    return client.post("/join", data=body, content_type=f"multipart/form-data; boundary={boundary}")


INVALID_BYTES = {
    "unpaired surrogate (CESU-8)": b"I learn \xed\xa0\x80 daily",
    "Latin-1 instead of UTF-8": b"caf\xe9 every day",
    "stray continuation bytes": b"I learn \x80\xbf daily",
}


@pytest.mark.parametrize("case", INVALID_BYTES, ids=list(INVALID_BYTES))
def test_text_that_is_not_valid_utf8_is_refused(client, nothing_stored, case):
    response = _post_raw(client, "statement", INVALID_BYTES[case])
    assert response.status_code == 422
    assert "could not be read correctly" in response.get_data(as_text=True)
    nothing_stored()


def test_zero_width_spaces_are_dropped_but_emoji_joiners_kept(client, db):
    statement = "I\u200b learn\u2060 with my 👩\u200d👧 every\ufeff day"
    assert submit(client, statement=statement).status_code == 303
    stored = db.session.scalars(select(Entry)).one().statement
    assert stored == "I learn with my 👩\u200d👧 every day"


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(document.cookie)",
    "{{ config }} {% debug %}",
    "<a href=javascript:alert(1)>me</a>",
]


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_in_text_is_kept_as_text_and_shown_escaped(client, db, field, payload):
    """People may write '<3' or quote code: accepted, and every page shows it as text."""
    response = submit(client, **{field: payload})
    assert response.status_code == 303
    assert getattr(db.session.scalars(select(Entry)).one(), field) == payload
    entry = db.session.scalars(select(Entry)).one()
    for url in (response.headers["Location"], f"/e/{entry.slug}"):
        page = client.get(url).get_data(as_text=True)
        _assert_escaped(page, payload)


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_markup_is_escaped_when_the_form_comes_back_with_an_error(client, nothing_stored, field):
    payload = XSS_PAYLOADS[3]
    response = client.post(
        "/join",
        data=join_data(client, consent=None, **{field: payload}),
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    _assert_escaped(response.get_data(as_text=True), payload)
    nothing_stored()


def _assert_escaped(page: str, payload: str) -> None:
    if any(character in payload for character in "<>\"'"):
        assert payload not in page, "markup reached the page unescaped"
    assert "<script>alert" not in page
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    # Template syntax is never evaluated: no configuration or debug output on the page.
    assert "SECRET_KEY" not in html_lib.unescape(page)
    assert "&lt;Config" not in page


SQL_LOOKING = {
    "name": "Robert'); DROP TABLE entries;--",
    "city": "' OR '1'='1",
    "statement": "1; DELETE FROM entries WHERE 1=1; -- and UNION SELECT * FROM users",
}


def test_sql_looking_text_is_stored_verbatim_and_harms_nothing(client, db):
    assert submit(client).status_code == 303
    assert submit(client, **SQL_LOOKING).status_code == 303
    assert db.session.scalar(select(func.count(Entry.id))) == 2
    stored = db.session.scalars(select(Entry).order_by(Entry.id.desc())).first()
    assert {field: getattr(stored, field) for field in SQL_LOOKING} == SQL_LOOKING


HOSTILE_CHOICES = {
    "country": ["' OR 1=1--", "FI'; DROP TABLE entries;--", "../../etc", "F" * 5000],
    "language": ["en' --", "../en", "<script>", "e" * 5000],
    "focal_x": ["NaN", "inf", "-1", "1e309", "0x10", "<b>"],
}


@pytest.mark.parametrize(
    ("field", "value"),
    [(field, value) for field, values in HOSTILE_CHOICES.items() for value in values],
)
def test_hostile_choice_values_are_refused(client, nothing_stored, field, value):
    response = client.post(
        "/join", data=join_data(client, **{field: value}), content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert human_message(response.get_data(as_text=True))
    nothing_stored()
