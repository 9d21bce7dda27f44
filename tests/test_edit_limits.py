"""Statement edits render the cards again, so they are rate-limited per entry and per address."""

import pytest
from sqlalchemy import select

from campaign.models import Entry
from tests.factories import manage_token, submit
from tests.test_manage import edit_statement

PER_ENTRY = [{"RATELIMIT_ENABLED": True, "EDIT_RATE_LIMIT_PER_ENTRY": "2 per hour"}]
PER_ADDRESS = [{"RATELIMIT_ENABLED": True, "EDIT_RATE_LIMIT": "3 per hour"}]


def statement_of(db, token_entry_name: str) -> str:
    db.session.expire_all()
    return db.session.scalars(select(Entry.statement).where(Entry.name == token_entry_name)).one()


@pytest.mark.parametrize("settings", PER_ENTRY)
def test_edits_of_one_entry_are_limited_from_every_address(app, client, db):
    first = manage_token(submit(client, name="Aino Entry", statement="first."))
    other = manage_token(submit(client, name="Other Entry", statement="other."))
    assert edit_statement(client, first, "second.").status_code == 303
    assert edit_statement(client, first, "third.").status_code == 303
    refused = edit_statement(client, first, "fourth.")
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    assert edit_statement(elsewhere, first, "from elsewhere.").status_code == 429
    assert statement_of(db, "Aino Entry") == "third."
    assert edit_statement(client, other, "still editable.").status_code == 303


@pytest.mark.parametrize("settings", PER_ADDRESS)
def test_edits_from_one_address_are_limited_across_entries(app, client, db):
    tokens = [manage_token(submit(client, name=f"Entry {n}", statement="first.")) for n in range(2)]
    for token in (*tokens, tokens[0]):
        assert edit_statement(client, token, "again.").status_code == 303
    assert edit_statement(client, tokens[1], "once more.").status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    assert edit_statement(elsewhere, tokens[1], "from elsewhere.").status_code == 303
    assert statement_of(db, "Entry 1") == "from elsewhere."
