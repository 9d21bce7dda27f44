"""What visitors, feed readers and other sites get: images, meta tags, feed, embed, stats."""

import csv
import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from PIL import Image

from campaign.models import EntryKind
from tests.pages import page

ATOM = "{http://www.w3.org/2005/Atom}"


def test_cards_have_sized_lazy_images_with_the_statement_as_alt(app, make_entry):
    entry = make_entry(statement="Learning Python at 70.", language="en")
    client = app.test_client()
    wall = page(client, "/wall")
    (img,) = wall.images
    assert (img["width"], img["height"], img["loading"]) == ("480", "252", "lazy")
    assert img["alt"] == "Learning Python at 70."
    with client.get(img["src"]) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/webp"
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=31536000" in response.headers["Cache-Control"]
        with Image.open(io.BytesIO(response.data)) as thumb:
            assert thumb.size == (480, 252), "the attributes match the file: no layout shift"
    assert entry.slug in img["src"] or img["src"].startswith("/media/cards/")


def test_each_card_links_to_the_entry_page_with_absolute_open_graph_tags(app, make_entry):
    entry = make_entry(name="Karim", city="Tunis", country_code="TN", statement="books open doors")
    client = app.test_client()
    link = next(a["href"] for a in page(client, "/wall").anchors if "/e/" in a.get("href", ""))
    assert link == f"http://campaign.test/e/{entry.slug}"
    meta = page(client, urlsplit(link).path).meta
    assert meta["og:url"] == link
    assert meta["og:image"].startswith("http://campaign.test/media/cards/")
    assert meta["twitter:card"] == "summary_large_image"
    assert "books open doors" in meta["og:description"]


def test_wall_page_has_its_own_meta_tags_and_feed_link(app, make_entry):
    make_entry()
    wall = page(app.test_client(), "/wall?country=FI")
    assert wall.meta["og:url"] == "http://campaign.test/wall?country=FI"
    assert wall.meta["og:type"] == "website"
    feeds = [link for link in wall.links if link.get("type") == "application/atom+xml"]
    assert feeds[0]["href"] == "/wall.atom?country=FI"
    canonical = [link for link in wall.links if link.get("rel") == "canonical"]
    assert canonical[0]["href"] == "http://campaign.test/wall?country=FI"


def test_counters_say_how_many_learners_cities_countries_and_languages(app, make_entry):
    make_entry(city="Espoo", country_code="FI", language="en")
    make_entry(city="espoo", country_code="FI", language="fr")
    make_entry(city="Lyon", country_code="FR", language="fr")
    html = " ".join(app.test_client().get("/wall").get_data(as_text=True).split())
    assert "3 learners from 2 cities in 2 countries, in 2 languages" in html


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        ("fr", "3 apprenants de 2 villes dans 2 pays, en 2 langues"),
        ("ar", "3 متعلمين من 2 مدينتين في 2 بلدين، بـ2 لغتين"),
        ("zh", "3 位学习者，来自 2 个城市，分布在 2 个国家/地区，使用 2 种语言"),
    ],
)
def test_the_counters_are_one_sentence_joined_as_each_language_joins_it(
    app, make_entry, locale, sentence
):
    # Arabic joins with its own comma; Chinese with full-width commas and no spaces.
    make_entry(city="Espoo", country_code="FI", language="en")
    make_entry(city="espoo", country_code="FI", language="fr")
    make_entry(city="Lyon", country_code="FR", language="fr")
    client = app.test_client()
    client.set_cookie("lang", locale, domain="campaign.test")
    html = " ".join(client.get("/wall").get_data(as_text=True).split())
    assert sentence in html


def test_empty_wall_invites_people_to_join(app):
    html = app.test_client().get("/wall").get_data(as_text=True)
    assert "Be the first" in html
    assert "0 learners" in html


def test_atom_feed_is_valid_xml_with_public_entries_newest_first(app, make_entry):
    older = make_entry(name="Old & Wise", statement="<b>bold</b> & brave")
    newer = make_entry(
        name="Mayor",
        kind=EntryKind.OFFICIAL,
        featured=True,
        language="ar",
        statement="التعلم مدى الحياة",
    )
    newest = make_entry(name="Newest")
    response = app.test_client().get("/wall.atom")
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(  # noqa: S314 (our own feed, parsed to check it)
        response.data
    )
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://campaign.test/wall.atom"
    entries = root.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert ids == [f"http://campaign.test/e/{e.slug}" for e in (newest, newer, older)]
    first_old = entries[2]
    assert first_old.find(f"{ATOM}title").text == "Old & Wise, Espoo"
    assert first_old.find(f"{ATOM}summary").text == "<b>bold</b> & brave"
    content = first_old.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "&lt;b&gt;bold&lt;/b&gt;" in content.text, "statement stays text inside the HTML"
    assert (
        first_old.find(f"{ATOM}link[@rel='enclosure']")
        .get("href")
        .startswith("http://campaign.test/media/cards/")
    )
    assert (
        entries[1].find(f"{ATOM}summary").get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    )
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text.endswith("+00:00")


