"""From joining to the wall: a pending entry waits, a moderator approves it, the wall shows it."""

import pytest
from playwright.sync_api import expect

from campaign.extensions import db
from campaign.moderation import accounts
from tests.browser.helpers import DESKTOP, PHONE, fill_join_form, screenshot, sign_in_page
from tests.factories import photo_bytes

pytestmark = pytest.mark.browser

MODERATOR = ("moderator@learning.example", "a long and private passphrase")


def test_a_moderator_approves_and_the_wall_shows_the_entry(
    open_page, live_server, tmp_path, pre_moderation
):
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    learner = open_page("/join", viewport=PHONE)
    learner.set_input_files('input[name="photo"]', str(photo))
    fill_join_form(learner, name="Pending Pia", statement="I learn from my neighbours.")
    learner.locator("[data-submit]").click()
    learner.wait_for_url("**/m/*")
    expect(learner.locator(".status-pending")).to_be_visible()

    wall = open_page("/wall", viewport=PHONE)
    expect(wall.get_by_text("Pending Pia")).to_have_count(0)

    with live_server.app.app_context():
        accounts.create_user(*MODERATOR)
        db.session.commit()
    moderator = open_page("/moderate/login", viewport=DESKTOP)
    sign_in_page(moderator, *MODERATOR)
    row = moderator.locator("[data-entry]", has_text="Pending Pia")
    expect(row).to_be_visible()
    screenshot(moderator, "moderation-queue")
    row.get_by_role("button", name="Approve").click()
    moderator.wait_for_load_state()
    assert live_server.entry(name="Pending Pia").status.value == "approved"

    wall.reload()
    expect(wall.get_by_text("Pending Pia")).to_be_visible()
    screenshot(wall, "wall-after-approval-320px")
    learner.reload()
    expect(learner.locator(".status-public")).to_be_visible()
