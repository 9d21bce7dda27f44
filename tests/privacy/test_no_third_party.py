"""No third party sees a visitor: every page's resources come from this site.

Every GET route of the URL map is loaded (public pages as a visitor, staff pages as an
admin, in English and in Arabic); every resource the browser would fetch from it (scripts,
stylesheets, images, icons, frames, form targets, CSS url()/@import, ES module imports and
the Content-Security-Policy's sources) must be on this site's origin or an inline data/blob.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from sqlalchemy import select
from werkzeug.routing import AnyConverter

from campaign.extensions import db
from campaign.models import Entry
from tests.factories import join, make_invitation

ORIGIN = "http://campaign.test"
RESOURCE_ATTRIBUTES = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "form": ["action"],
    "input": ["src"],
    "image": ["href"],
    "use": ["href"],
}
# <link rel=...> the browser fetches (alternate feeds and canonical links are not fetched).
FETCHED_LINKS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "manifest",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "mask-icon",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
JS_IMPORT = re.compile(r"""(?:import|from)\s*\(?\s*['"]([^'"]+)['"]|fetch\(\s*['"]([^'"]+)['"]""")
CSP_FETCH_DIRECTIVES = {
    "default-src",
    "script-src",
    "style-src",
    "img-src",
    "font-src",
    "connect-src",
    "media-src",
    "frame-src",
    "worker-src",
    "manifest-src",
    "object-src",
    "form-action",
}


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in RESOURCE_ATTRIBUTES.get(tag, []):
            value = attributes.get(name)
            if value and name == "srcset":
                self.urls += [part.strip().split(" ")[0] for part in value.split(",")]
            elif value:
                self.urls.append(value)
        if tag == "link" and set((attributes.get("rel") or "").lower().split()) & FETCHED_LINKS:
            self.urls.append(attributes.get("href") or "")
        if attributes.get("style"):
            self.styles.append(attributes["style"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in_style = False


def third_party(urls: list[str], base: str) -> list[str]:
    """The URLs among these that leave this site's origin."""
    foreign = []
    for url in urls:
        parts = urlsplit(urljoin(base, url.strip()))
        if parts.scheme in {"data", "blob"}:
            continue
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            foreign.append(url)
    return foreign


def page_resources(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    from_styles = [a or b for style in parser.styles for a, b in CSS_URL.findall(style)]
    return parser.urls + from_styles


def test_the_check_catches_what_it_is_for():
    html = """<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Noto">
      <link rel="alternate" href="https://example.org/feed"><a href="https://x.com/intent">x</a>
      <script src="//cdn.example.net/a.js"></script>
      <img srcset="/a.jpg 1x, https://t.example/p.gif 2x">
      <div style="background:url('https://img.example/b.png')"></div>
      <form action="https://collect.example/"></form><script src="/static/js/site.js"></script>"""
    assert sorted(third_party(page_resources(html), ORIGIN + "/")) == [
        "//cdn.example.net/a.js",
        "https://collect.example/",
        "https://fonts.googleapis.com/css2?family=Noto",
        "https://img.example/b.png",
        "https://t.example/p.gif",
    ]


def _values(app, client) -> dict:
    slug, token = join(client)
    with app.app_context():
        entry = db.session.scalars(select(Entry).where(Entry.slug == slug)).one()
        entry_id, key = entry.id, entry.card_keys["landscape"]
    return {
        "token": token,
        "slug": slug,
        "fmt": "landscape",
        "key": key,
        "entry_id": entry_id,
        "filename": "css/site.css",
        "code": "ar",
        "invitation_id": 1,
        "city_id": 1,
        "user_id": 1,
        "network": "linkedin",
    }


def _urls(app, values: dict) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()):
            continue
        url = rule.rule
        for argument in rule.arguments:
            converter = rule._converters[argument]
            value = values.get(argument)
            if value is None and isinstance(converter, AnyConverter):
                value = re.sub(r"\\(.)", r"\1", converter.regex.removeprefix("(?:").split("|")[0])
            url = re.sub(rf"<(?:[^<>]+:)?{argument}>", str(value or "1"), url)
        urls.append(url)
    return sorted(set(urls))


def test_no_page_loads_anything_from_another_origin(app, client, admin):
    values = _values(app, client)
    values["token_invite"] = make_invitation(app)
    checked, assets = 0, set()
    for language in ("en", "ar"):
        for browser in (client, admin):
            browser.set_cookie("lang", language, domain="campaign.test")
            for url in _urls(app, values) + [f"/invite/{values['token_invite']}"]:
                response = browser.get(url)
                body = response.get_data()
                response.close()
                policy = response.headers.get("Content-Security-Policy", "")
                for directive in policy.split(";"):
                    name, *sources = directive.split()
                    if name in CSP_FETCH_DIRECTIVES:
                        allowed = {"'self'", "'none'", "data:", "blob:"}
                        assert set(sources) <= allowed, f"{url}: {directive}"
                if response.mimetype != "text/html":
                    continue
                resources = page_resources(body.decode())
                assert third_party(resources, ORIGIN + url) == [], url
                assets.update(
                    r
                    for r in resources
                    if r.startswith("/static/") and r.split("?")[0].endswith((".css", ".js"))
                )
                checked += 1
    assert checked > 40
    # The stylesheets and scripts those pages load fetch nothing from elsewhere either.
    for asset in sorted(assets):
        response = client.get(asset)
        body = response.get_data(as_text=True)
        response.close()
        found = CSS_URL.findall(body) if asset.endswith(".css") else JS_IMPORT.findall(body)
        urls = [a or b for a, b in found]
        assert third_party(urls, ORIGIN + asset) == [], asset
    assert any(asset.endswith(".css") for asset in assets)
    assert any(asset.endswith(".js") for asset in assets)