def test_feed_takes_the_same_filters(app, make_entry):
    make_entry(country_code="FI")
    kenyan = make_entry(country_code="KE")
    root = ET.fromstring(  # noqa: S314 (our own feed, parsed to check it)
        app.test_client().get("/wall.atom?country=KE").data
    )
    assert [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")] == [
        f"http://campaign.test/e/{kenyan.slug}"
    ]


def test_only_the_embed_can_be_framed(app, make_entry):
    entry = make_entry()
    client = app.test_client()
    embed = client.get("/embed/wall?city=Espoo")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    for url in (
        "/wall",
        "/api/entries",
        "/wall.atom",
        "/stats",
        f"/e/{entry.slug}",
        "/",
        "/wall/slice",
        "/healthz",
    ):
        response = client.get(url)
        assert response.headers["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], url


def test_embed_is_compact_and_opens_links_outside_the_frame(app, make_entry):
    for _ in range(15):
        make_entry()
    embed = page(app.test_client(), "/embed/wall")
    assert len(embed.cards) == 12
    entry_links = [a for a in embed.anchors if "/e/" in a.get("href", "")]
    assert all(a.get("target") == "_blank" and "noopener" in a.get("rel", "") for a in entry_links)
    assert embed.rel("next").startswith("/embed/wall?cursor=")
    assert "site-header" not in app.test_client().get("/embed/wall").get_data(as_text=True)


def test_stats_page_draws_charts_and_exports_csv(app, make_entry):
    make_entry(country_code="FI", language="en")
    make_entry(country_code="FI", language="fr")
    make_entry(country_code="JP", language="zh")
    client = app.test_client()
    html = client.get("/stats").get_data(as_text=True)
    assert html.count("<svg") >= 3
    assert "Finland" in html
    assert "Japan" in html
    assert "中文" in html
    response = client.get("/stats.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert sum(int(row["entries"]) for row in rows) == 3
    assert {(r["date"], r["country"], r["language"]) for r in rows} == {
        ("2026-03-01", "Finland", "en"),
        ("2026-03-01", "Finland", "fr"),
        ("2026-03-01", "Japan", "zh"),
    }


@pytest.mark.parametrize("locale", ["fr", "ar", "zh"])
def test_wall_speaks_the_visitors_language(app, make_entry, locale):
    make_entry(country_code="FI")
    html = (
        app.test_client().get("/wall", headers={"Accept-Language": locale}).get_data(as_text=True)
    )
    place = {"fr": "<bdi>Espoo</bdi>, Finlande", "ar": "<bdi>Espoo</bdi>، فنلندا"}
    place["zh"] = "<bdi>Espoo</bdi>，芬兰"
    assert f'<span class="wall-place">{place[locale]}</span>' in html


def test_healthz_answers_without_the_database(app):
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"


def test_home_page_glimpse_links_to_the_wall(app, make_entry):
    make_entry()
    html = app.test_client().get("/").get_data(as_text=True)
    assert '<p class="glimpse-more"><a href="/wall">' in html


@pytest.mark.parametrize(
    ("locale", "title", "place", "subtitle"),
    [
        (
            "en",
            "Sanna Virta, Espoo (Verified)",
            "Sanna Virta, Mayor · <bdi>Espoo</bdi>, Finland",
            "Who has joined",
        ),
        (
            "ar",
            "Sanna Virta، Espoo (موثَّق)",
            "Sanna Virta، Mayor · <bdi>Espoo</bdi>، فنلندا",
            "من انضموا",
        ),
        (
            "zh",
            "Sanna Virta，Espoo（已认证）",
            "Sanna Virta，Mayor · <bdi>Espoo</bdi>，芬兰",
            "已加入",
        ),
    ],
)
def test_the_feed_is_in_its_readers_language_and_joins_names_as_it_does(
    app, make_entry, locale, title, place, subtitle
):
    make_entry(
        name="Sanna Virta",
        title="Mayor",
        kind=EntryKind.OFFICIAL,
        city="Espoo",
        country_code="FI",
    )
    client = app.test_client()
    client.set_cookie("lang", locale, domain="campaign.test")
    root = ET.fromstring(  # noqa: S314 (our own feed, parsed to check it)
        client.get("/wall.atom").data
    )
    assert root.find(f"{ATOM}subtitle").text.startswith(subtitle)
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == title
    assert place in entry.find(f"{ATOM}content").text
