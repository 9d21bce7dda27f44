"""Numbers in URLs and forms that are not numbers a database can hold: a clear 4xx, never a 500.

`str.isdigit()` is true for "²", "①" and "⑴", which `int()` refuses; a 20-digit id is an
int Python holds and SQLite and PostgreSQL do not. Each row is one such value on one route.
"""

import re

import pytest

from campaign.models import EntryStatus, Role
from tests.factories import form_token, make_entry, make_user, sign_in
from tests.hostile.messages import human_message

TWENTY_DIGITS = "9" * 20
NOT_INT_DIGITS = ["²", "①", "⑴", "1²"]

# (who asks, URL, what it must answer): the answer is the status, or "ok" for any 2xx/3xx.
GETS = [
    *[("anyone", f"/api/entries?limit={value}", 400) for value in NOT_INT_DIGITS],
    ("anyone", f"/api/entries?limit={TWENTY_DIGITS}", 400),
    ("moderator", "/moderate?after=1.99999999999999999999", "ok"),
    ("moderator", f"/moderate?after={TWENTY_DIGITS}.{TWENTY_DIGITS}", "ok"),
    ("moderator", "/moderate?after=².①", "ok"),
    ("moderator", f"/moderate/entries/{TWENTY_DIGITS}", 404),
    ("moderator", f"/moderate/entries/{TWENTY_DIGITS}/photo", 404),
    ("admin", f"/moderate/audit?before={TWENTY_DIGITS}", "ok"),
    ("admin", "/moderate/audit?before=²", "ok"),
    ("admin", f"/moderate/invitations/{TWENTY_DIGITS}", 404),
    ("admin", f"/moderate/cities/{TWENTY_DIGITS}", 404),
]


@pytest.fixture
def clients(app):
    make_user(app, "admin@city.example", Role.ADMIN)
    make_user(app, "mod@city.example", Role.MODERATOR)
    signed_in = {"anyone": app.test_client()}
    for role, email in (("admin", "admin@city.example"), ("moderator", "mod@city.example")):
        signed_in[role] = app.test_client()
        assert sign_in(signed_in[role], email).status_code == 303
    return signed_in


def _expect(response, expected, what: str) -> None:
    if expected == "ok":
        assert response.status_code < 400, f"{what}: {response.status_code}"
    else:
        assert response.status_code == expected, f"{what}: {response.status_code}"
        assert human_message(response.get_data(as_text=True)), what


def test_numbers_no_database_holds_get_a_clear_answer(app, clients):
    make_entry(app, status=EntryStatus.APPROVED)
    for who, url, expected in GETS:
        _expect(clients[who].get(url), expected, f"{who} GET {url}")
    # The app still serves afterwards.
    assert clients["anyone"].get("/api/entries?limit=2").status_code == 200


@pytest.mark.parametrize(
    "ids",
    [["²:1"], ["①:1"], ["1:²"], [f"{TWENTY_DIGITS}:1"], [f"1:{TWENTY_DIGITS}"], ["-1:1"]],
)
def test_bulk_moderation_with_ids_no_database_holds_changes_nothing(app, clients, ids):
    entry_id = make_entry(app)
    moderator = clients["moderator"]
    token = form_token(moderator, "/moderate")
    response = moderator.post(
        "/moderate/bulk",
        data={"csrf_token": token, "action": "approve", "ids": ids, "next": "/moderate"},
    )
    assert response.status_code == 303
    page = moderator.get("/moderate").get_data(as_text=True)
    assert "Tick the entries to act on" in page
    assert re.search(rf'name="ids" value="{entry_id}:\d+"', page), "still waiting in the queue"
