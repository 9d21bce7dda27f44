"""City staff: a city moderator works on their edition's entries only, a city admin also on
its accounts and invitations; the log records the edition; each edition's moderation mode."""

import csv
import io
import re

import pytest
from sqlalchemy import select

from campaign.branding import branding_from_config
from campaign.extensions import db
from campaign.models import Edition, Entry, EntryStatus, ModerationEvent, Role, User, public_entries
from campaign.moderation import actions
from campaign.storage import FileLedger, get_storage
from campaign.submissions import service
from tests.factories import (
    PASSWORD,
    act,
    bulk,
    entry_state,
    form_token,
    make_city,
    make_edition,
    make_entry,
    make_user,
    photo_bytes,
    sign_in,
)


@pytest.fixture
def two_editions(app, staff):
    """Editions A (espoo) and B (tampere), one pending entry each, and A's city staff."""
    a = make_edition(app, "espoo")
    b = make_edition(app, "tampere", city=("Tampere", "FI"))
    make_user(app, "cm@espoo.example", Role.CITY_MODERATOR, edition_id=a)
    make_user(app, "ca@espoo.example", Role.CITY_ADMIN, edition_id=a)
    make_user(app, "cm@tampere.example", Role.CITY_MODERATOR, edition_id=b)
    return {
        "a": a,
        "b": b,
        "entry_a": make_entry(app, edition_id=a, name="Aino of Espoo"),
        "entry_b": make_entry(app, edition_id=b, name="Tuomas of Tampere"),
        "entry_global": make_entry(app, name="Grace of the global site"),
    }


def _signed_in(app, email: str, password: str = PASSWORD):
    client = app.test_client()
    assert sign_in(client, email, password).status_code == 303
    return client


def _version(app, entry_id: int) -> int:
    return entry_state(app, entry_id).version


def test_a_city_moderators_queue_shows_their_editions_entries_only(app, two_editions):
    page = _signed_in(app, "cm@espoo.example").get("/moderate").get_data(as_text=True)
    assert "Aino of Espoo" in page
    assert "Tuomas of Tampere" not in page
    assert "Grace of the global site" not in page
    # The tab's count is theirs too: one pending entry, not three.
    assert re.search(r'Pending <span class="count">1</span>', page)

    global_page = _signed_in(app, "mod@city.example").get("/moderate").get_data(as_text=True)
    for name in ("Aino of Espoo", "Tuomas of Tampere", "Grace of the global site"):
        assert name in global_page


def test_bulk_approval_by_a_city_moderator_leaves_other_editions_entries_alone(app, two_editions):
    client = _signed_in(app, "cm@espoo.example")
    ids = [two_editions[name] for name in ("entry_a", "entry_b", "entry_global")]
    response = bulk(
        client, "approve", ids=[f"{entry_id}:{_version(app, entry_id)}" for entry_id in ids]
    )
    assert response.status_code == 303
    assert entry_state(app, two_editions["entry_a"]).status is EntryStatus.APPROVED
    assert entry_state(app, two_editions["entry_b"]).status is EntryStatus.PENDING
    assert entry_state(app, two_editions["entry_global"]).status is EntryStatus.PENDING
    flashed = client.get("/moderate").get_data(as_text=True)
    assert "1 entry approved" in flashed
    assert "Tuomas" not in flashed


def test_the_log_records_the_edition_and_a_city_admin_reads_only_theirs(app, two_editions):
    moderator = _signed_in(app, "mod@city.example")
    for name in ("entry_a", "entry_b", "entry_global"):
        assert act(moderator, two_editions[name], "approve").status_code == 303
    with app.app_context():
        logged = {
            event.entry_id: event.edition_id
            for event in db.session.scalars(select(ModerationEvent))
        }
    assert logged == {
        two_editions["entry_a"]: two_editions["a"],
        two_editions["entry_b"]: two_editions["b"],
        two_editions["entry_global"]: None,
    }

    city_admin = _signed_in(app, "ca@espoo.example")
    page = city_admin.get("/moderate/audit").get_data(as_text=True)
    slug_a = entry_state(app, two_editions["entry_a"]).slug
    slug_b = entry_state(app, two_editions["entry_b"]).slug
    assert slug_a in page
    assert slug_b not in page
    rows = list(csv.DictReader(io.StringIO(city_admin.get("/moderate/audit.csv").text)))
    assert [(row["entry_slug"], row["edition_id"]) for row in rows] == [
        (slug_a, str(two_editions["a"]))
    ]
    everything = _signed_in(app, "admin@city.example").get("/moderate/audit.csv").text
    assert len(list(csv.DictReader(io.StringIO(everything)))) == 3


