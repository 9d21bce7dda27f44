"""An edit of a public entry goes back to moderation; the public keeps the approved version.

Each test follows a real submission (photo, rendered cards on disk) through the owner's
edit form and the moderators' buttons, and looks where a visitor would: the entry page, the
wall, the API, the feed and the card files.
"""

import csv
import io
import re

import pytest
from sqlalchemy import select

from campaign.models import Revision, RevisionState
from tests.factories import act, csrf_token, entry_state, find_entry, manage_token, submit

BEFORE = "every day teaches me something new."
AFTER = "I changed my words after approval."


def _edit(client, token: str, statement: str):
    return client.post(
        f"/m/{token}/statement",
        data={"csrf_token": csrf_token(client, f"/m/{token}"), "statement": statement},
    )


def _public_views(app, slug: str) -> dict[str, str]:
    """What an anonymous visitor gets from every public surface."""
    visitor = app.test_client()
    return {
        "entry page": visitor.get(f"/e/{slug}").get_data(as_text=True),
        "wall": visitor.get("/wall").get_data(as_text=True),
        "api": visitor.get("/api/entries").get_data(as_text=True),
        "feed": visitor.get("/wall.atom").get_data(as_text=True),
    }


def _approved_entry(app, moderator):
    owner = app.test_client()
    token = manage_token(submit(owner, statement=BEFORE))
    entry = find_entry(app)
    assert act(moderator, entry.id, "approve").status_code == 303
    return owner, token, find_entry(app)


def _og_image(page: str) -> str:
    return re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)


def test_an_edit_of_an_approved_entry_waits_and_the_public_keeps_the_approved_version(
    app, moderator, uploads
):
    owner, token, entry = _approved_entry(app, moderator)
    approved_cards = dict(entry.card_keys)
    og_before = _og_image(_public_views(app, entry.slug)["entry page"])

    response = _edit(owner, token, AFTER)
    assert response.status_code == 303
    share_page = owner.get(f"/m/{token}").get_data(as_text=True)
    assert "Your change is waiting for a moderator" in share_page
    assert AFTER in share_page  # the form keeps what they wrote

    for surface, page in _public_views(app, entry.slug).items():
        assert BEFORE in page, surface
        assert AFTER not in page, surface
    assert _og_image(_public_views(app, entry.slug)["entry page"]) == og_before
    entry = find_entry(app)
    assert entry.card_keys == approved_cards
    for key in approved_cards.values():
        assert app.test_client().get(f"/media/{key}").status_code == 200
    # The edit's cards exist, out of public reach.
    with app.app_context():
        from campaign.extensions import db

        revision = db.session.scalars(select(Revision)).one()
        held = dict(revision.card_keys)
    assert revision.state is RevisionState.PENDING
    assert held
    assert all(key.startswith("held/") for key in held.values())
    assert all((uploads / key).is_file() for key in held.values())
    assert app.test_client().get(f"/media/{held['landscape']}").status_code == 404

    # Moderators find it in the queue, with both versions and the edit's card.
    queue = moderator.get("/moderate?status=edited").get_data(as_text=True)
    assert f'id="row-{entry.id}"' in queue
    assert BEFORE in queue
    assert AFTER in queue
    card_url = f"/moderate/entries/{entry.id}/cards/landscape?edit=1"
    assert card_url.replace("&", "&amp;") in queue or card_url in queue
    assert moderator.get(card_url).status_code == 200
    assert app.test_client().get(card_url).status_code in (302, 303, 401, 403)

    assert act(moderator, entry.id, "approve_edit").status_code == 303
    for surface, page in _public_views(app, entry.slug).items():
        assert AFTER in page, surface
        assert BEFORE not in page, surface
    entry = find_entry(app)
    assert all(key.startswith("cards/") for key in entry.card_keys.values())
    assert app.test_client().get(f"/media/{entry.card_keys['landscape']}").status_code == 200
    for key in [*approved_cards.values(), *held.values()]:
        assert not (uploads / key).exists()
    assert _og_image(_public_views(app, entry.slug)["entry page"]) != og_before
    assert "Your change is waiting" not in owner.get(f"/m/{token}").get_data(as_text=True)
    assert f'id="row-{entry.id}"' not in moderator.get("/moderate?status=edited").get_data(
        as_text=True
    )


def test_a_rejected_edit_leaves_the_approved_version_and_tells_the_owner(app, moderator, uploads):
    owner, token, entry = _approved_entry(app, moderator)
    _edit(owner, token, AFTER)
    response = act(moderator, entry.id, "reject_edit", reason_choice="offensive", reason_text="")
    assert response.status_code == 303
    for surface, page in _public_views(app, entry.slug).items():
        assert BEFORE in page, surface
        assert AFTER not in page, surface
    assert not list((uploads / "held").glob("*"))
    assert entry_state(app, entry.id).status.value == "approved"
    assert "did not accept your last change" in owner.get(f"/m/{token}").get_data(as_text=True)


def test_the_moderation_log_records_both_versions_of_an_edit(app, moderator, admin):
    owner, token, entry = _approved_entry(app, moderator)
    _edit(owner, token, AFTER)
    act(moderator, entry.id, "approve_edit")
    page = moderator.get(f"/moderate/entries/{entry.id}").get_data(as_text=True)
    assert "submitter (private link)" in page
    assert BEFORE in page
    assert AFTER in page
    rows = list(
        csv.DictReader(io.StringIO(admin.get("/moderate/audit.csv").get_data(as_text=True)))
    )
    edits = [row for row in rows if row["action"] in ("edit", "approve_edit")]
    assert [row["action"] for row in edits] == ["edit", "approve_edit"]
    for row in edits:
        assert (row["statement_before"], row["statement_after"]) == (BEFORE, AFTER)


@pytest.mark.parametrize("settings", [{"MODERATION": "post"}])
def test_under_post_moderation_an_edit_is_public_at_once_and_back_in_the_queue(
    app, moderator, settings
):
    owner = app.test_client()
    token = manage_token(submit(owner, statement=BEFORE))
    entry = find_entry(app)
    assert entry.status.value == "approved"
    assert f'id="row-{entry.id}"' not in moderator.get("/moderate?status=edited").get_data(
        as_text=True
    )
    _edit(owner, token, AFTER)
    for surface, page in _public_views(app, entry.slug).items():
        assert AFTER in page, surface
    queue = moderator.get("/moderate?status=edited").get_data(as_text=True)
    assert f'id="row-{entry.id}"' in queue
    assert "already public (post-moderation)" in queue
    assert BEFORE in queue
    assert AFTER in queue
    assert act(moderator, entry.id, "approve_edit").status_code == 303
    assert f'id="row-{entry.id}"' not in moderator.get("/moderate?status=edited").get_data(
        as_text=True
    )


def test_a_second_edit_replaces_the_waiting_one_and_erasing_removes_every_file(
    app, moderator, uploads
):
    owner, token, entry = _approved_entry(app, moderator)
    _edit(owner, token, AFTER)
    _edit(owner, token, "a third way to say it.")
    with app.app_context():
        from campaign.extensions import db

        states = [revision.state for revision in db.session.scalars(select(Revision))]
    assert states == [RevisionState.WITHDRAWN, RevisionState.PENDING]
    assert len(list((uploads / "held").glob("*"))) == 4  # only the last edit's cards
    queue = moderator.get("/moderate?status=edited").get_data(as_text=True)
    assert "a third way to say it." in queue
    assert AFTER not in queue

    erase_token = csrf_token(owner, f"/m/{token}/erase")
    assert owner.post(f"/m/{token}/erase", data={"csrf_token": erase_token}).status_code == 200
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
