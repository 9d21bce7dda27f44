"""The share page as its owner sees it, in five languages: on a phone "Share…" is the one
primary action and sits with the card in the first screen; on a desktop the networks' own
buttons lead; the three cards are shown and named by what they are for; under
pre-moderation the page still gives the cards, the way back and says when the card goes public."""

import pytest
import sqlalchemy as sa

from campaign.extensions import db
from campaign.languages import LANGUAGES
from campaign.models import Entry, EntryStatus
from tests.browser.helpers import DESKTOP, screenshot
from tests.factories import manage_token, submit
from tests.i18n.catalogues import translate

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
LANGS = ("en", "fr", "es", "ar", "zh")
STATEMENTS = {
    "en": "every book opens a door I did not know was there.",
    "fr": "chaque livre m'ouvre une porte que je ne voyais pas.",
    "es": "cada libro me abre una puerta que no veía.",
    "ar": "كل كتاب يفتح لي بابًا لم أكن أراه.",
    "zh": "每一本书都为我打开一扇新的门。",
}
# A browser that can share files, as phones (and some desktops) do.
WEB_SHARE = """
navigator.canShare = (data) =>
  !!data && (!data.files || data.files.every((f) => f instanceof File));
navigator.share = async () => {};
"""
LINKEDIN_BLUE = "rgb(10, 102, 194)"


def _join(live_server, lang: str, *, public: bool = True, name: str = "") -> str:
    """A new entry in this language; its private token."""
    client = live_server.app.test_client()
    name = name or f"Share {lang.upper()} {'public' if public else 'waiting'}"
    token = manage_token(submit(client, name=name, language=lang, statement=STATEMENTS[lang]))
    if not public:
        with live_server.app.app_context():
            db.session.execute(
                sa.update(Entry).where(Entry.name == name).values(status=EntryStatus.PENDING)
            )
            db.session.commit()
    return token


def _phone(open_page, path: str, lang: str):
    return open_page(
        path, lang=lang, viewport=PHONE_390, is_mobile=True, has_touch=True, init_script=WEB_SHARE
    )