def test_a_city_admin_adds_moderators_to_their_edition_only(app, two_editions):
    client = _signed_in(app, "ca@espoo.example")
    page = client.get("/moderate/users").get_data(as_text=True)
    assert "cm@espoo.example" in page
    assert "cm@tampere.example" not in page
    assert "admin@city.example" not in page
    token = form_token(client, "/moderate/users")
    data = {"csrf_token": token, "password": "a long initial secret"}
    # Not a global account, nor another edition's: only their own edition's moderators.
    refused = client.post(
        "/moderate/users", data={**data, "email": "boss@espoo.example", "role": "admin"}
    )
    assert refused.status_code == 422
    added = client.post(
        "/moderate/users",
        data={
            **data,
            "email": "new@espoo.example",
            "role": "city_moderator",
            "edition": str(two_editions["b"]),
        },
    )
    assert added.status_code == 303
    with app.app_context():
        users = {user.email: user for user in db.session.scalars(select(User))}
        assert "boss@espoo.example" not in users
        assert users["new@espoo.example"].role is Role.CITY_MODERATOR
        assert users["new@espoo.example"].edition_id == two_editions["a"]
        event = db.session.scalars(select(ModerationEvent)).one()
        assert event.edition_id == two_editions["a"]
    # The new account works on Espoo's entries, and Tampere's stay out of its sight.
    new = _signed_in(app, "new@espoo.example", "a long initial secret")
    assert new.get(f"/moderate/entries/{two_editions['entry_a']}").status_code == 200
    assert new.get(f"/moderate/entries/{two_editions['entry_b']}").status_code == 404


def test_a_city_account_whose_edition_is_gone_sees_nothing(app, two_editions):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "cm@espoo.example"))
        user.edition_id = None
        db.session.commit()
    client = _signed_in(app, "cm@espoo.example")
    page = client.get("/moderate").get_data(as_text=True)
    assert "Aino of Espoo" not in page
    assert "Grace of the global site" not in page
    assert client.get(f"/moderate/entries/{two_editions['entry_global']}").status_code == 404


def _submit_through(app, edition_id: int | None):
    submission = service.Submission(
        name="Leila",
        city="Espoo",
        country_code="FI",
        language="en",
        statement="I learn Finnish at the library every week.",
        photo=photo_bytes(),
        edition_id=edition_id,
    )
    with app.app_context():
        files = FileLedger(get_storage())
        entry, _ = service.create_entry(
            submission,
            files=files,
            moderation=app.config["MODERATION"],
            branding=branding_from_config(),
        )
        db.session.commit()
        public = db.session.scalar(public_entries(Entry.id).where(Entry.id == entry.id))
        return entry.id, entry.status, public is not None


@pytest.mark.parametrize("settings", [{"MODERATION": "pre"}])
def test_an_edition_under_post_moderation_publishes_at_once_inside_a_pre_campaign(app):
    post = make_edition(app, "espoo", moderation="post")
    follows = make_edition(app, "tampere", city=("Tampere", "FI"))
    entry_id, status, public = _submit_through(app, post)
    assert (status, public) == (EntryStatus.APPROVED, True)
    assert entry_state(app, entry_id).published_at is not None
    assert _submit_through(app, follows)[1:] == (EntryStatus.PENDING, False)
    assert _submit_through(app, None)[1:] == (EntryStatus.PENDING, False)


@pytest.mark.parametrize("settings", [{"MODERATION": "post"}])
def test_an_edition_under_pre_moderation_holds_entries_inside_a_post_campaign(app, staff):
    pre = make_edition(app, "espoo", moderation="pre")
    entry_id, status, public = _submit_through(app, pre)
    assert (status, public) == (EntryStatus.PENDING, False)
    assert _submit_through(app, None)[1:] == (EntryStatus.APPROVED, True)
    # Restoring a rejected entry takes it back to where its edition's entries start.
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == staff["admin"]))
        done, _ = actions.apply_many(
            {entry_id: _version(app, entry_id)},
            actions.Action.REJECT,
            actor=admin,
            moderation_mode="post",
            reason="Not a photo of a person",
        )
        assert done == [entry_id]
        actions.apply_many(
            {entry_id: _version(app, entry_id)},
            actions.Action.RESTORE,
            actor=admin,
            moderation_mode="post",
        )
    assert entry_state(app, entry_id).status is EntryStatus.PENDING


def test_flask_editions_create_sets_the_editions_moderation(app, runner):
    make_city(app, "Espoo")
    result = runner.invoke(
        args=["editions", "create", "espoo", "--city", "Espoo, FI", "--moderation", "post"]
    )
    assert result.exit_code == 0, result.output
    refused = runner.invoke(
        args=["editions", "create", "vantaa", "--city", "Espoo, FI", "--moderation", "later"]
    )
    assert refused.exit_code != 0
    with app.app_context():
        assert db.session.scalar(select(Edition.moderation)) == "post"


def test_a_city_admin_manages_their_editions_branding_but_not_its_cities_nor_others(
    app, two_editions
):
    client = _signed_in(app, "ca@espoo.example")
    listing = client.get("/moderate/editions")
    assert listing.headers["Location"] == f"/moderate/editions/{two_editions['a']}"
    page = client.get(listing.headers["Location"]).get_data(as_text=True)
    token = form_token(client, listing.headers["Location"])
    vantaa = make_city(app, "Vantaa")
    response = client.post(
        listing.headers["Location"],
        data={
            "csrf_token": token,
            "cities": str(vantaa),
            "languages": "en",
            "default_language": "en",
            "moderation": "post",
            "name_en": "Espoo learns together",
            "hashtag": "#EspooLearns",
        },
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:400]
    with app.app_context():
        edition = db.session.get(Edition, two_editions["a"])
        assert edition.names["en"] == "Espoo learns together"
        assert edition.hashtag == "#EspooLearns"
        # The network's decisions stay as the global admin made them.
        assert [city.name for city in edition.cities] == ["Espoo"]
        assert edition.moderation is None
    assert "disabled" in page
    assert client.post("/moderate/editions", data={"csrf_token": token}).status_code == 403
    assert client.get(f"/moderate/editions/{two_editions['b']}").status_code == 404
