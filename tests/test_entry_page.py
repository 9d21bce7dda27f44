"""The public entry page: hidden while pending, and a rich link preview once public."""

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from campaign.models import Entry, EntryKind, EntryStatus
from tests.factories import make_entry, manage_token, submit
from tests.pages import Page


def test_pending_entry_is_hidden_from_everyone_but_its_submitter(app, client, db):
    submit(client)
    slug = db.session.scalars(select(Entry.slug)).one()

    assert client.get(f"/e/{slug}").status_code == 200, "the submitter's browser sees it"
    stranger = app.test_client()
    assert stranger.get(f"/e/{slug}").status_code == 404
    assert slug not in stranger.get("/").get_data(as_text=True)


def test_approved_entry_page_carries_open_graph_and_twitter_card_tags(app, client, db):
    submit(client, name="Karim", city="Tunis", country="TN", statement="every book is a door.")
    entry = db.session.scalars(select(Entry)).one()
    entry.status = EntryStatus.APPROVED
    db.session.commit()

    visitor = app.test_client()
    page = visitor.get(f"/e/{entry.slug}")
    assert page.status_code == 200
    meta = Page(page.get_data(as_text=True)).meta
    assert meta["og:url"] == f"http://campaign.test/e/{entry.slug}"
    assert meta["og:image"].startswith("http://campaign.test/media/cards/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"
    assert "every book is a door." in meta["og:description"]
    assert "Karim" in meta["og:title"]
    with visitor.get(urlsplit(meta["og:image"]).path) as image:
        assert image.status_code == 200
        assert image.mimetype == "image/jpeg"
    assert slug_in_home(visitor, entry.slug)


def slug_in_home(client, slug):
    return f"/e/{slug}" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("settings", [{"MODERATION": "post"}])
def test_post_moderation_publishes_at_once_with_working_share_links(app, client, db):
    response = submit(client, language="ar", statement="التعلم نور 2024 مع Python")
    token = manage_token(response)
    entry = db.session.scalars(select(Entry)).one()
    assert entry.status is EntryStatus.APPROVED
    assert entry.published_at is not None

    html = client.get(f"/m/{token}").get_data(as_text=True)
    links = [a["href"] for a in Page(html).anchors if a.get("href", "").startswith("https://")]
    public_url = f"http://campaign.test/e/{entry.slug}"

    linkedin = next(link for link in links if "linkedin.com" in link)
    assert parse_qs(urlsplit(linkedin).query) == {"url": [public_url]}

    x = next(link for link in links if "twitter.com/intent/tweet" in link)
    x_query = parse_qs(urlsplit(x).query)
    assert x_query["url"] == [public_url]
    assert x_query["hashtags"] == ["انا_اتعلم_مدى_الحياة"]
    assert "التعلم نور 2024 مع Python" in x_query["text"][0]

    facebook = next(link for link in links if "facebook.com/sharer" in link)
    fb_query = parse_qs(urlsplit(facebook).query)
    assert fb_query == {"u": [public_url], "hashtag": ["#انا_اتعلم_مدى_الحياة"]}

    assert app.test_client().get(f"/e/{entry.slug}").status_code == 200


def test_unknown_slug_and_token_are_not_found(client):
    assert client.get("/e/doesnotexist").status_code == 404
    assert client.get("/m/not-a-real-token").status_code == 404


@pytest.mark.parametrize(
    ("locale", "place"),
    [
        ("fr", "<bdi>Osaka</bdi>, Japon"),
        ("ar", "<bdi>Osaka</bdi>، اليابان"),
        ("zh", "<bdi>Osaka</bdi>，日本"),
    ],
)
def test_entry_page_names_the_country_in_the_page_language_with_its_separator(app, locale, place):
    make_entry(app, EntryStatus.APPROVED, slug="osaka", city="Osaka", country_code="JP")
    html = app.test_client().get("/e/osaka", headers={"Accept-Language": locale}).text

    # The place line carries the page's language and direction even inside an English quote.
    direction = "rtl" if locale == "ar" else "ltr"
    assert f'<span class="place" lang="{locale}" dir="{direction}">{place}</span>' in html
    # The page itself; its link preview's title speaks the entry's own language (English).
    assert "Japan" not in html.split("<main", 1)[1]


@pytest.mark.parametrize(
    ("language", "signature"),
    [
        ("en", "<cite>Sanna Virta</cite>, Mayor of Espoo ·"),
        ("ar", "<cite>Sanna Virta</cite>، رئيسة بلدية إسبو ·"),
        ("zh", "<cite>Sanna Virta</cite>，埃斯波市长 ·"),
    ],
)
def test_an_officials_title_follows_their_name_as_their_statements_language_joins_them(
    app, language, signature
):
    make_entry(
        app,
        EntryStatus.APPROVED,
        slug="mayor",
        kind=EntryKind.OFFICIAL,
        name="Sanna Virta",
        title={"en": "Mayor of Espoo", "ar": "رئيسة بلدية إسبو", "zh": "埃斯波市长"}[language],
        language=language,
    )
    html = " ".join(app.test_client().get("/e/mayor").text.split())
    assert signature in html
