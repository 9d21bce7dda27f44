"""'Tell me when my card is public' in Chromium on a 390 px phone, in English and Arabic: the
field right under "waiting for a moderator", the browser's own check of the address, the
confirmation, and the notice arriving in the entry's language once a moderator approves."""

import email.header

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, screenshot
from tests.factories import act, make_user, manage_token, photo_bytes, sign_in, submit
from tests.mailbox import smtp_settings, start_server

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
SUBJECTS = {
    "en": "Your #ImALifelongLearner card is public",
    "ar": "بطاقتك «انا اتعلم مدى الحياة#» منشورة الآن",
}
STATEMENTS = {"en": "learning keeps me curious.", "ar": "التعلم يفتح لي أبوابا جديدة."}


@pytest.fixture
def pre_moderation_with_smtp(live_server):
    """The shared live server under pre-moderation, with a real SMTP server, for one test."""
    controller, inbox = start_server()
    app = live_server.app
    wanted = {"MODERATION": "pre", **smtp_settings(controller.port)}
    saved = {name: app.config[name] for name in wanted}
    app.config.update(wanted)
    try:
        yield inbox
    finally:
        app.config.update(saved)
        controller.stop()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_asking_for_the_notice_on_a_phone(open_page, live_server, pre_moderation_with_smtp, lang):
    inbox = pre_moderation_with_smtp
    app = live_server.app
    name = f"Notice {lang.upper()}"
    owner = app.test_client()
    photo = photo_bytes(1100, 900)
    token = manage_token(
        submit(owner, name=name, language=lang, statement=STATEMENTS[lang], photo=photo)
    )
    page = open_page(f"/m/{token}", lang=lang, viewport=PHONE_390, accept_language=lang)
    field = page.locator('input[name="email"]')
    expect(field).to_be_visible()
    waiting = page.locator(".status-pending").first
    assert field.bounding_box()["y"] > waiting.bounding_box()["y"], "right after the status"
    button = page.locator(".notice-form button[type=submit]")

    field.fill("learner@")
    button.click()
    assert field.evaluate("input => input.validity.valid") is False, "the browser checks first"
    assert page.url.endswith(f"/m/{token}")

    field.fill("learner@example.org")
    button.click()
    page.wait_for_load_state()
    expect(page.locator(".notice-signup")).to_contain_text("learner@example.org")
    expect(page.locator('input[name="email"]')).to_have_count(0)
    screenshot(page, f"notice-{lang}-asked-390")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"notice-{lang}-asked-desktop")

    moderator = app.test_client()
    make_user(app, f"notice-{lang}@city.example")
    assert sign_in(moderator, f"notice-{lang}@city.example").status_code == 303
    assert act(moderator, live_server.entry(name=name).id, "approve").status_code == 303
    [message] = inbox.messages
    subject = email.header.make_header(email.header.decode_header(message["Subject"]))
    assert str(subject) == SUBJECTS[lang]
    assert live_server.entry(name=name).notify_email is None
