"""Two people sending the same invitation at the same moment, through a real HTTP server."""

import re
import threading

import pytest
import requests

from campaign.extensions import db as _db
from campaign.models import Entry
from tests.browser.live import serving
from tests.factories import make_invitation, photo_bytes

HOST = {"Host": "campaign.test"}  # the test app's SERVER_NAME


@pytest.fixture
def live_server(app):
    with serving(app) as url:
        yield url


def test_only_one_of_two_simultaneous_submissions_is_kept(app, live_server, uploads):
    token = make_invitation(app)
    url = f"{live_server}/invite/{token}"
    photo = photo_bytes()
    start = threading.Barrier(2)
    statuses: list[int] = []

    def official(statement: str) -> None:
        with requests.Session() as browser:
            page = browser.get(url, headers=HOST, timeout=30)
            csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
            data = {
                "csrf_token": csrf.group(1),
                "name": "Jukka Mäkelä",
                "title": "Mayor of Espoo",
                "language": "en",
                "statement": statement,
                "consent": "y",
            }
            start.wait(timeout=30)
            response = browser.post(
                url,
                data=data,
                files={"photo": ("mayor.jpg", photo, "image/jpeg")},
                headers=HOST,
                allow_redirects=False,
                timeout=60,
            )
            statuses.append(response.status_code)

    threads = [threading.Thread(target=official, args=(f"statement number {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    assert sorted(statuses) == [303, 410]
    with app.app_context():
        [entry] = _db.session.scalars(_db.select(Entry)).all()
        keys = set(entry.file_keys)
    # The loser's photo and cards were removed with its rolled-back transaction.
    stored = {str(path.relative_to(uploads)) for path in uploads.rglob("*") if path.is_file()}
    assert stored == keys
