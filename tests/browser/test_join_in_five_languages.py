"""A learner joins through the real pages, with a photo file, in each of the five languages."""

import json
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from campaign.languages import LANGUAGES
from tests.browser.helpers import DESKTOP, PHONE, screenshot
from tests.factories import photo_bytes
from tests.i18n.catalogues import translate

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Learner:
    language: str
    name: str
    city: str
    country: str
    statement: str
    viewport: dict


LEARNERS = [
    Learner("en", "Aino Walker", "Espoo", "FI", "every day teaches me something new.", DESKTOP),
    Learner("fr", "Amélie Moreau", "Lyon", "FR", "chaque jour m'apprend quelque chose.", PHONE),
    Learner("es", "Lucía Restrepo", "Medellín", "CO", "cada día aprendo algo nuevo.", DESKTOP),
    Learner("ar", "ليلى منصور", "أسوان", "EG", "كل يوم يعلمني شيئًا جديدًا.", PHONE),
    Learner("zh", "李华明", "杭州", "CN", "每天都让我学到新东西。", DESKTOP),
]


@pytest.mark.parametrize("learner", LEARNERS, ids=[learner.language for learner in LEARNERS])
def test_a_learner_joins_with_a_file(open_page, live_server, tmp_path, learner):
    code = learner.language
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes(1200, 900))

    # The language is chosen with the switcher, from a browser that prefers English.
    page = open_page("/", viewport=learner.viewport)
    page.locator(".lang-switch summary").click()
    page.locator(f'.lang-switch a[hreflang="{code}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("html")).to_have_attribute("dir", LANGUAGES[code].direction)
    page.locator(".nav-cta").click()
    expect(page.locator("h1")).to_have_text(translate(code, "Join the campaign"))
    # Type once the page is ready (its modules ran): the h1 shows while they still load.
    page.wait_for_load_state("load")

    # Every control is found by its translated label.
    page.get_by_label(translate(code, "Your first name or display name")).fill(learner.name)
    # The city field may be a combobox with suggestions: the input is the one to type in.
    city = page.get_by_label(translate(code, "Your learning city"))
    city.and_(page.locator('input[name="city"]')).fill(learner.city)
    page.get_by_label(translate(code, "Country"), exact=True).select_option(learner.country)
    page.get_by_label(translate(code, "Language of your statement")).select_option(code)
    page.get_by_label(translate(code, "I’m a lifelong learner because…")).fill(learner.statement)
    page.set_input_files('input[name="photo"]', str(photo))
    page.get_by_label(
        translate(
            code,
            "I agree that my photo and statement are published on the campaign wall "
            "and may be shared.",
        )
    ).check()
    # The age is confirmed by the button, in the page's language, right above it.
    age = translate(
        code,
        "I am %(age)d or older, or I am a parent or teacher sending this for a younger "
        "learner with their agreement.",
    ) % {"age": 16}
    button = page.get_by_role("button", name=translate(code, "Make my card"))
    expect(button).to_have_accessible_description(
        translate(code, "By making my card I confirm: %(statement)s") % {"statement": age}
    )

    # The live preview speaks the statement's language.
    preview = page.locator("[data-preview]")
    expect(preview).to_be_visible()
    expect(page.locator("[data-hashtag]")).to_have_text(LANGUAGES[code].hashtag)
    figure = preview.locator("[data-preview-card]")
    expect(figure).to_have_attribute("data-language", code)
    expect(figure).not_to_have_attribute("data-pending", "true")
    lines = json.loads(figure.get_attribute("data-lines"))
    assert "".join(lines["statement"]).replace(" ", "") == learner.statement.replace(" ", "")
    expect(page.locator('textarea[name="statement"]')).to_have_attribute("lang", code)
    screenshot(page, f"join-{code}-{learner.viewport['width']}px")

    expect(page.locator('input[name="city"]')).to_have_value(learner.city)
    button.click()
    # The first card of a fresh process also loads the face detector and the fallback fonts.
    page.wait_for_url("**/m/*", timeout=90_000)
    expect(page.locator("h1")).to_have_text(translate(code, "Your card is ready"))
    card = page.locator(".card-figure img")
    expect(card).to_be_visible()
    assert card.evaluate("image => image.complete && image.naturalWidth") == 1200
    screenshot(page, f"share-{code}-{learner.viewport['width']}px")

    entry = live_server.entry(name=learner.name)
    assert (entry.language, entry.statement, entry.city) == (code, learner.statement, learner.city)
    assert entry.country_code == learner.country
