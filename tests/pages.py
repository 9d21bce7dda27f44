"""What a test reads from an HTML page: its meta tags, links, images and cards in order."""

from html.parser import HTMLParser


class Page(HTMLParser):
    """What a test reads from an HTML page: meta tags, links, images, cards."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict] = []  # <link> elements
        self.anchors: list[dict] = []
        self.images: list[dict] = []
        self.cards: list[str] = []  # entry slugs, in page order
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "a":
            self.anchors.append(attrs)
            href = attrs.get("href") or ""
            if "/e/" in href:
                self.cards.append(href.rsplit("/e/", 1)[1])
        elif tag == "img":
            self.images.append(attrs)

    def rel(self, rel: str) -> str | None:
        for anchor in self.anchors:
            if anchor.get("rel") == rel:
                return anchor["href"]
        return None


def page(client, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return Page(response.get_data(as_text=True))
