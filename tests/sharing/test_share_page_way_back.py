"""The share page as a way back and a place to download: the private link as a QR code and
bookmark wording, and downloads named by what they are for."""

import re

import segno

from tests.factories import manage_token, submit


def qr_path(svg: str) -> str:
    return re.search(r'<path[^>]*class="qrline"[^>]* d="([^"]+)"', svg).group(1)


def test_the_private_link_is_offered_as_a_qr_code_and_a_bookmark(client, db):
    token = manage_token(submit(client))
    page = client.get(f"/m/{token}").get_data(as_text=True)
    figure = re.search(r'<figure class="qr-code">(.*?)</figure>', page, re.S).group(1)
    assert "<svg" in figure, "drawn on the server, inline"
    manage_url = re.search(r'id="manage-url" type="text" readonly value="([^"]+)"', page).group(1)
    assert manage_url.endswith(f"/m/{token}")
    # The code's modules are exactly those of the private link (not the public page's).
    expected = segno.make(manage_url, error="m").svg_inline(scale=4, border=4)
    assert qr_path(figure) == qr_path(expected)
    assert "Scan this code with your phone" in figure
    assert "Bookmark this page, or add it to your home screen" in page


def test_the_public_entry_page_has_no_qr_code_of_the_private_link(app, client, db):
    app.config["MODERATION"] = "post"
    token = manage_token(submit(client))
    slug = re.search(r"/e/([\w-]+)", client.get(f"/m/{token}").get_data(as_text=True)).group(1)
    visitor = app.test_client()
    page = visitor.get(f"/e/{slug}").get_data(as_text=True)
    assert "qr-code" not in page
    assert token not in page


def test_downloads_are_named_by_what_they_are_for_and_show_their_card(client, db):
    token = manage_token(submit(client))
    page = client.get(f"/m/{token}").get_data(as_text=True)
    tiles = re.search(r'<ul class="downloads download-tiles">(.*?)</ul>', page, re.S).group(1)
    found = re.findall(rf'href="/m/{token}/download/(\w+)" download>(.*?)</a>', tiles, re.S)
    downloads = {fmt: re.sub(r"<[^>]+>|\s+", " ", label).split() for fmt, label in found}
    assert {fmt: " ".join(words) for fmt, words in downloads.items()} == {
        "landscape": "Post — 1200×630",
        "square": "Square for Instagram",
        "story": "Story",
    }
    # Each download shows its own card, not three copies of the wide one.
    shown = r'/download/(\w+)" download>\s*<span class="tile-image"><img src="([^"]+)"'
    pictures = dict(re.findall(shown, tiles))
    assert all(fmt in pictures[fmt] for fmt in ("landscape", "square", "story")), pictures
    assert len(set(pictures.values())) == 3
