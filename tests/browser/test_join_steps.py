"""How many actions a person on a phone takes from the home page to a rendered card, in each
of the five languages. The count is written in docs/features.md beside the join flow; the
issue's target is at most 7 (not met yet: see the docs)."""

import pytest
from playwright.sync_api import expect

from campaign.languages import LANGUAGES
from tests.factories import photo_bytes

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
DOCUMENTED_ACTIONS = 9  # docs/features.md, "Steps from the home page to a card"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_phone_reaches_its_card_in_the_documented_number_of_actions(open_page, tmp_path, lang):
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    page = open_page("/", lang=lang, viewport=PHONE_390, accept_language=lang)
    actions = []

    def act(what, do):
        actions.append(what)
        do()

    act("tap Join", lambda: page.locator(".hero .button-primary").click())
    page.wait_for_url("**/join")
    # The file chooser (or the camera) counts as one action, whatever happens inside it.
    act("choose a photo", lambda: page.set_input_files('input[name="photo"]', str(photo)))
    act("type a name", lambda: page.locator('input[name="name"]').fill("Step Counter"))
    act("type a city", lambda: page.locator('input[name="city"]').fill("Espoo"))
    act("choose a country", lambda: page.locator('select[name="country"]').select_option("FI"))
    # The statement's language is already the page's: nothing to choose.
    expect(page.locator('select[name="language"]')).to_have_value(lang)
    act("type the statement", lambda: page.locator('textarea[name="statement"]').fill("ok!"))
    act("consent to publication", lambda: page.locator('input[name="consent"]').check())
    act("confirm age", lambda: page.locator('input[name="age"]').check())
    act("make my card", lambda: page.locator("[data-submit]").click())
    page.wait_for_url("**/m/*")
    expect(page.locator(".card-figure img")).to_be_visible()
    assert len(actions) == DOCUMENTED_ACTIONS, actions
