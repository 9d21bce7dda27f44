"""The staff pages speak the moderator's language, as the public pages do: chosen with the
switcher or by the browser, named so in the page (lang, dir), and every label, button,
message and status in it. A city moderator in Cairo or Shanghai reads the queue in Arabic or
Chinese; what people wrote (names, statements, cities) stays as they wrote it."""

import re
from html.parser import HTMLParser

import pytest

from campaign.extensions import db
from campaign.languages import LANGUAGES
from campaign.models import (
    EntryFlag,
    EntryStatus,
    FlagKind,
    Report,
    ReportReason,
    Revision,
    RevisionState,
    Role,
)
from tests.factories import STORED_FLAG_DETAILS, act, make_edition, make_entry, make_user, sign_in

LOCALES = ["fr", "es", "ar", "zh"]
# Words that are the same in every language: the campaign's name, the time zone, formats,
# minutes; languages are named in themselves, as in the switcher.
SAME_EVERYWHERE = re.compile(
    "|".join(
        [r"#ImALifelongLearner|\bUTC\b|\bCSV\b|PNG|JPEG|WebP|HEIC|SVG|\bmin\b"]
        + [re.escape(language.name) for language in LANGUAGES.values()]
    )
)
# The same word in English and in the language.
SAME_WORD = {"fr": {"Invitations"}}
PEOPLE = {
    "name": "Ana Lima",
    "city": "Espoo",
    "statement": "Every library card is a ticket to somewhere new.",
}


