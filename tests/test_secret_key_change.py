"""Changing SECRET_KEY with the old one in SECRET_KEY_FALLBACKS: staff stay signed in, an
invitation link already sent still opens, a waiting approval notice still carries its private
link, the wall's page links still work. Without the old key all of that stops, as documented.

Each app here shares the test's database and uploads, as the workers of a deploy would.
"""

import re
from pathlib import Path

import pytest

from campaign import create_app
from campaign.config import from_environment, validate
from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import Role
from campaign.wall.queries import Cursor, decode_cursor, encode_cursor
from tests.app_settings import app_settings
from tests.clients import BrowserLikeClient
from tests.factories import (
    act,
    csrf_token,
    make_invitation,
    make_user,
    manage_token,
    sign_in,
    submit,
)
from tests.mailbox import smtp_settings

NEW_KEY = "a-new-key-of-at-least-thirty-two-random-characters"


@pytest.fixture
def settings(smtp_server):
    controller, _ = smtp_server
    return smtp_settings(controller.port)


@pytest.fixture
def after_the_change(app, database_url, settings):
    """Make the app as deployed with NEW_KEY, keeping the old key or not."""
    made = []

    def make(*, keep_old: bool):
        changed = create_app(
            {
                **app_settings(database_url, Path(app.config["UPLOAD_DIR"])),
                **settings,
                "SECRET_KEY": NEW_KEY,
                "SECRET_KEY_FALLBACKS": (app.config["SECRET_KEY"],) if keep_old else (),
            }
        )
        changed.test_client_class = BrowserLikeClient
        made.append(changed)
        return changed

    yield make
    for changed in made:
        with changed.app_context():
            db.engine.dispose()


def carried_over(client, app):
    """The same browser, now talking to app: its session cookie comes along."""
    cookie = client.get_cookie("session", domain="campaign.test")
    moved = app.test_client()
    moved.set_cookie("session", cookie.value, domain="campaign.test")
    return moved


def test_with_the_old_key_kept_no_one_is_signed_out_and_no_link_breaks(
    app, after_the_change, smtp_server
):
    _, inbox = smtp_server
    make_user(app, "mod@city.example", Role.MODERATOR)
    moderator = app.test_client()
    assert sign_in(moderator, "mod@city.example").status_code == 303
    learner = app.test_client()
    token = manage_token(submit(learner))
    data = {"csrf_token": csrf_token(learner, f"/m/{token}"), "email": "learner@example.org"}
    assert learner.post(f"/m/{token}/notice", data=data).status_code == 303
    link = f"/invite/{make_invitation(app)}"
    cursor = Cursor(False, utcnow(), 7)
    with app.test_request_context():
        page_link = encode_cursor(cursor)
    entry_id = int(re.search(r'id="row-(\d+)"', moderator.get("/moderate").text).group(1))

    kept = after_the_change(keep_old=True)
    moderator_now = carried_over(moderator, kept)
    assert moderator_now.get("/moderate").status_code == 200, "still signed in"
    assert kept.test_client().get(link).status_code == 200, "the invitation sent still opens"
    with kept.test_request_context():
        assert decode_cursor(page_link) == cursor
    assert kept.test_client().get(f"/api/entries?cursor={page_link}").status_code == 200
    assert act(moderator_now, entry_id, "approve").status_code == 303
    [notice] = inbox.messages
    text = next(part for part in notice.walk() if part.get_content_type() == "text/plain")
    private_link = f"http://campaign.test/m/{token}"
    assert private_link in text.get_payload(decode=True).decode(), "kept under the old key"

    dropped = after_the_change(keep_old=False)
    signed_out = carried_over(moderator, dropped).get("/moderate")
    assert signed_out.status_code == 302
    assert "/moderate/login" in signed_out.headers["Location"]
    assert dropped.test_client().get(link).status_code != 200
    assert dropped.test_client().get(f"/api/entries?cursor={page_link}").status_code == 400


@pytest.mark.parametrize("earlier", ["dev-only-insecure-secret-key", "short"])
def test_production_refuses_a_weak_earlier_key(earlier):
    config = from_environment(
        {
            "CAMPAIGN_ENV": "production",
            "SECRET_KEY": NEW_KEY,
            "SECRET_KEY_FALLBACKS": f"{'b' * 40}, {earlier}",
            "PUBLIC_BASE_URL": "https://learners.example.org",
        }
    )
    assert config["SECRET_KEY_FALLBACKS"] == ("b" * 40, earlier)
    with pytest.raises(RuntimeError, match="SECRET_KEY_FALLBACKS"):
        validate(config)
