"""The staff pages with something of everything on them (flags, a visitor's report, an edit
waiting, decisions in the log, an edition, an invitation), for the Nu checker and axe-core.
They are fetched by a signed-in admin."""

from campaign.extensions import db
from campaign.models import Entry, EntryFlag, Role
from tests.factories import (
    PASSWORD,
    STORED_FLAG_DETAILS,
    act,
    csrf_token,
    find_entry,
    invitation_row,
    make_city,
    make_edition,
    make_invitation,
    make_user,
    manage_token,
    photo_bytes,
    sign_in,
    submit,
)
from tests.validity.site import Page

ADMIN = "admin@staff-pages.example"


def build(app) -> list[Page]:
    make_user(app, ADMIN, Role.ADMIN)
    edition_id = make_edition(app, "espoo")
    make_user(app, "espoo@staff-pages.example", Role.CITY_MODERATOR, edition_id=edition_id)
    visitor = app.test_client()
    submit(visitor, name="Aino Virtanen")
    flagged = find_entry(app, name="Aino Virtanen").slug
    approved_token = manage_token(submit(visitor, name="Layla Haddad", language="ar"))
    staff = app.test_client()
    assert sign_in(staff, ADMIN).status_code == 303
    with app.app_context():
        entries = {entry.slug: entry.id for entry in db.session.scalars(db.select(Entry))}
        for kind, detail in STORED_FLAG_DETAILS.items():
            db.session.add(EntryFlag(entry_id=entries[flagged], kind=kind, detail=detail))
        db.session.commit()
    edited = next(entry_id for slug, entry_id in entries.items() if slug != flagged)
    assert act(staff, edited, "approve").status_code == 303
    edit = {
        "csrf_token": csrf_token(visitor, f"/m/{approved_token}"),
        "statement": "التعلم مدى الحياة يفتح لي أبوابا جديدة كل يوم.",
    }
    assert visitor.post(f"/m/{approved_token}/statement", data=edit).status_code == 303
    submit(visitor, name="Kofi Mensah", photo=photo_bytes(900, 700))
    rejected = find_entry(app, name="Kofi Mensah").id
    assert act(staff, rejected, "reject", reason_choice="spam").status_code == 303
    invited = invitation_row(
        app,
        make_invitation(
            app,
            name="Kaisa Korhonen-Lindqvist",
            title="Deputy Mayor for Education and Lifelong Learning",
            language="fr",
            email="kaisa.korhonen-lindqvist@education.espoo.example",
        ),
    )
    city_id = make_city(app, "Kuala Lumpur", "MY")
    return [
        Page("staff-sign-in", "/moderate/login"),
        Page("staff-queue", "/moderate"),
        Page("staff-queue-all", "/moderate?status=all"),
        Page("staff-entry-flagged", f"/moderate/entries/{entries[flagged]}"),
        Page("staff-entry-edited", f"/moderate/entries/{edited}"),
        Page("staff-log", "/moderate/audit"),
        Page("staff-users", "/moderate/users"),
        Page("staff-account", "/moderate/account"),
        Page("staff-campaign", "/moderate/campaign/"),
        Page("staff-editions", "/moderate/editions"),
        Page("staff-edition", f"/moderate/editions/{edition_id}"),
        Page("staff-invitations", "/moderate/invitations"),
        Page("staff-cities", "/moderate/cities"),
        Page("staff-invitation", f"/moderate/invitations/{invited.id}"),
        Page("staff-city", f"/moderate/cities/{city_id}"),
    ]


def signed_in(app):
    """A test client signed in as the pages' admin."""
    client = app.test_client()
    assert sign_in(client, ADMIN, PASSWORD).status_code == 303
    return client
