"""The age threshold comes from configuration; under it nothing at all is stored."""

import pytest
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import ConsentVersion, Entry
from tests.factories import join_data


@pytest.fixture
def settings():
    return {"AGE_THRESHOLD": 18}


def test_the_form_asks_for_the_configured_age(client):
    page = client.get("/join").get_data(as_text=True)
    assert "I am 18 or older" in page
    assert "I am 16" not in page
    client.set_cookie("lang", "es", domain="campaign.test")
    assert "18 años o más" in client.get("/join").get_data(as_text=True)


def test_under_the_age_the_form_explains_and_nothing_is_stored(app, client, uploads):
    data = join_data(client, age=None)
    response = client.post("/join", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "People under 18 cannot join on their own" in page
    assert "parent or" in page
    assert "teacher" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Entry.id))) == 0
        assert db.session.scalar(select(func.count()).select_from(ConsentVersion)) == 0
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
