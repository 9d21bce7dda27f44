"""A city edition from start to walls: an admin creates it and gives it a logo and a city
moderator, a learner joins through /c/<slug>/join (a card with the city's logo, share texts
with both hashtags), the city moderator approves the entry, and it shows on the edition's
wall and on the global one. Another edition's entry stays out of the city moderator's sight."""

import pytest
from playwright.sync_api import expect

from campaign.extensions import db
from campaign.models import Role
from campaign.moderation import accounts
from tests.browser.helpers import (
    DESKTOP,
    PHONE,
    card_image,
    fill_join_form,
    screenshot,
    sign_in_page,
)
from tests.factories import logo_bytes, make_city, make_edition, make_entry, photo_bytes

pytestmark = pytest.mark.browser

ADMIN = ("admin@network.example", "a long and private admin passphrase")
CITY_MODERATOR = ("moderator@lahti.example", "a long and private city passphrase")


def test_an_edition_from_its_creation_to_both_walls(
    open_page, live_server, tmp_path, pre_moderation
):
    app = live_server.app
    lahti = make_city(app, "Lahti")
    # Another edition with an entry waiting: the city moderator must not see it.
    other = make_edition(app, "kuopio", city=("Kuopio", "FI"))
    make_entry(app, edition_id=other, name="Kaisa of Kuopio", city="Kuopio")
    with app.app_context():
        accounts.create_user(*ADMIN, Role.ADMIN)
        db.session.commit()

    # A global admin creates the edition, gives it a logo, and a city moderator.
    admin = open_page("/moderate/login", viewport=DESKTOP)
    sign_in_page(admin, *ADMIN)
    admin.goto("/moderate/editions")
    admin.get_by_label("Address name (/c/…/)").fill("lahti")
    admin.get_by_label("Directory cities").select_option(str(lahti))
    admin.locator('input[name="languages"][value="en"]').check()
    admin.get_by_label("Name in English").fill("Lahti learns")
    admin.get_by_label("Local hashtag (optional)").fill("#LahtiLearns")
    admin.get_by_role("button", name="Create").click()
    admin.wait_for_url("**/moderate/editions/*")
    logo = tmp_path / "lahti-logo.png"
    logo.write_bytes(logo_bytes(320, 96, colour=(255, 255, 255, 255)))
    admin.locator('input[name="logo"]').set_input_files(str(logo))
    admin.locator('form[action$="/logo"] button[type="submit"]').click()
    expect(admin.get_by_text("The new logo is saved")).to_be_visible()
    screenshot(admin, "edition-admin-after-logo")

    admin.goto("/moderate/users")
    admin.get_by_label("Email").fill(CITY_MODERATOR[0])
    admin.get_by_label("Role").select_option("city_moderator")
    admin.get_by_label("City edition").select_option(label="lahti")
    admin.get_by_label("Initial password").fill(CITY_MODERATOR[1])
    admin.get_by_role("button", name="Add").click()
    expect(admin.get_by_text(f"{CITY_MODERATOR[0]} can now sign in")).to_be_visible()

    # A learner joins through the edition.
    photo = tmp_path / "me.jpg"
    photo.write_bytes(photo_bytes())
    learner = open_page("/c/lahti/join", viewport=PHONE)
    learner.set_input_files('input[name="photo"]', str(photo))
    fill_join_form(learner, name="Liisa of Lahti", statement="I learn to sing in a choir.")
    learner.locator("[data-submit]").click()
    learner.wait_for_url("**/m/*")
    expect(learner.locator(".status-pending")).to_be_visible()
    entry, card = card_image(live_server, "Liisa of Lahti")
    with app.app_context():
        edition_id = db.session.scalar(db.text("SELECT id FROM editions WHERE slug = 'lahti'"))
    assert entry.edition_id == edition_id
    # The white logo sits at the top of the card's panel (the right half of a split card).
    panel_top = card.convert("RGB").crop((620, 20, 1180, 100))
    assert max(sum(pixel) for pixel in panel_top.get_flattened_data()) > 720
    card.save(tmp_path / "card.png")
    share_texts = learner.content()
    assert "#LahtiLearns" in share_texts
    assert "#ImALifelongLearner" in share_texts
    screenshot(learner, "edition-walk-share-page-320px")

    wall = open_page("/c/lahti/wall", viewport=PHONE)
    expect(wall.get_by_text("Liisa of Lahti")).to_have_count(0)

    # The city moderator sees Lahti's entry only, and approves it.
    moderator = open_page("/moderate/login", viewport=DESKTOP)
    sign_in_page(moderator, *CITY_MODERATOR)
    row = moderator.locator("[data-entry]", has_text="Liisa of Lahti")
    expect(row).to_be_visible()
    expect(moderator.locator("[data-entry]", has_text="Kaisa of Kuopio")).to_have_count(0)
    screenshot(moderator, "edition-walk-city-moderator-queue")
    row.get_by_role("button", name="Approve").click()
    moderator.wait_for_load_state()
    assert live_server.entry(name="Liisa of Lahti").status.value == "approved"

    # On the edition's wall and on the global one.
    wall.reload()
    expect(wall.get_by_text("Liisa of Lahti")).to_be_visible()
    screenshot(wall, "edition-walk-edition-wall-320px")
    everyone = open_page("/wall", viewport=PHONE)
    expect(everyone.get_by_text("Liisa of Lahti")).to_be_visible()
    filtered = open_page("/wall?edition=lahti", viewport=PHONE)
    expect(filtered.get_by_text("Liisa of Lahti")).to_be_visible()
