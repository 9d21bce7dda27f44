"""Admin pages: invitations (copied or e-mailed through a real SMTP server) and the directory."""

import io
import re

import pytest

from campaign.extensions import db as _db
from campaign.models import Action, City, Entry, EntryStatus, ModerationEvent, OfficialInvitation
from tests.factories import form_token, send_statement, submit
from tests.mailbox import free_port, smtp_settings


@pytest.fixture
def settings(request):
    """SMTP settings when a test asks for the smtp_server fixture."""
    if "smtp_server" not in request.fixturenames:
        return {}
    controller, _ = request.getfixturevalue("smtp_server")
    return smtp_settings(controller.port)


def create(client, **fields):
    data = {
        "csrf_token": form_token(client, "/moderate/invitations"),
        "name": "Kaisa Korhonen",
        "title": "Mayor of Espoo",
        "city": "espoo",
        "country": "FI",
        "language": "fr",
        "email": "",
    }
    data.update(fields)
    return client.post("/moderate/invitations", data=data)


def link_on(html: str) -> str:
    match = re.search(r'id="invitation-link" type="text" readonly value="([^"]+)"', html)
    assert match, "no invitation link on the page"
    return match.group(1)


def token_of(link: str) -> str:
    return link.rsplit("/invite/", 1)[1]


def test_only_admins_reach_the_officials_pages(client, moderator_client):
    for url in ("/moderate/invitations", "/moderate/cities", "/moderate/cities/unmapped"):
        assert client.get(url).status_code in (302, 303, 401)
        assert moderator_client.get(url).status_code == 403
    token = form_token(moderator_client, "/join")
    post = moderator_client.post("/moderate/invitations", data={"csrf_token": token})
    assert post.status_code == 403


def test_admin_creates_an_invitation_and_copies_a_link_that_works(
    app, admin_client, starter_cities
):
    response = create(admin_client)
    assert response.status_code == 303
    page = admin_client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "no-store" in page.headers["Cache-Control"]
    link = link_on(html)
    assert link.startswith("http://campaign.test/invite/")
    # The same link is shown whenever the admin comes back, until it is used.
    assert link_on(admin_client.get(response.headers["Location"]).get_data(as_text=True)) == link
    with app.app_context():
        invitation = _db.session.scalars(_db.select(OfficialInvitation)).one()
        assert invitation.city == "Espoo"  # the directory's spelling, linked to it
        assert invitation.city_ref.name == "Espoo"
        assert invitation.created_by_id is not None

    official = app.test_client()
    form = official.get(f"/invite/{token_of(link)}").get_data(as_text=True)
    assert 'value="Kaisa Korhonen"' in form
    assert re.search(r'<option[^>]*selected[^>]*value="fr"', form)
    assert send_statement(official, token_of(link)).status_code == 303
    used = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "invitation-link" not in used
    assert "Used on" in used


def test_a_pre_approved_statement_is_logged_as_approved_by_the_inviting_admin(app, admin_client):
    response = create(admin_client, pre_approved="y")
    link = link_on(admin_client.get(response.headers["Location"]).get_data(as_text=True))
    official = app.test_client()
    assert send_statement(official, token_of(link), name="Kaisa Korhonen").status_code == 303
    with app.app_context():
        entry = _db.session.scalars(_db.select(Entry)).one()
        assert entry.status is EntryStatus.APPROVED
        event = _db.session.scalars(_db.select(ModerationEvent)).one()
        assert event.action is Action.APPROVE
        assert event.actor_email == "admin@city.example"
        assert event.entry_id == entry.id


def test_invitation_form_reports_mistakes(app, admin_client):
    response = create(admin_client, name="", country="XX", email="not-an-address")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "valid e-mail address" in html
    assert "choose the country" in html
    with app.app_context():
        assert _db.session.scalars(_db.select(OfficialInvitation)).all() == []


def test_admin_withdraws_and_renews_a_link(app, admin_client):
    detail = create(admin_client).headers["Location"]
    old = token_of(link_on(admin_client.get(detail).get_data(as_text=True)))
    token = form_token(admin_client, detail)
    assert admin_client.post(f"{detail}/revoke", data={"csrf_token": token}).status_code == 303
    assert app.test_client().get(f"/invite/{old}").status_code == 410
    assert admin_client.post(f"{detail}/renew", data={"csrf_token": token}).status_code == 303
    new = token_of(link_on(admin_client.get(detail).get_data(as_text=True)))
    assert new != old
    assert app.test_client().get(f"/invite/{new}").status_code == 200
    assert app.test_client().get(f"/invite/{old}").status_code == 410


def test_a_page_left_open_cannot_email_a_dead_link_or_renew_a_used_one(
    app, admin_client, smtp_server
):
    _, inbox = smtp_server
    detail = create(admin_client, email="kaisa@espoo.example").headers["Location"]
    link = link_on(admin_client.get(detail).get_data(as_text=True))
    token = form_token(admin_client, detail)
    admin_client.post(f"{detail}/revoke", data={"csrf_token": token})
    # The admin's other tab still shows "E-mail it" and "Make a new link".
    sent = admin_client.post(f"{detail}/send", data={"csrf_token": token})
    assert sent.status_code == 303
    page = admin_client.get(detail).get_data(as_text=True)
    assert "This link no longer works, so it was not e-mailed." in page
    assert inbox.messages == []

    admin_client.post(f"{detail}/renew", data={"csrf_token": token})
    link = link_on(admin_client.get(detail).get_data(as_text=True))
    assert send_statement(app.test_client(), token_of(link)).status_code == 303
    renewed = admin_client.post(f"{detail}/renew", data={"csrf_token": token})
    assert renewed.status_code == 303
    page = admin_client.get(detail).get_data(as_text=True)
    assert "This invitation has been used; it cannot be renewed." in page
    assert "Used on" in page
    assert app.test_client().get(f"/invite/{token_of(link)}").status_code == 410
    admin_client.post(f"{detail}/send", data={"csrf_token": token})
    assert "so it was not e-mailed" in admin_client.get(detail).get_data(as_text=True)
    assert inbox.messages == []


