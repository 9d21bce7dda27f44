"""A small campaign with one of everything, and the list of its public pages, in their normal
and error states: what the Nu checker and axe-core look at."""

import io
import re
from contextlib import contextmanager
from dataclasses import dataclass

from campaign.extensions import db
from campaign.models import Entry
from campaign.officials import invitations
from tests.factories import (
    csrf_token,
    join_data,
    logo_bytes,
    make_edition,
    manage_token,
    photo_bytes,
    submit,
)

# A city edition in the five languages, with its logo and hashtag, and one entry made through it.
EDITION_NAMES = {
    "en": "Espoo learns",
    "fr": "Espoo apprend",
    "es": "Espoo aprende",
    "ar": "إسبو تتعلم",
    "zh": "埃斯波在学习",
}

LANGUAGES = ("en", "fr", "es", "ar", "zh")
# Pre-moderation with SMTP: the share page offers "tell me when my card is public".
NOTICE_SETTINGS = {"MODERATION": "pre", "SMTP_HOST": "127.0.0.1"}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    status: int = 200
    form: dict | None = None  # posted (as multipart) instead of fetched
    settings: dict | None = None  # the app's settings while the page is fetched


@contextmanager
def page_settings(app, page: Page):
    """The app set as the page needs it, and set back afterwards."""
    wanted = page.settings or {}
    saved = {name: app.config[name] for name in wanted}
    app.config.update(wanted)
    try:
        yield
    finally:
        app.config.update(saved)


def _invitation(app, **fields) -> str:
    details = {
        "name": "Ritva Viljanen",
        "title": "Mayor of Vantaa",
        "city": "Vantaa",
        "country_code": "FI",
        "language": "en",
    }
    details.update(fields)
    with app.test_request_context():
        invitation = invitations.create_invitation(
            invitations.InvitationDetails(**details), by=None
        )
        db.session.commit()
        return invitations.link_token(invitation)


def _join_edition(app, slug: str, edition_id: int) -> None:
    """The entry joins the city edition, so /cities lists an edition and a directory city."""
    with app.app_context():
        entry = db.session.scalar(db.select(Entry).where(Entry.slug == slug))
        entry.edition_id = edition_id
        db.session.commit()


def build(app) -> list[Page]:
    """Entries (a learner's and an official's), an open and a used invitation; the pages."""
    client = app.test_client()
    token = manage_token(submit(client, name="Aino Virtanen"))
    share_html = client.get(f"/m/{token}").get_data(as_text=True)
    slug = re.search(r"/e/([\w-]+)", share_html).group(1)
    submit(client, name="Layla Haddad", language="ar", statement="التعلم يفتح لي أبوابا جديدة.")
    used = _invitation(app)
    official = client.post(
        f"/invite/{used}",
        data={
            "csrf_token": csrf_token(client),
            "photo": (io.BytesIO(photo_bytes()), "mayor.jpg", "image/jpeg"),
            "name": "Ritva Viljanen",
            "title": "Mayor of Vantaa",
            "language": "en",
            "statement": "Learning keeps a city young.\n\nOur libraries are open to every age.",
            "consent": "y",
        },
        content_type="multipart/form-data",
    )
    assert official.status_code == 303, official.get_data(as_text=True)[:500]
    official_slug = re.search(
        r"/e/([\w-]+)", client.get(official.headers["Location"]).get_data(as_text=True)
    ).group(1)
    open_invitation = _invitation(app, name="Anne Hidalgo", title="Mayor of Paris")
    edition_id = make_edition(
        app,
        "espoo",
        languages=list(LANGUAGES),
        names=EDITION_NAMES,
        hashtag="#EspooLearns",
        logo=logo_bytes(colour=(255, 184, 28, 255)),
    )
    _join_edition(app, slug, edition_id)
    submit(client, path="/c/espoo/join", name="Aino Korhonen")
    notice = Page("notice", "/", settings=NOTICE_SETTINGS)
    with page_settings(app, notice):
        waiting = manage_token(submit(client, name="Kofi Mensah"))
        asked = manage_token(submit(client, name="Mei Lin", photo=photo_bytes(1000, 1000)))
        given = {"csrf_token": csrf_token(client, f"/m/{asked}"), "email": "mei@example.org"}
        assert client.post(f"/m/{asked}/notice", data=given).status_code == 303
    return [
        Page("home", "/"),
        Page("join", "/join"),
        Page("join-invited", f"/join?via={slug}"),
        Page("join-errors", "/join", 422, {"name": "", "statement": "", "consent": None}),
        Page("wall", "/wall"),
        Page("wall-no-results", "/wall?q=zzzzqqq"),
        Page("wall-bad-cursor", "/wall?cursor=forged", 400),
        Page("embed", "/embed/wall?city=Espoo"),
        Page("stats", "/stats"),
        Page("officials", "/officials"),
        Page("cities", "/cities"),
        Page("spread", "/share/spread"),
        Page("privacy", "/privacy"),
        Page("entry", f"/e/{slug}"),
        Page("entry-official", f"/e/{official_slug}"),
        Page("report", f"/e/{slug}/report"),
        Page("share", f"/m/{token}"),
        Page("share-errors", f"/m/{token}/statement", 422, {"statement": ""}),
        Page("share-notice", f"/m/{waiting}", settings=NOTICE_SETTINGS),
        Page(
            "share-notice-errors",
            f"/m/{waiting}/notice",
            422,
            {"email": "kofi@"},
            settings=NOTICE_SETTINGS,
        ),
        Page("share-notice-given", f"/m/{asked}", settings=NOTICE_SETTINGS),
        Page("erase", f"/m/{token}/erase"),
        Page("invitation", f"/invite/{open_invitation}"),
        Page(
            "invitation-errors",
            f"/invite/{open_invitation}",
            422,
            {"name": "", "title": "", "language": "en", "statement": ""},
        ),
        Page("invitation-used", f"/invite/{used}", 410),
        Page("not-found", "/no-such-page", 404),
        Page("edition-home", "/c/espoo/"),
        Page("edition-join", "/c/espoo/join"),
        Page("edition-wall", "/c/espoo/wall"),
        Page("edition-embed", "/c/espoo/embed/wall"),
        Page("edition-stats", "/c/espoo/stats"),
        Page("edition-officials", "/c/espoo/officials"),
        Page("wall-edition-filter", "/wall?edition=espoo"),
    ]


def fetch(client, page: Page, lang: str):
    """The page's answer in a language, as a browser with that language cookie gets it."""
    client.set_cookie("lang", lang)
    with page_settings(client.application, page):
        if page.form is None:
            return client.get(page.path)
        data = {"csrf_token": csrf_token(client), **page.form}
        if page.path == "/join":
            data = join_data(client, **page.form)
        data = {key: value for key, value in data.items() if value is not None}
        return client.post(page.path, data=data, content_type="multipart/form-data")
