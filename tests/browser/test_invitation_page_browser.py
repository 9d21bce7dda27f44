"""An admin's invitation page left open while the link is withdrawn elsewhere: pressing
"E-mail it" says, in the admin's language, that nothing was sent."""

import pytest
from playwright.sync_api import expect

from campaign.extensions import db
from campaign.models import OfficialInvitation, Role
from campaign.officials import invitations
from tests.browser.helpers import PHONE, screenshot, sign_in_page
from tests.factories import PASSWORD, invitation_row, make_invitation, make_user
from tests.i18n.catalogues import translate
from tests.mailbox import smtp_settings

pytestmark = pytest.mark.browser

ADMIN = ("invitations-admin@learning.example", PASSWORD)
OFFICIAL = "kaisa.korhonen@espoo.example"


@pytest.fixture
def mail_on(live_server, smtp_server):
    """The live app sends through the test's SMTP server while the test runs."""
    controller, inbox = smtp_server
    config = live_server.app.config
    before = {key: config.get(key) for key in smtp_settings(controller.port)}
    config.update(smtp_settings(controller.port))
    yield inbox
    config.update(before)


def test_a_page_left_open_says_a_withdrawn_link_was_not_emailed(open_page, live_server, mail_on):
    app = live_server.app
    make_user(app, ADMIN[0], Role.ADMIN)
    invitation_id = invitation_row(app, make_invitation(app, email=OFFICIAL)).id
    page = open_page("/moderate/login", viewport=PHONE)
    sign_in_page(page, *ADMIN)
    page.context.add_cookies([{"name": "lang", "value": "ar", "url": live_server.url}])
    page.goto(f"/moderate/invitations/{invitation_id}")
    send = page.get_by_role(
        "button", name=translate("ar", "E-mail it to %(email)s") % {"email": OFFICIAL}
    )
    expect(send).to_be_visible()

    with app.app_context():  # another admin withdraws it meanwhile
        invitations.revoke(db.session.get(OfficialInvitation, invitation_id))
        db.session.commit()
    send.click()
    notice = page.get_by_text(translate("ar", "This link no longer works, so it was not e-mailed."))
    expect(notice).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    back = translate("ar", "All invitations")
    expect(page.get_by_role("link", name=f"→ {back}")).to_be_visible()  # back is rightwards
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "invitation-not-emailed-ar-320px")
    assert mail_on.messages == []