def _on_first_screen(locator, viewport) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def _background(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_phone_share_is_the_primary_action_beside_the_card(open_page, live_server, lang):
    page = _phone(open_page, f"/m/{_join(live_server, lang)}", lang)
    share = page.get_by_role("button", name=translate(lang, "Share…"))
    share.wait_for(state="visible")
    assert _on_first_screen(share, PHONE_390)
    assert _on_first_screen(page.locator(".card-figure img"), PHONE_390)
    assert "button-primary" in share.get_attribute("class")
    # The networks step back to a row of their marks after it, still named for screen readers.
    linkedin = page.get_by_role(
        "link", name=translate(lang, "Share on %(network)s") % {"network": "LinkedIn"}
    )
    assert linkedin.bounding_box()["y"] > share.bounding_box()["y"]
    assert linkedin.bounding_box()["width"] * 4 < share.bounding_box()["width"]
    assert _background(linkedin) == LINKEDIN_BLUE
    screenshot(page, f"share-{lang}-390")


@pytest.mark.parametrize("lang", LANGS)
def test_on_a_desktop_the_network_buttons_lead(open_page, live_server, lang):
    # Even where the desktop browser could share, its share sheet comes after the networks.
    page = open_page(
        f"/m/{_join(live_server, lang)}", lang=lang, viewport=DESKTOP, init_script=WEB_SHARE
    )
    share = page.locator(".share-native")
    share.wait_for(state="visible")
    assert "button-primary" not in share.get_attribute("class")
    for network in ("LinkedIn", "X / Twitter", "Facebook"):
        name = translate(lang, "Share on %(network)s") % {"network": network}
        button = page.get_by_role("link", name=name)
        assert _on_first_screen(button, DESKTOP), network
        assert button.bounding_box()["y"] < share.bounding_box()["y"]
    assert _background(page.locator("a.share-linkedin")) == LINKEDIN_BLUE
    assert page.locator("a.share-linkedin svg path").count() == 1, "LinkedIn's own mark"
    screenshot(page, f"share-{lang}-desktop")


@pytest.mark.parametrize("lang", LANGS)
def test_the_three_cards_are_shown_and_named_by_what_they_are_for(open_page, live_server, lang):
    page = open_page(f"/m/{_join(live_server, lang)}", lang=lang, viewport=PHONE_390)
    names = (
        translate(lang, "Post — %(size)s") % {"size": "1200×630"},
        translate(lang, "Square for Instagram"),
        translate(lang, "Story"),
    )
    pictures = []
    for name, fmt in zip(names, ("landscape", "square", "story"), strict=True):
        link = page.get_by_role("link", name=name, exact=True)
        assert link.get_attribute("href").endswith(f"/download/{fmt}")
        picture = link.locator("img")
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
        pictures.append(picture.evaluate("img => img.naturalWidth / img.naturalHeight"))
    assert [round(ratio, 2) for ratio in pictures] == [1.9, 1.0, 0.56]
    # The size reads 1200×630 in Arabic too, not 630×1200.
    size = page.get_by_role("link", name=names[0]).locator('[dir="ltr"]')
    assert size.inner_text() == "1200×630"


# How much of each text to copy (the post's text, the invitation's message) is hidden
# below its box, in pixels.
HIDDEN_TEXT = """() => [...document.querySelectorAll('.copy-text textarea[readonly]')]
  .map(area => area.scrollHeight - area.clientHeight)"""
# A browser without CSS field-sizing (Safari, Firefox): the style sheet cannot size the
# boxes, so the page's script has to. Set once the page is parsed, before its scripts run.
WITHOUT_FIELD_SIZING = """
const supports = CSS.supports.bind(CSS);
CSS.supports = (...args) => !String(args[0]).includes("field-sizing") && supports(...args);
document.addEventListener("readystatechange", () => {
  if (document.readyState !== "interactive") return;
  for (const area of document.querySelectorAll("textarea")) {
    area.style.setProperty("field-sizing", "fixed", "important");
  }
});
"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("script", [None, WITHOUT_FIELD_SIZING], ids=["css", "script"])
def test_a_text_to_copy_is_shown_whole_with_its_hashtag_and_link(
    open_page, live_server, lang, script
):
    page = open_page(
        f"/m/{_join(live_server, lang)}", lang=lang, viewport=PHONE_390, init_script=script
    )
    areas = page.locator(".copy-text textarea[readonly]")
    assert areas.count() == 2, "the post's text and the invitation's message"
    if script:
        assert areas.first.evaluate("area => getComputedStyle(area).fieldSizing") == "fixed"
    assert page.evaluate(HIDDEN_TEXT) == [0, 0]
    hashtag = LANGUAGES[lang].hashtag_for_posting
    assert hashtag in areas.first.input_value()
    page.set_viewport_size(DESKTOP)
    assert page.evaluate(HIDDEN_TEXT) == [0, 0]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["390", "desktop"])
def test_while_the_card_waits_for_review_the_page_says_so_and_keeps_the_way_back(
    open_page, live_server, lang, viewport
):
    path = f"/m/{_join(live_server, lang, public=False)}"
    phone = viewport is PHONE_390
    page = _phone(open_page, path, lang) if phone else open_page(path, lang=lang, viewport=viewport)
    status = page.locator(".status-pending").first
    assert translate(lang, "Your card will be public once a moderator has reviewed it.") in (
        status.inner_text()
    )
    assert _on_first_screen(status, viewport)
    # No greyed-out network buttons: the card itself is what to take now, shared as a file
    # on a phone, downloaded on a desktop.
    assert page.locator("a.share-linkedin, .button-disabled").count() == 0
    download = page.get_by_role("link", name=translate(lang, "Download your card to post it"))
    if phone:
        share = page.get_by_role("button", name=translate(lang, "Share…"))
        share.wait_for(state="visible")
        assert _on_first_screen(share, viewport)
        assert "button-primary" in share.get_attribute("class")
        assert download.bounding_box()["y"] > share.bounding_box()["y"]
    else:
        assert _on_first_screen(download, viewport)
        assert "button-primary" in download.get_attribute("class")
    assert page.locator(".download-tiles a[download]").count() == 3
    assert page.locator(".qr-code svg").is_visible()
    hint = "Bookmark this page, or add it to your home screen: it is your way back to your card. "
    hint += "You may also copy the link into a note or an e-mail to yourself."
    assert translate(lang, hint) in page.locator(".bookmark-hint").inner_text()
    screenshot(page, f"share-waiting-{lang}-{'390' if phone else 'desktop'}")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_visitor_on_a_phone_is_asked_to_join_before_sharing(open_page, live_server, lang):
    _join(live_server, lang, name=f"Visited {lang.upper()}")
    entry = live_server.entry(name=f"Visited {lang.upper()}")
    page = _phone(open_page, f"/e/{entry.slug}", lang)
    share = page.get_by_role("button", name=translate(lang, "Share…"))
    share.wait_for(state="visible")
    assert "button-primary" not in share.get_attribute("class")
    filled = page.locator("main .button-primary:visible, main .network:visible")
    assert filled.all_inner_texts() == [translate(lang, "Join the campaign too")]
    screenshot(page, f"entry-visitor-sharing-{lang}-390")
