"""Link previews for every campaign URL: Open Graph and Twitter Card tags in the page's
language, a campaign image drawn by the card engine, the inviter's card for an invitation;
and the icons and web app manifest."""

import io
import json
import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlalchemy import select

from campaign.models import Entry
from tests.factories import manage_token, submit

OG = {"en": "en_US", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR", "zh": "zh_CN"}


def meta(html: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)


def fetched_image(client, url: str) -> Image.Image:
    parts = urlsplit(url)
    with client.get(f"{parts.path}?{parts.query}") as response:
        assert response.status_code == 200, url
        image = Image.open(io.BytesIO(response.get_data()))
    image.load()
    return image


@pytest.mark.parametrize("path", ["/", "/join", "/wall", "/officials"])
@pytest.mark.parametrize("lang", list(OG))
def test_campaign_pages_have_link_previews_in_their_language(app, client, path, lang):
    client.set_cookie("lang", lang, domain="campaign.test")
    html = client.get(path).get_data(as_text=True)
    [title] = meta(html, "og:title")
    assert "#ImALifelongLearner" in title
    assert meta(html, "og:description")[0]
    assert meta(html, "og:url")[0].startswith("http")
    assert meta(html, "og:locale") == [OG[lang]]
    assert sorted(meta(html, "og:locale:alternate")) == sorted(
        v for k, v in OG.items() if k != lang
    )
    assert meta(html, "twitter:card") == ["summary_large_image"]
    [image] = meta(html, "og:image")
    assert image.startswith("http")
    assert f"/campaign/{lang}.jpg?v=" in image
    assert meta(html, "twitter:image") == [image]
    card = fetched_image(client, image)
    assert (card.format, card.size) == ("JPEG", (1200, 630))


def test_the_campaign_image_is_drawn_per_language_and_a_page_view_stores_nothing(client, uploads):
    client.set_cookie("lang", "ar", domain="campaign.test")
    arabic = meta(client.get("/").get_data(as_text=True), "og:image")[0]
    client.set_cookie("lang", "zh", domain="campaign.test")
    chinese = meta(client.get("/wall").get_data(as_text=True), "og:image")[0]
    assert arabic != chinese
    assert meta(client.get("/officials").get_data(as_text=True), "og:image") == [chinese]
    assert fetched_image(client, arabic).tobytes() != fetched_image(client, chinese).tobytes()
    assert [path for path in uploads.rglob("*") if path.is_file()] == []
    assert client.get("/campaign/xx.jpg").status_code == 404


def test_an_invitation_link_previews_the_inviters_card_and_name(app, client, db):
    app.config["MODERATION"] = "post"
    token = manage_token(submit(client, name="Aino"))
    share = client.get(f"/m/{token}").get_data(as_text=True)
    slug = re.search(r"/e/([\w-]+)", share).group(1)
    landscape = re.search(r'src="(/media/cards/[\w-]*landscape[\w-]*\.jpg)"', share).group(1)

    html = client.get(f"/join?via={slug}").get_data(as_text=True)
    assert meta(html, "og:title") == ["Aino invited you to join #ImALifelongLearner"]
    [image] = meta(html, "og:image")
    assert image.endswith(landscape)
    assert meta(html, "og:url")[0].endswith(f"/join?via={slug}")
    assert "Aino invited you to join" in html.split("<main", 1)[1]

    stranger = client.get("/join?via=nobody-here").get_data(as_text=True)
    assert "/campaign/en.jpg" in meta(stranger, "og:image")[0]
    assert "invited you" not in stranger


def test_a_pending_entrys_invitation_previews_the_campaign_not_the_card(client, db):
    submit(client, name="Aino")  # pre-moderation: not public
    slug = db.session.scalars(select(Entry.slug)).one()
    html = client.get(f"/join?via={slug}").get_data(as_text=True)
    assert "invited you" not in html
    assert "/campaign/en.jpg" in meta(html, "og:image")[0]


def served(client, href: str) -> bytes:
    """A static file's bytes, the response closed (it holds the file open)."""
    with client.get(href) as response:
        assert response.status_code == 200, href
        return response.get_data()


def test_icons_and_the_web_app_manifest_are_linked_and_served(client):
    html = client.get("/").get_data(as_text=True)
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', html))
    assert set(links) == {"icon", "apple-touch-icon", "manifest"}
    for href in links.values():
        served(client, href)
    manifest = json.loads(served(client, links["manifest"]))
    assert manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        served(client, icon["src"])
    touch = Image.open(io.BytesIO(served(client, links["apple-touch-icon"])))
    assert touch.size == (180, 180)


@pytest.mark.parametrize(
    ("language", "country", "title"),
    [
        ("en", "FI", "Aino Virtanen, Espoo, Finland · #ImALifelongLearner"),
        ("fr", "FI", "Aino Virtanen, Espoo, Finlande · #JApprendsToutAuLongDeLaVie"),
        ("ar", "EG", "Aino Virtanen، Espoo، مصر · #انا_اتعلم_مدى_الحياة"),
        ("zh", "CN", "Aino Virtanen，Espoo，中国 · #我是一名终身学习者"),
    ],
)
def test_an_entrys_link_preview_names_the_person_their_place_and_hashtag_in_its_language(
    app, client, db, language, country, title
):
    # Read where the link is shared: the country in the entry's language, whatever the
    # language of whoever opens the page; the hashtag as networks link it.
    app.config["MODERATION"] = "post"
    token = manage_token(
        submit(client, name="Aino Virtanen", language=language, country=country, city="Espoo")
    )
    share = client.get(f"/m/{token}").get_data(as_text=True)
    slug = re.search(r"/e/([\w-]+)", share).group(1)
    visitor = app.test_client()
    visitor.set_cookie("lang", "es", domain="campaign.test")
    html = visitor.get(f"/e/{slug}").get_data(as_text=True)
    assert [unescape(value) for value in meta(html, "og:title")] == [title]
