"""The session cookie is encrypted: the manage tokens it remembers cannot be read from it."""

from tests.factories import manage_token, readable_session, submit


def test_manage_tokens_are_unreadable_in_the_session_cookie(client, db):
    tokens = [manage_token(submit(client)) for _ in range(2)]
    with client.session_transaction() as session:
        assert set(tokens) <= set(session["own_entries"].values()), "the app reads them back"
    cookie = readable_session(client)
    assert cookie
    for token in tokens:
        assert token not in cookie


def test_a_tampered_or_foreign_session_cookie_is_an_empty_session(app, client, db):
    token = manage_token(submit(client))
    cookie = client.get_cookie("session", domain="campaign.test").value
    for forged in (cookie[:-4] + "AAAA", "e30.aGVsbG8.c2ln", "not a cookie"):
        client.set_cookie("session", forged, domain="campaign.test")
        response = client.get("/join")
        assert response.status_code == 200
        with client.session_transaction() as session:
            assert token not in repr(dict(session))
