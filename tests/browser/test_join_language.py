"""The statement's language on the join page: the site's language first, and a suggestion to
switch when the statement is written in another of the campaign's scripts."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, screenshot
from tests.i18n.catalogues import translate

pytestmark = pytest.mark.browser


def test_the_statement_language_is_the_sites_and_an_arabic_statement_offers_arabic(open_page):
    page = open_page("/join", lang="fr", viewport=PHONE, accept_language="en-US")
    language = page.locator('select[name="language"]')
    expect(language).to_have_value("fr")
    hint = page.locator("[data-script-hint]")
    statement = page.locator('textarea[name="statement"]')
    statement.fill("j'apprends chaque jour")
    expect(hint).to_be_hidden()

    statement.fill("التعلم يفتح لي أبوابا جديدة كل يوم")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("العربية")
    screenshot(page, "join-script-hint-fr-320")
    hint.get_by_role("button").click()
    expect(language).to_have_value("ar")
    expect(hint).to_be_hidden()


def test_chinese_characters_offer_chinese_and_latin_text_offers_nothing(open_page):
    page = open_page("/join", lang="en", accept_language="en")
    hint = page.locator("[data-script-hint]")
    statement = page.locator('textarea[name="statement"]')
    statement.fill("学习让我每天都有新的发现")
    expect(hint).to_be_visible()
    expect(hint.get_by_role("button")).to_have_text(
        translate("en", "Make my card in {language}").replace("{language}", "中文")
    )
    page.locator('select[name="language"]').select_option("zh")
    expect(hint).to_be_hidden()
    statement.fill("aprendo algo nuevo cada día")
    expect(hint).to_be_hidden()
