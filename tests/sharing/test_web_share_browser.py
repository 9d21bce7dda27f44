"""The "Share…" button in a real browser (Debian's Chromium through Playwright)."""

import threading

import pytest
from werkzeug.serving import make_server

from campaign.storage import get_storage
from tests.factories import new_entry

pytestmark = pytest.mark.browser
# A browser that can share files (as phones do): records what the page asks to share.
WEB_SHARE_STUB = """
window.__shared = [];
navigator.canShare = (data) =>
  !!data && (!data.files || data.files.every((f) => f instanceof File));
navigator.share = async (data) => {
  const files = await Promise.all((data.files || []).map(async (f) => ({
    name: f.name, type: f.type, size: f.size,
    head: Array.from(new Uint8Array(await f.slice(0, 3).arrayBuffer())),
  })));
  window.__shared.push({ text: data.text, title: data.title, url: data.url || null, files });
};
"""


@pytest.fixture
def settings(fake_provider):
    # The live server answers on 127.0.0.1:<port>, not the test host name.
    return {**fake_provider.settings(), "SERVER_NAME": None}


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


class PageOpener:
    """Opens pages in the run's shared Chromium and closes them after the test."""

    def __init__(self, chromium):
        self.chromium, self.pages = chromium, []

    def new_page(self, **options):
        page = self.chromium.new_page(**options)
        self.pages.append(page)
        return page


@pytest.fixture
def browser(chromium):
    opener = PageOpener(chromium)
    yield opener
    for page in opener.pages:
        page.close()


def test_share_button_shares_the_card_as_a_file_where_supported(
    client, db, live_server, browser, tmp_path
):
    entry, token = new_entry(client, db, language="ar", statement="التعلم نور كل يوم")
    page = browser.new_page(viewport={"width": 412, "height": 915}, is_mobile=True)
    page.add_init_script(WEB_SHARE_STUB)
    page.goto(f"{live_server}/m/{token}")
    button = page.locator(".share-native")
    button.wait_for(state="visible")
    page.screenshot(path=str(tmp_path / "share-mobile.png"), full_page=True)
    button.click()
    page.wait_for_function("window.__shared.length === 1")
    [shared] = page.evaluate("window.__shared")
    card = get_storage().read(entry.card_keys["square"])
    assert shared["files"] == [
        {
            "name": f"ImALifelongLearner-{entry.slug}.jpg",
            "type": "image/jpeg",
            "size": len(card),
            "head": list(card[:3]),
        }
    ]
    assert "#انا_اتعلم_مدى_الحياة" in shared["text"]
    assert shared["url"] is None, "no link while the entry waits for moderation"
    page.close()


def test_without_web_share_the_button_stays_hidden_and_the_links_do_the_work(
    client, db, live_server, browser
):
    from campaign.models import EntryStatus

    entry, token = new_entry(client, db)
    entry.status = EntryStatus.APPROVED
    db.session.commit()
    page = browser.new_page()
    page.add_init_script("delete Navigator.prototype.share; delete Navigator.prototype.canShare;")
    page.goto(f"{live_server}/m/{token}")
    page.wait_for_load_state("networkidle")
    assert page.locator(".share-native").is_hidden()
    assert page.locator("a.share-x").is_visible()
    assert page.locator("a.share-whatsapp").is_visible()
    assert page.locator("button.post-linkedin").is_visible()
    page.close()
