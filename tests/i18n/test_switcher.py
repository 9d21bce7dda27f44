"""Choosing the interface language: remembered in a cookie, then the browser's languages."""

import re
from html import unescape

import pytest

from tests.i18n.catalogues import translate

OFFSITE_TARGETS = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    "evil.example",
]


def html_of(response) -> str:
    return response.get_data(as_text=True)


def heading(response) -> str:
    return re.search(r"<h1>(.*?)</h1>", html_of(response), re.S).group(1).strip()


def test_switching_remembers_the_language_and_goes_back(client):
    response = client.get("/lang/fr?next=/join")
    assert response.status_code == 303
    assert response.headers["Location"] == "/join"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=fr;")
    assert "Max-Age=31536000" in cookie
    assert "SameSite=Lax" in cookie

    page = client.get("/join", headers={"Accept-Language": "es"})
    assert heading(page) == "Participer à la campagne"
    assert '<html lang="fr" dir="ltr">' in html_of(page)


def test_switching_by_post_works_too(client, app):
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post("/lang/zh", data={"next": "/join?via=abc"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/join?via=abc"
    assert heading(client.get("/join")) == translate("zh", "Join the campaign")


def test_switching_without_a_target_goes_back_to_the_referring_page(client):
    response = client.get("/lang/es", headers={"Referer": "http://campaign.test/join?x=1"})
    assert response.headers["Location"] == "/join?x=1"


def test_a_referrer_from_another_site_is_not_followed(client):
    response = client.get("/lang/es", headers={"Referer": "https://evil.example/join"})
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", OFFSITE_TARGETS)
def test_switcher_is_no_open_redirect(client, target):
    response = client.get("/lang/ar", query_string={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert response.headers["Set-Cookie"].startswith("lang=ar;")


def test_an_unknown_language_is_not_found_and_sets_nothing(client):
    response = client.get("/lang/de?next=/join")
    assert response.status_code == 404
    assert "Set-Cookie" not in response.headers or "lang=" not in response.headers["Set-Cookie"]


def test_without_a_choice_the_browser_languages_decide(client):
    page = client.get("/", headers={"Accept-Language": "de-DE, es;q=0.8, en;q=0.5"})
    assert '<html lang="es" dir="ltr">' in html_of(page)
    assert heading(page) == translate("es", "I’m a lifelong learner. Are you?")


def test_an_unknown_cookie_value_falls_back_to_the_browser_languages(client):
    client.set_cookie("lang", "xx", domain="campaign.test")
    page = client.get("/", headers={"Accept-Language": "zh-CN"})
    assert '<html lang="zh" dir="ltr">' in html_of(page)


def test_english_when_nothing_matches(client):
    page = client.get("/", headers={"Accept-Language": "de"})
    assert '<html lang="en" dir="ltr">' in html_of(page)
    assert heading(page) == "I’m a lifelong learner. Are you?"


def test_arabic_pages_are_right_to_left(client):
    client.set_cookie("lang", "ar", domain="campaign.test")
    page = client.get("/join")
    assert '<html lang="ar" dir="rtl">' in html_of(page)
    assert heading(page) == translate("ar", "Join the campaign")


@pytest.mark.parametrize("locale", ["en", "fr", "es", "ar", "zh"])
def test_switcher_lists_every_language_and_marks_the_current_one(client, locale):
    client.set_cookie("lang", locale, domain="campaign.test")
    html = html_of(client.get("/join?via=x"))
    links = re.findall(r'<a href="(/lang/(\w+)\?next=[^"]*)" lang="\2" hreflang="\2"[^>]*>', html)
    assert sorted(code for _, code in links) == ["ar", "en", "es", "fr", "zh"]
    assert all("next=/join?via%3Dx" in href for href, _ in links)
    current = re.findall(r'hreflang="(\w+)" dir="\w+" aria-current="true"', html)
    assert current == [locale]


def test_pages_tell_caches_they_vary_by_language(client):
    response = client.get("/")
    assert {"Cookie", "Accept-Language"} <= set(response.vary)


@pytest.mark.parametrize("locale", ["fr", "es", "ar", "zh"])
def test_error_pages_speak_the_visitors_language(client, locale):
    client.set_cookie("lang", locale, domain="campaign.test")
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert heading(response) == translate(locale, "Page not found")
    assert translate(locale, "There is nothing at this address.") in unescape(html_of(response))


def test_form_errors_speak_the_visitors_language(client):
    client.set_cookie("lang", "es", domain="campaign.test")
    html = html_of(client.get("/join"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post("/join", data={"csrf_token": token, "statement": ""})
    assert response.status_code == 422
    page = unescape(html_of(response))
    assert translate("es", "Please write your statement.") in page
    assert translate("es", "Please add a photo of yourself.") in page