class VisibleText(HTMLParser):
    """What a person reads or hears on a page: text, and the alt, placeholder, aria-label
    and title of elements, leaving out text marked as written in another language (what
    people wrote, the switcher's language names) and scripts."""

    SKIPPED = {"script", "style", "kbd", "code", "option"}
    VOID = {"img", "input", "br", "meta", "link", "hr", "source"}

    def __init__(self, html: str):
        super().__init__()
        self.texts: list[str] = []
        self._stack: list[bool] = []
        self.feed(html)
        self.close()

    def _skipping(self) -> bool:
        return any(self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        own_language = "lang" in attrs and tag != "html"
        if not self._skipping():
            for name in ("alt", "placeholder", "aria-label", "title"):
                if attrs.get(name):
                    self.texts.append(attrs[name])
        if tag not in self.VOID:
            self._stack.append(own_language or tag in self.SKIPPED)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.texts.append(" ".join(data.split()))


def left_in_english(
    english: str, translated: str, people_wrote: list[str], locale: str
) -> list[str]:
    """Texts of the translated page that are also, word for word, in the English one and
    are more than people's own words, numbers and punctuation."""
    english_texts = set(VisibleText(english).texts)
    leftovers = []
    for text in VisibleText(translated).texts:
        if text not in english_texts or text in SAME_WORD.get(locale, ()):
            continue
        rest = SAME_EVERYWHERE.sub("", text)
        for written in sorted(people_wrote, key=len, reverse=True):
            rest = rest.replace(written, "")
        if re.search(r"[^\W\d_]{2,}", rest):
            leftovers.append(text)
    return leftovers


def page_language(html: str) -> tuple[str, str]:
    return re.search(r'<html lang="([\w-]+)" dir="(\w+)"', html).groups()


@pytest.fixture
def busy_campaign(app):
    """A queue with something of everything a moderator sees: flags of each kind, a
    visitor's report, a statement edit waiting, an official, decisions in the log; an
    edition and a city moderator."""
    edition_id = make_edition(app, "espoo")
    make_user(app, "admin@city.example", Role.ADMIN)
    make_user(app, "mod@city.example", Role.MODERATOR)
    make_user(app, "espoo@city.example", Role.CITY_MODERATOR, edition_id=edition_id)
    flagged = make_entry(app, **PEOPLE, slug="ana-lima")
    reported = make_entry(app, EntryStatus.APPROVED, name="Bo Berg", city="Espoo", slug="bo")
    make_entry(
        app,
        name="Mia Mayor",
        city="Espoo",
        slug="mia",
        kind="official",
        title="Mayor",
        featured=False,
    )
    with app.app_context():
        for kind, detail in STORED_FLAG_DETAILS.items():
            db.session.add(EntryFlag(entry_id=flagged, kind=kind, detail=detail))
        db.session.add(
            Report(entry_id=reported, reason=ReportReason.SPAM, note="", reporter_hash="r1")
        )
        db.session.add(
            Revision(
                entry_id=reported,
                statement="Now with new words.",
                previous_statement="Old words.",
                state=RevisionState.PENDING,
            )
        )
        db.session.commit()
    return {"flagged": flagged, "reported": reported, "edition": edition_id}


def _signed_in_admin(app, locale: str | None):
    client = app.test_client()
    assert sign_in(client, "admin@city.example").status_code == 303
    if locale:
        client.set_cookie("lang", locale, domain="campaign.test")
    return client


def _staff_pages(entries) -> list[str]:
    return [
        "/moderate",
        "/moderate?status=all",
        f"/moderate/entries/{entries['flagged']}",
        f"/moderate/entries/{entries['reported']}",
        "/moderate/audit",
        "/moderate/users",
        "/moderate/account",
        "/moderate/campaign/",
        "/moderate/editions",
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_staff_page_speaks_the_moderators_language(app, busy_campaign, locale):
    english, translated = _signed_in_admin(app, None), _signed_in_admin(app, locale)
    # Something in the log: an approval and a rejection with a reason from the list.
    other = make_entry(app, name="Cy Chen", city="Espoo", slug="cy")
    assert act(english, other, "reject", reason_choice="spam").status_code == 303
    people_wrote = [*PEOPLE.values(), "Bo Berg", "Mia Mayor", "Cy Chen", "Mayor", "espoo"]
    people_wrote += ["Now with new words.", "Old words.", "admin@city.example"]
    people_wrote += ["mod@city.example", "espoo@city.example", "fi", "en", "FI", "casino", "bo"]
    people_wrote += ["/e/ana-lima", "cy"]
    problems = {}
    for path in _staff_pages(busy_campaign):
        english_page = english.get(path)
        translated_page = translated.get(path)
        assert english_page.status_code == translated_page.status_code == 200, path
        html = translated_page.get_data(as_text=True)
        expected_direction = "rtl" if locale == "ar" else "ltr"
        assert page_language(html) == (locale, expected_direction), path
        assert 'class="lang-switch"' in html, path
        english_html = english_page.get_data(as_text=True)
        leftovers = left_in_english(english_html, html, people_wrote, locale)
        if leftovers:
            problems[path] = leftovers
    assert not problems, f"English left on {locale} staff pages: {problems}"


def test_the_log_shows_a_listed_reason_in_the_readers_language_and_keeps_it_in_english(
    app, busy_campaign
):
    french = _signed_in_admin(app, "fr")
    assert act(french, busy_campaign["flagged"], "reject", reason_choice="spam").status_code == 303
    from campaign.models import ModerationEvent

    with app.app_context():
        reasons = db.session.scalars(db.select(ModerationEvent.reason)).all()
    # Stored as the list's English label: the same log reads in every language, and the
    # erasure of an entry keeps listed reasons (campaign/privacy/retention.py).
    assert "Spam or advertising" in reasons
    french_log = french.get("/moderate/audit").get_data(as_text=True)
    assert "Spam ou publicité" in french_log
    assert "Spam or advertising" not in french_log
    english_log = _signed_in_admin(app, "en").get("/moderate/audit").get_data(as_text=True)
    assert "Spam or advertising" in english_log


@pytest.mark.parametrize(
    ("locale", "approved"),
    [
        ("fr", "Ana Lima\u00a0: approuvée."),
        ("ar", "Ana Lima: تمت الموافقة."),
        ("zh", "Ana Lima：已批准。"),
    ],
)
def test_what_a_moderator_is_told_after_acting_is_in_their_language(
    app, busy_campaign, locale, approved
):
    client = _signed_in_admin(app, locale)
    response = act(client, busy_campaign["flagged"], "approve")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert approved in page


def test_the_sign_in_page_and_its_messages_follow_the_browser(app, client):
    client.set_cookie("lang", "ar", domain="campaign.test")
    page = client.get("/moderate/login").get_data(as_text=True)
    assert page_language(page) == ("ar", "rtl")
    redirected = client.get("/moderate", follow_redirects=True).get_data(as_text=True)
    assert "Please sign in to moderate." not in redirected
    spanish = client.application.test_client()
    spanish.set_cookie("lang", "es", domain="campaign.test")
    page = spanish.get("/moderate/login").get_data(as_text=True)
    assert page_language(page) == ("es", "ltr")
    assert "Contraseña" in page


@pytest.mark.parametrize("locale", ["en", *LOCALES])
def test_automatic_flags_are_explained_in_the_readers_language(app, locale):
    from campaign.moderation.labels import flag_detail

    headers = {"Accept-Language": locale}
    with app.test_request_context(headers=headers):
        shown = {kind: flag_detail(kind, detail) for kind, detail in STORED_FLAG_DETAILS.items()}
        # A detail stored in a form this code does not know is shown as stored, not lost.
        unknown = flag_detail(FlagKind.BLOCKLIST, "found by an older version")
    assert "casino" in shown[FlagKind.BLOCKLIST]
    assert "bo" in shown[FlagKind.DUPLICATE_PHOTO]
    assert "5" in shown[FlagKind.IP_BURST]
    assert "10" in shown[FlagKind.IP_BURST]
    assert "found by an older version" in unknown
    english = {"Blocklist:", "Same photo as", "entries from one network"}
    stored_words_left = [text for text in shown.values() if any(e in text for e in english)]
    assert not stored_words_left
    if locale == "en":
        assert shown[FlagKind.DUPLICATE_PHOTO] == "Duplicate photo: the same as bo"


# How each language quotes someone's words: French with no-break spaces inside « »,
# Arabic's « » mirrored by the right-to-left page, Chinese with full-width marks.
QUOTES = {
    "en": ("\u201c", "\u201d"),
    "fr": ("«\u00a0", "\u00a0»"),
    "es": ("«", "»"),
    "ar": ("«", "»"),
    "zh": ("\u201c", "\u201d"),
}


@pytest.mark.parametrize("locale", sorted(QUOTES))
def test_edits_and_reports_are_quoted_as_the_readers_language_quotes(app, busy_campaign, locale):
    entry_id = busy_campaign["reported"]
    with app.app_context():
        db.session.add(
            Report(
                entry_id=entry_id,
                reason=ReportReason.OTHER,
                note='<b>fake</b> "news"',
                reporter_hash="r2",
            )
        )
        db.session.commit()
    opening, closing = QUOTES[locale]
    client = _signed_in_admin(app, locale)
    for path in (f"/moderate/entries/{entry_id}", "/moderate?status=all"):
        html = client.get(path).get_data(as_text=True)
        # The statement keeps its own language inside the reader's marks.
        assert f'{opening}<bdi lang="en">Old words.</bdi>{closing}' in html, path
        assert f'{opening}<bdi lang="en">Now with new words.</bdi>{closing}' in html, path
        # A visitor's note is shown as typed, never as markup.
        note = "&lt;b&gt;fake&lt;/b&gt; &#34;news&#34;"
        assert f"{opening}<bdi>{note}</bdi>{closing}" in html, path
        assert "<b>fake</b>" not in html
        other_marks = {mark for pair in QUOTES.values() for mark in pair} - {opening, closing}
        assert not any(f"{mark}<bdi" in html for mark in other_marks), path


@pytest.mark.parametrize(
    ("locale", "said"), [("en", "Bo Berg, Espoo: "), ("ar", "Bo Berg، Espoo: ")]
)
def test_the_report_page_names_who_wrote_the_words_it_quotes(app, locale, said):
    make_entry(app, EntryStatus.APPROVED, name="Bo Berg", city="Espoo", slug="bo")
    client = app.test_client()
    client.set_cookie("lang", locale, domain="campaign.test")
    html = client.get("/e/bo/report").get_data(as_text=True)
    text = re.sub(r"<[^>]+>", "", html)
    opening, closing = QUOTES[locale]
    assert f"{said}{opening}" in text
    assert "<bdi>Bo Berg</bdi>" in html
    assert f'{opening}<bdi lang="en">' in html
    assert f"</bdi>{closing}" in html
