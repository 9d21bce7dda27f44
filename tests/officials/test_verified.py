"""The verified badge belongs to statements sent through a genuine invitation, and only them;
an official's long statement fits every card as an excerpt, and shows whole on its page."""

import pytest

from campaign.cards import FORMATS, Branding
from campaign.cards.breaking import ELLIPSIS
from campaign.cards.layout import layout_card
from campaign.cards.samples import OFFICIAL_TITLES, statement_of_length
from campaign.extensions import db as _db
from campaign.models import Entry, EntryKind
from campaign.submissions.service import card_content
from tests.cards.test_card_layout import assert_inside_panel
from tests.factories import join_data, make_invitation, manage_token, send_statement, unsaved_entry

LANGUAGES = ["en", "fr", "es", "ar", "zh"]


def only_entry(app) -> Entry:
    with app.app_context():
        [entry] = _db.session.scalars(_db.select(Entry)).all()
        _db.session.expunge(entry)
        return entry


def test_a_learner_cannot_claim_to_be_an_official(app, client):
    data = join_data(client, kind="official", title="Mayor of Espoo", verified="1")
    response = client.post("/join", data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    entry = only_entry(app)
    assert entry.kind is EntryKind.LEARNER
    assert entry.title is None
    page = client.get(f"/e/{entry.slug}").get_data(as_text=True)
    assert "badge-verified" not in page
    with app.app_context():
        content = card_content(_db.session.get(Entry, entry.id))
        assert content.verified is False
        assert layout_card(content, FORMATS["landscape"], Branding()).badge is None


def test_an_invited_officials_page_shows_the_badge_title_and_whole_statement(app, client):
    token = make_invitation(app, pre_approved=True)
    paragraphs = ["Learning is how a city keeps its promises."] + [
        f"Paragraph {n}: our libraries, schools and parks are open to every age." for n in range(18)
    ]
    statement = "\n".join(paragraphs)
    assert 1000 < len(statement) <= 1500
    assert send_statement(client, token, statement=statement).status_code == 303
    entry = only_entry(app)
    html = app.test_client().get(f"/e/{entry.slug}").get_data(as_text=True)
    assert '<span class="badge-verified">Verified</span>' in html
    assert "Mayor of Espoo" in html
    for paragraph in paragraphs:
        assert f"<p>{paragraph}</p>" in html
    with app.app_context():
        content = card_content(_db.session.get(Entry, entry.id))
    assert content.verified is True
    assert content.title == "Mayor of Espoo"


def test_an_invited_officials_card_has_the_badge_and_an_excerpt(app, client, uploads):
    token = make_invitation(app)
    response = send_statement(client, token, statement=statement_of_length("en", 1500))
    assert response.status_code == 303
    assert client.get(f"/m/{manage_token(response)}").status_code == 200
    with app.app_context():
        entry = _db.session.scalars(_db.select(Entry)).one()
        content = card_content(entry)
        assert set(entry.card_keys) >= {"landscape", "square", "story"}
    for fmt in FORMATS.values():
        card = layout_card(content, fmt, Branding())
        assert card.badge is not None
        statement = card.text("statement").block
        assert statement.excerpt
        assert_inside_panel(card)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_officials_longest_statement_fits_every_card_in_every_language(language, fmt):
    # What the invitation form allows at most: 1,500 characters, in paragraphs.
    text = statement_of_length(language, 1480)
    statement = text[:500] + "\n" + text[500:1000] + "\n" + text[1000:]
    content = card_content(
        unsaved_entry(
            kind=EntryKind.OFFICIAL,
            name="Jukka Mäkelä",
            title=OFFICIAL_TITLES[language],
            city="Espoo",
            country_code="FI",
            language=language,
            statement=statement,
        )
    )
    card = layout_card(content, FORMATS[fmt], Branding())
    assert card.badge is not None
    block = card.text("statement").block
    assert block.excerpt
    drawn = "".join(piece.text for piece in block.lines[-1].pieces)
    assert ELLIPSIS in drawn
    assert_inside_panel(card)
