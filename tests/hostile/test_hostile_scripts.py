"""Any text at all in the fields drawn on the cards: a clear field error or a card, never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import Entry
from tests.factories import csrf_token, join_data, manage_token, photo_bytes, submit

PHOTO = photo_bytes(640, 480)
# Every code point a browser can send as UTF-8 (lone surrogates cannot be encoded).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
EXAMPLES = settings(
    max_examples=20,
    deadline=None,
    # The client and database are the app's; each example adds its own entry or none.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize(
    ("field", "words"),
    [("name", "Your name"), ("city", "The city"), ("statement", "Your statement")],
)
def test_a_character_no_font_has_is_a_field_error_naming_the_field(
    client, nothing_stored, still_serving, field, words
):
    response = client.post(
        "/join",
        data=join_data(client, photo=PHOTO, **{field: "Ann \U000f0000 Lee"}),
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert words in page
    assert "U+F0000" in page
    nothing_stored()
    still_serving()


@EXAMPLES
@given(name=ANY_TEXT, city=ANY_TEXT, statement=ANY_TEXT)
def test_any_name_city_and_statement_joins_or_is_refused_never_a_500(
    app, client, name, city, statement
):
    with app.app_context():
        before = db.session.scalar(select(func.count(Entry.id)))
    response = client.post(
        "/join",
        data=join_data(client, photo=PHOTO, name=name, city=city, statement=statement),
        content_type="multipart/form-data",
    )
    assert response.status_code in (303, 422), response.status_code
    with app.app_context():
        after = db.session.scalar(select(func.count(Entry.id)))
    assert after == before + (response.status_code == 303), "a refusal stores nothing"


@EXAMPLES
@given(statement=ANY_TEXT)
def test_any_edited_statement_is_saved_or_refused_never_a_500(client, edited_entry, statement):
    token = edited_entry
    response = client.post(
        f"/m/{token}/statement",
        data={"csrf_token": csrf_token(client, f"/m/{token}"), "statement": statement},
    )
    assert response.status_code in (303, 422), response.status_code
    assert client.get(f"/m/{token}").status_code == 200


@pytest.fixture
def edited_entry(client) -> str:
    return manage_token(submit(client, photo=PHOTO))
