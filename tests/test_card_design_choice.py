"""The card design and the framing are the person's choice, stored on the entry, kept on edits."""

from sqlalchemy import select

from campaign.cards.samples import portrait_jpeg
from campaign.models import Entry
from tests.factories import csrf_token, manage_token, submit


def test_the_chosen_design_and_the_faces_are_stored_and_kept_when_the_statement_changes(client, db):
    token = manage_token(submit(client, photo=portrait_jpeg(), design="band"))
    entry = db.session.scalars(select(Entry)).one()
    assert entry.card_design == "band"
    assert len(entry.faces or []) == 1, "no focal point sent: the face is framed"
    first_cards = dict(entry.card_keys)

    response = client.post(
        f"/m/{token}/statement",
        data={"csrf_token": csrf_token(client, f"/m/{token}"), "statement": "new words."},
    )
    assert response.status_code == 303
    db.session.expire_all()
    entry = db.session.scalars(select(Entry)).one()
    assert entry.card_design == "band"
    assert len(entry.faces or []) == 1
    assert entry.card_keys["square"] != first_cards["square"]


def test_a_focal_point_the_person_set_is_stored_instead_of_faces(client, db):
    manage_token(submit(client, photo=portrait_jpeg(), focal_x="0.2", focal_y="0.3"))
    entry = db.session.scalars(select(Entry)).one()
    assert entry.faces is None
    assert (entry.focal_x, entry.focal_y) == (0.2, 0.3)
    assert entry.card_design == "split"


def test_an_unknown_design_is_a_field_error(client, db):
    response = submit(client, photo=portrait_jpeg(), design="neon")
    assert response.status_code == 422
    assert db.session.scalars(select(Entry)).first() is None
