"""The staff pages are written in English only, and each says so as a whole: a moderator
whose browser or cookie asks for French gets an English page named English, not English
content under a French page's name, header and footer."""

import re

import pytest

from tests.factories import make_edition

STAFF_PAGES = ["/moderate", "/moderate/audit", "/moderate/users", "/moderate/editions"]


def page_language(html: str) -> tuple[str, str]:
    return re.search(r'<html lang="(\w+)" dir="(\w+)"', html).groups()


@pytest.mark.parametrize("asked", ["fr", "ar", "zh"])
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_a_staff_page_is_english_as_a_whole(app, admin, path, asked):
    make_edition(app, "espoo")
    admin.set_cookie("lang", asked, domain="campaign.test")
    response = admin.get(path, headers={"Accept-Language": asked})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert page_language(html) == ("en", "ltr")
    assert 'class="lang-switch"' not in html, "a switcher that could not change the page"
    # The header speaks English too.
    assert "Skip to content" in html
    assert ">Wall</a>" in html


def test_the_sign_in_page_is_english_and_public_pages_keep_the_visitors_language(app, client):
    client.set_cookie("lang", "ar", domain="campaign.test")
    assert page_language(client.get("/moderate/login").get_data(as_text=True)) == ("en", "ltr")
    wall = client.get("/wall").get_data(as_text=True)
    assert page_language(wall) == ("ar", "rtl")
    assert 'class="lang-switch"' in wall
