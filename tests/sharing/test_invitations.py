"""Invitations: /join?via=<slug>, who joined after whom, and how far the chains went."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from campaign.models import Entry, EntryStatus
from campaign.sharing.invitations import Spread, invitation_spread
from tests.factories import join_data, make_entry, new_entry, switch_browser

SLUG = re.compile(r"/e/([A-Za-z0-9_-]+)")


def join_via(client, slug: str, **fields):
    """Follow the invitation link, then send the form it shows (hidden field included)."""
    switch_browser()
    page = client.get(f"/join?via={slug}").get_data(as_text=True)
    via = re.search(r'name="via" type="hidden" value="([^"]*)"', page)
    assert via, "the join form carries the invitation in a hidden field"
    data = join_data(client, via=via.group(1), **fields)
    return client.post("/join", data=data, content_type="multipart/form-data")


def test_an_invited_person_is_counted_on_the_inviters_page(app, client, db):
    inviter, _ = new_entry(client, db, public=True, name="Aino")
    friend = app.test_client()
    assert join_via(friend, inviter.slug, name="Mika").status_code == 303
    invitee = db.session.scalars(select(Entry).where(Entry.name == "Mika")).one()
    assert invitee.invited_by_id == inviter.id

    visitor = app.test_client()
    page = visitor.get(f"/e/{inviter.slug}").get_data(as_text=True)
    assert "Be the first to join after Aino" in page, "the invitee is not public yet"
    invitee.status = EntryStatus.APPROVED
    db.session.commit()
    page = visitor.get(f"/e/{inviter.slug}").get_data(as_text=True)
    assert "1 person joined after Aino" in page
    # The entry page's own "join" button is an invitation too.
    assert f'href="/join?via={inviter.slug}"' in page


def test_following_an_invitation_stores_nothing_until_the_form_is_sent(app, client, db):
    inviter, _ = new_entry(client, db, public=True)
    before = db.session.scalar(select(func.count(Entry.id)))
    response = app.test_client().get(f"/join?via={inviter.slug}")
    assert response.status_code == 200
    assert db.session.scalar(select(func.count(Entry.id))) == before
    assert "Set-Cookie" not in response.headers or "via" not in response.headers["Set-Cookie"]


@pytest.mark.parametrize("via", ["pending", "doesnotexist", "x" * 200, "<script>", ""])
def test_only_a_public_entry_can_be_recorded_as_inviter(app, client, db, via):
    pending, _ = new_entry(client, db)
    slug = pending.slug if via == "pending" else via
    friend = app.test_client()
    switch_browser()
    data = join_data(friend, via=slug, name="Mika")
    assert friend.post("/join", data=data, content_type="multipart/form-data").status_code == 303
    invitee = db.session.scalars(select(Entry).where(Entry.name == "Mika")).one()
    assert invitee.invited_by_id is None


def test_share_page_offers_the_invitation_link_with_texts_in_the_entrys_language(client, db):
    entry, token = new_entry(client, db, public=True, language="fr")
    page = client.get(f"/m/{token}").get_data(as_text=True)
    invite_url = f"http://campaign.test/join?via={entry.slug}"
    assert f'value="{invite_url}"' in page
    whatsapp = re.search(r'class="[^"]*invite-whatsapp" href="([^"]+)"', page).group(1)
    text = parse_qs(urlsplit(whatsapp.replace("&amp;", "&")).query)["text"][0]
    assert text.startswith("Je viens de rejoindre la campagne")
    assert text.endswith(invite_url)
    x = re.search(r'class="[^"]*invite-x" href="([^"]+)"', page).group(1)
    x_query = parse_qs(urlsplit(x.replace("&amp;", "&")).query)
    assert x_query["url"] == [invite_url]
    assert x_query["hashtags"] == ["JApprendsToutAuLongDeLaVie"]


def test_pending_entry_has_no_invitation_yet(client, db):
    _, token = new_entry(client, db)
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert "/join?via=" not in page
    assert "Square for Instagram" in page


def test_erasing_an_inviter_keeps_the_invitee_and_forgets_the_link(app, client, db):
    inviter, token = new_entry(client, db, public=True)
    friend = app.test_client()
    join_via(friend, inviter.slug, name="Mika")
    switch_browser()
    data = {
        "csrf_token": re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"',
            client.get(f"/m/{token}/erase").get_data(as_text=True),
        ).group(1)
    }
    assert client.post(f"/m/{token}/erase", data=data).status_code == 200
    db.session.expire_all()
    invitee = db.session.scalars(select(Entry).where(Entry.name == "Mika")).one()
    assert invitee.invited_by_id is None


def test_spread_counts_chains_their_depth_and_the_places_they_reached(app, db):
    def joined(name, city, country, inviter=None, status=EntryStatus.APPROVED) -> int:
        where = {"name": name, "city": city, "country_code": country}
        return make_entry(app, status, invited_by_id=inviter, **where)

    aino = joined("Aino", "Espoo", "FI")
    mika = joined("Mika", "Espoo", "FI", aino)
    lea = joined("Lea", "Paris", "FR", mika)
    joined("Omar", "Lyon", "FR", lea)
    joined("Sofia", "Helsinki", "FI", aino)
    # A chain stops at an entry that is not public; its public invitee starts a new one.
    hidden = joined("Hidden", "Lyon", "FR", status=EntryStatus.PENDING)
    noor = joined("Noor", "Lyon", "FR", hidden)
    joined("Yan", "Lyon", "FR", noor)
    joined("Alone", "Oslo", "NO")

    assert invitation_spread("country") == [
        Spread(place="FI", chains=1, joined=4, deepest=3, places_reached=1),
        Spread(place="FR", chains=1, joined=1, deepest=1, places_reached=0),
    ]
    assert invitation_spread("city") == [
        Spread(place="Espoo, FI", chains=1, joined=4, deepest=3, places_reached=3),
        Spread(place="Lyon, FR", chains=1, joined=1, deepest=1, places_reached=0),
    ]


def test_spread_page_shows_the_tables(app, client):
    aino = make_entry(app, EntryStatus.APPROVED, city="Espoo", country_code="FI")
    make_entry(app, EntryStatus.APPROVED, city="Paris", country_code="FR", invited_by_id=aino)
    page = client.get("/share/spread").get_data(as_text=True)
    assert "How invitations spread" in page
    assert "Finland" in page
    assert "Espoo, FI" in page