def test_invitation_is_emailed_in_the_officials_language(app, admin_client, smtp_server):
    _, inbox = smtp_server
    response = create(admin_client, email="kaisa.korhonen@espoo.example", send_email="y")
    assert response.status_code == 303
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "e-mailed to kaisa.korhonen@espoo.example" in page
    [message] = inbox.messages
    assert message["To"] == "Kaisa Korhonen <kaisa.korhonen@espoo.example>"
    assert "campaign@learning.example" in message["From"]
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    link = link_on(page)
    assert link in body
    assert "Kaisa Korhonen" in body
    with app.app_context():
        assert _db.session.scalars(_db.select(OfficialInvitation)).one().emailed_at is not None


def test_when_the_mail_server_is_down_the_admin_still_gets_the_link(app, admin_client):
    port = free_port()  # nobody listens there
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_SECURITY="none", SMTP_TIMEOUT=2)
    response = create(admin_client, email="kaisa@espoo.example", send_email="y")
    assert response.status_code == 303
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "could not be sent" in page
    assert link_on(page)


def test_admin_adds_edits_and_removes_a_city(app, admin_client):
    token = form_token(admin_client, "/moderate/cities")
    add = {"csrf_token": token, "name": "Tampere", "country": "FI", "region": "Pirkanmaa"}
    assert admin_client.post("/moderate/cities", data=add).status_code == 303
    again = admin_client.post("/moderate/cities", data={**add, "name": "TAMPERE"})
    assert again.status_code == 409
    assert "already in the directory" in again.get_data(as_text=True)
    with app.app_context():
        tampere = _db.session.scalars(_db.select(City)).one()
        assert (tampere.country, tampere.region) == ("Finland", "Pirkanmaa")
        city_id = tampere.id
    edit = {"csrf_token": token, "name": "Tampere", "country": "FI", "member_since": "2019"}
    assert admin_client.post(f"/moderate/cities/{city_id}", data=edit).status_code == 303
    with app.app_context():
        assert _db.session.get(City, city_id).member_since == 2019
    bad = admin_client.post(f"/moderate/cities/{city_id}", data={**edit, "member_since": "1800"})
    assert bad.status_code == 422
    gone = admin_client.post(f"/moderate/cities/{city_id}/delete", data={"csrf_token": token})
    assert gone.status_code == 303
    with app.app_context():
        assert _db.session.get(City, city_id) is None


def test_admin_imports_a_csv_and_sees_the_bad_lines(app, admin_client):
    token = form_token(admin_client, "/moderate/cities")
    csv_text = "name,country_code\nEspoo,FI\nAtlantis,XX\nCork,IE\n"
    response = admin_client.post(
        "/moderate/cities/import",
        data={"csrf_token": token, "csv_file": (io.BytesIO(csv_text.encode()), "cities.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "2 added, 0 updated, 0 unchanged." in html
    assert "Line 3 skipped" in html
    assert "Espoo" in html
    assert "Cork" in html
    unreadable = admin_client.post(
        "/moderate/cities/import",
        data={"csrf_token": token, "csv_file": (io.BytesIO(b"a;b\n1;2\n"), "cities.csv")},
        content_type="multipart/form-data",
    )
    assert unreadable.status_code == 422
    assert "lacks the column" in unreadable.get_data(as_text=True)


def test_admin_maps_a_typed_city_to_the_directory(app, client, admin_client, starter_cities):
    for typed in ("Ciudad de México", "ciudad de mexico"):
        assert submit(client, city=typed, country="MX").status_code == 303
    page = admin_client.get("/moderate/cities/unmapped").get_data(as_text=True)
    assert "Ciudad de México" in page
    with app.app_context():
        mexico = _db.session.scalar(_db.select(City).where(City.name == "Mexico City"))
        mexico_id = mexico.id
    data = {
        "csrf_token": form_token(admin_client, "/moderate/cities/unmapped"),
        "city": "Ciudad de México",
        "country_code": "MX",
        "city_id": str(mexico_id),
    }
    response = admin_client.post("/moderate/cities/unmapped", data=data, follow_redirects=True)
    assert "2 entries from Ciudad de México are now linked to Mexico City" in response.get_data(
        as_text=True
    )
    with app.app_context():
        cities = _db.session.scalars(_db.select(Entry.city_id)).all()
        assert cities == [mexico_id, mexico_id]


def test_admin_adds_a_typed_city_to_the_directory(app, client, admin_client):
    assert submit(client, city="Tampere", country="FI").status_code == 303
    data = {
        "csrf_token": form_token(admin_client, "/moderate/cities/unmapped"),
        "city": "Tampere",
        "country_code": "FI",
        "city_id": "0",
    }
    assert admin_client.post("/moderate/cities/unmapped", data=data).status_code == 303
    with app.app_context():
        tampere = _db.session.scalars(_db.select(City)).one()
        assert _db.session.scalars(_db.select(Entry)).one().city_id == tampere.id
    # A later learner typing it is linked at once.
    assert submit(client, city="tampere", country="FI").status_code == 303
    with app.app_context():
        assert _db.session.scalars(_db.select(Entry.city_id)).all() == [tampere.id] * 2
