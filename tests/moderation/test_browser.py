"""A moderator works the queue in Chromium: with the keyboard, and with JavaScript off."""

import pytest
from sqlalchemy import select

from campaign.extensions import db
from campaign.models import Entry, EntryStatus, ModerationEvent
from tests import chromium as chromium_setup
from tests.browser.live import serving
from tests.factories import PASSWORD, make_user, submit
from tests.needs import missing

pytestmark = pytest.mark.browser

CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS = (
    chromium_setup.CHROMIUM,
    chromium_setup.ARGS,
    chromium_setup.SCREENSHOTS,
)
MODERATOR = "keys@city.example"


@pytest.fixture
def settings():
    # Links and redirects must point at the real server, not the test client's host name.
    return {"SERVER_NAME": None}


@pytest.fixture
def server(app):
    """The app served over HTTP on 127.0.0.1 by werkzeug's threaded server."""
    if not CHROMIUM.exists():
        missing("Debian's Chromium is not installed (scripts/setup.sh --test installs it)")
    with serving(app) as url:
        yield url


def _page(chromium, server, problems, **options):
    context = chromium.new_context(
        base_url=server, viewport={"width": 1366, "height": 900}, **options
    )
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            # The app has no favicon; every other failed resource is a problem.
            and not message.location.get("url", "").endswith("/favicon.ico")
            and problems.append(f"console: {message.text} {message.location}")
        ),
    )
    return page


def _sign_in(page):
    page.goto("/moderate/login")
    page.get_by_label("Email").fill(MODERATOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/moderate")


def _entries(app) -> list[Entry]:
    with app.app_context():
        entries = db.session.scalars(select(Entry).order_by(Entry.created_at)).all()
        db.session.expunge_all()
        return entries


def test_a_moderator_approves_and_rejects_with_the_keyboard(app, server, chromium):
    make_user(app, MODERATOR)
    for name in ("Oldest Olga", "Second Sami", "Third Tove"):
        submit(app.test_client(), name=name)
    _approve_and_reject_with_keys(app, server, chromium)


def _approve_and_reject_with_keys(app, server, chromium):
    from playwright.sync_api import expect

    oldest, second, third = _entries(app)
    problems: list[str] = []
    page = _page(chromium, server, problems)
    _sign_in(page)

    rows = page.locator("[data-entry]")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_have_class("mod-item status-pending is-current")
    expect(rows.nth(0).locator(".mod-photo img")).to_have_js_property("complete", True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "moderation-queue-keyboard.png"), full_page=True)

    page.keyboard.press("j")
    expect(rows.nth(1)).to_have_class("mod-item status-pending is-current")
    page.keyboard.press("k")
    expect(rows.nth(0)).to_have_class("mod-item status-pending is-current")
    page.keyboard.press("a")  # approve the oldest

    expect(page.locator(".flash-success")).to_contain_text("Oldest Olga: approved.")
    expect(rows).to_have_count(2)
    expect(page.locator("[data-entry].is-current")).to_contain_text("Second Sami")
    page.keyboard.press("j")
    page.keyboard.press("5")  # the fifth reason: spam or advertising
    page.keyboard.press("r")
    expect(page.locator(".flash-success")).to_contain_text("Third Tove: rejected.")
    expect(rows).to_have_count(1)
    page.screenshot(path=str(SCREENSHOTS / "moderation-queue-after-keys.png"), full_page=True)
    page.keyboard.press("o")  # open the remaining entry's own moderation page
    page.wait_for_url(f"**/moderate/entries/{second.id}")
    expect(page.locator("h1")).to_have_text("Second Sami")
    expect(page.locator(".mod-table")).to_have_count(0)  # no history yet
    page.screenshot(path=str(SCREENSHOTS / "moderation-entry.png"), full_page=True)

    statuses = {entry.name: entry.status for entry in _entries(app)}
    assert statuses == {
        "Oldest Olga": EntryStatus.APPROVED,
        "Second Sami": EntryStatus.PENDING,
        "Third Tove": EntryStatus.REJECTED,
    }
    with app.app_context():
        reasons = db.session.scalars(select(ModerationEvent.reason).order_by(ModerationEvent.id))
        assert list(reasons) == [None, "Spam or advertising"]

    visitor = _page(chromium, server, [])
    assert visitor.goto(f"/e/{oldest.slug}").status == 200
    assert visitor.goto(f"/e/{third.slug}").status == 404
    assert visitor.goto(f"/e/{second.slug}").status == 404
    visitor.goto("/")
    expect(visitor.locator(f'a[href$="/e/{oldest.slug}"]')).to_have_count(1)
    assert problems == []


def test_the_queue_works_without_javascript(app, server, chromium):
    make_user(app, MODERATOR)
    submit(app.test_client(), name="Plain Paula")
    _approve_without_javascript(app, server, chromium)


def _approve_without_javascript(app, server, chromium):
    from playwright.sync_api import expect

    problems: list[str] = []
    page = _page(chromium, server, problems, java_script_enabled=False)
    _sign_in(page)
    row = page.locator("[data-entry]", has_text="Plain Paula")
    row.get_by_role("button", name="Approve").click()
    expect(page.locator(".flash-success")).to_contain_text("Plain Paula: approved.")
    assert [entry.status for entry in _entries(app)] == [EntryStatus.APPROVED]
    assert problems == []
