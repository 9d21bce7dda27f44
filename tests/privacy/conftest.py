"""Privacy fixtures: staff clients (from the moderation tests) and entries at chosen times."""

from datetime import datetime

from sqlalchemy import select, update

from campaign.extensions import db
from campaign.models import Entry
from tests.browser.conftest import browser, live_server, open_page  # noqa: F401 (fixtures)
from tests.factories import manage_token, submit
from tests.moderation.conftest import admin, moderator, staff  # noqa: F401 (fixtures)


def join(client, **fields) -> tuple[str, str]:
    """Send the join form as a browser does; the new entry's slug and private token."""
    response = submit(client, **fields)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    token = manage_token(response)
    with client.application.app_context():
        slug = db.session.scalars(select(Entry.slug).order_by(Entry.id.desc())).first()
    return slug, token


def backdate(app, slug: str, **times: datetime) -> None:
    """Move an entry's timestamps (created_at, updated_at) to the past, as the clock would."""
    with app.app_context():
        db.session.execute(update(Entry).where(Entry.slug == slug).values(**times))
        db.session.commit()


def entry(app, slug: str) -> Entry:
    with app.app_context():
        found = db.session.scalars(select(Entry).where(Entry.slug == slug)).one_or_none()
        if found is not None:
            db.session.expunge(found)
        return found
