"""The submitter's private link: edit the statement, erase everything."""

from sqlalchemy import select

from campaign.models import Entry
from tests.factories import csrf_token, manage_token, open_image, photo_bytes, submit


def edit_statement(client, token: str, statement: str):
    """Send the share page's edit form as a browser does."""
    return client.post(
        f"/m/{token}/statement",
        data={"csrf_token": csrf_token(client, f"/m/{token}"), "statement": statement},
    )


def test_editing_the_statement_renders_new_cards_and_removes_the_old_ones(client, db, uploads):
    token = manage_token(submit(client, statement="first version."))
    entry = db.session.scalars(select(Entry)).one()
    old_cards = dict(entry.card_keys)

    response = edit_statement(client, token, "second version.")
    assert response.status_code == 303
    db.session.expire_all()
    entry = db.session.scalars(select(Entry)).one()
    assert entry.statement == "second version."
    assert entry.card_keys["landscape"] != old_cards["landscape"]
    assert open_image(uploads / entry.card_keys["landscape"]).size == (1200, 630)
    for key in old_cards.values():
        assert not (uploads / key).exists()
    assert "second version." in client.get(f"/m/{token}").get_data(as_text=True)


def test_a_very_tall_photo_whose_stored_copy_is_narrow_can_still_be_edited(client, db, uploads):
    token = manage_token(submit(client, photo=photo_bytes(320, 4000)))
    entry = db.session.scalars(select(Entry)).one()
    assert open_image(uploads / entry.photo_key).width < 320  # capped at 2,560 px tall

    response = edit_statement(client, token, "taller still.")
    assert response.status_code == 303
    db.session.expire_all()
    entry = db.session.scalars(select(Entry)).one()
    assert open_image(uploads / entry.card_keys["story"]).size == (1080, 1920)


def test_an_empty_edit_is_refused_and_changes_nothing(client, db):
    token = manage_token(submit(client, statement="kept."))
    response = edit_statement(client, token, "   ")
    assert response.status_code == 422
    assert "Please write your statement." in response.get_data(as_text=True)
    assert db.session.scalars(select(Entry.statement)).one() == "kept."


def test_erasing_removes_the_entry_and_every_file(app, client, db, uploads):
    token = manage_token(submit(client))
    slug = db.session.scalars(select(Entry.slug)).one()
    confirm = client.get(f"/m/{token}/erase")
    assert confirm.status_code == 200

    response = client.post(
        f"/m/{token}/erase", data={"csrf_token": csrf_token(client, f"/m/{token}/erase")}
    )
    assert response.status_code == 200
    assert "Your entry is deleted" in response.get_data(as_text=True)
    assert db.session.scalars(select(Entry)).all() == []
    assert [p for p in uploads.rglob("*") if p.is_file()] == []
    assert client.get(f"/m/{token}").status_code == 404
    assert client.get(f"/e/{slug}").status_code == 404


def test_erasing_needs_the_form_token(client, db):
    token = manage_token(submit(client))
    assert client.post(f"/m/{token}/erase").status_code == 400
    assert db.session.scalars(select(Entry)).one()
