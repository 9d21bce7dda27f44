"""The home page shows the campaign: its figures, the newest public cards and what mayors said,
public entries only (the micro-cache is tested with the wall's surfaces in test_page_cache)."""

from html.parser import HTMLParser

import pytest

from campaign.models import EntryKind, EntryStatus


class Sections(HTMLParser):
    """The text of the page's hero and of each home strip, by the strip's heading id."""

    def __init__(self):
        super().__init__()
        self.parts, self.stack = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        label = attrs.get("aria-labelledby") if tag == "section" else None
        if tag == "section" and "hero" in (attrs.get("class") or ""):
            label = "hero"
        self.stack.append((tag, label))
        if label:
            self.parts.setdefault(label, "")

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for _tag, label in self.stack:
            if label:
                self.parts[label] += data


def sections(client, **headers) -> dict[str, str]:
    response = client.get("/", headers=headers)
    assert response.status_code == 200
    parser = Sections()
    parser.feed(response.get_data(as_text=True))
    return {key: " ".join(value.split()) for key, value in parser.parts.items()}


def test_home_shows_figures_recent_cards_and_mayors(app, make_entry):
    make_entry(name="Aino Virtanen", city="Espoo", country_code="FI")
    make_entry(name="Kenji Sato", city="Osaka", country_code="JP")
    make_entry(name="Mayor Mia", kind=EntryKind.OFFICIAL, title="Mayor of Espoo", city="espoo")
    make_entry(name="Pending Pia", status=EntryStatus.PENDING, city="Lima", country_code="PE")
    make_entry(name="Rejected Rob", status=EntryStatus.REJECTED, city="Oslo", country_code="NO")

    page = sections(app.test_client())
    assert "3 learners · 2 cities · 2 countries" in page["hero"]
    assert "Aino Virtanen" in page["recent-title"]
    assert "Kenji Sato" in page["recent-title"]
    assert "Mayor Mia" not in page["recent-title"]
    assert "Mayor Mia" in page["officials-title"]
    assert "Verified" in page["officials-title"]
    assert "Mayor of Espoo" in page["officials-title"]
    everything = " ".join(page.values())
    assert "Pending Pia" not in everything
    assert "Rejected Rob" not in everything
    assert 'href="/cities"' in app.test_client().get("/").get_data(as_text=True)


def test_featured_statements_of_officials_come_first(app, make_entry):
    make_entry(name="Featured Fatima", kind=EntryKind.OFFICIAL, featured=True)
    for n in range(3):
        make_entry(name=f"Newer Official {n}", kind=EntryKind.OFFICIAL)
    mayors = sections(app.test_client())["officials-title"]
    assert "Featured Fatima" in mayors
    assert "Newer Official 0" not in mayors  # three shown: the featured one, then the newest


def test_home_without_entries_still_invites(app):
    page = sections(app.test_client())
    assert "0 learners · 0 cities · 0 countries" in page["hero"]
    assert "recent-title" not in page
    assert "officials-title" not in page


@pytest.mark.parametrize(
    ("lang", "figures", "mayors"),
    [
        ("fr", "1 apprenant · 1 ville · 1 pays", "Ce que disent les maires"),
        ("es", "1 aprendiz · 1 ciudad · 1 país", "Lo que dicen los alcaldes"),
        ("ar", "مدينة", "ماذا يقول رؤساء البلديات"),
        ("zh", "1 个国家", "市长们怎么说"),
    ],
)
def test_home_speaks_the_visitors_language(app, make_entry, lang, figures, mayors):
    make_entry(kind=EntryKind.OFFICIAL)
    page = sections(app.test_client(), **{"Accept-Language": lang})
    assert figures in page["hero"], page["hero"]
    assert mayors in " ".join(page.values())
