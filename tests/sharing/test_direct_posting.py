"""Posting the card itself to LinkedIn and X through OAuth, against the local fake provider."""

import html
import logging
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from campaign.sharing.oauth.linkedin import API_VERSION
from campaign.storage import get_storage
from tests.factories import csrf_token, new_entry, readable_session
from tests.mailbox import free_port
from tests.sharing.fake_provider import LINKEDIN, LINKEDIN_SCOPES, X_SCOPES
from tests.sharing.posting import consent, flashed_error, start_posting


def compose_text(client, network: str) -> str:
    page = client.get(f"/share/{network}/compose")
    assert page.status_code == 200
    match = re.search(r"<textarea[^>]*>(.*?)</textarea>", page.get_data(as_text=True), re.S)
    return html.unescape(match.group(1)).strip()


def post(client, network: str, text: str):
    return client.post(
        f"/share/{network}/compose",
        data={"csrf_token": csrf_token(client, f"/share/{network}/compose"), "text": text},
    )


def connect(client, token: str, network: str):
    started = start_posting(client, token, network)
    assert started.status_code == 303
    callback = client.get(consent(started.headers["Location"]))
    assert callback.status_code == 303, callback.get_data(as_text=True)
    assert callback.headers["Location"].endswith(f"/share/{network}/compose")
    return started


def test_pending_entry_is_posted_to_linkedin_with_its_card_at_once(client, db, fake_provider):
    entry, token = new_entry(client, db, language="ar", statement="التعلم نور (كل يوم) #معرفة")
    share_page = client.get(f"/m/{token}").get_data(as_text=True)
    assert "Post to LinkedIn" in share_page
    assert "Post to X" in share_page

    started = connect(client, token, "linkedin")
    authorize = parse_qs(urlsplit(started.headers["Location"]).query)
    assert set(authorize["scope"][0].split()) == LINKEDIN_SCOPES
    assert "code_challenge" not in authorize  # LinkedIn web apps use the client secret

    text = compose_text(client, "linkedin")
    assert "#انا_اتعلم_مدى_الحياة" in text
    assert "/e/" not in text, "no link while the entry is not public"

    done = post(client, "linkedin", text)
    assert done.status_code == 303
    posted = client.get(done.headers["Location"]).get_data(as_text=True)
    assert 'href="https://www.linkedin.com/feed/update/urn:li:share:' in posted

    [sent] = fake_provider.record.posts
    image_urn = sent["content"]["media"]["id"]
    card = get_storage().read(entry.card_keys["square"])
    assert fake_provider.record.uploads[image_urn] == card
    assert sent["author"] == f"urn:li:person:{LINKEDIN['member']}"
    # Little-text format: reserved characters escaped, the campaign tag a real hashtag.
    assert "التعلم نور \\(كل يوم\\)" in sent["commentary"]
    assert "{hashtag|\\#|انا\\_اتعلم\\_مدى\\_الحياة}" in sent["commentary"]
    assert "{hashtag|\\#|معرفة}" in sent["commentary"]
    [token_request] = fake_provider.record.token_requests
    assert token_request["client_secret"] == "li-secret"
    # The default version is one LinkedIn still serves (the fake answers 426 from 12 months).
    assert all(h.get("Linkedin-Version") == API_VERSION for h in fake_provider.record.api_headers)


def test_a_sunset_linkedin_version_gives_the_links_and_one_log_line_naming_the_setting(
    app, db, fake_provider, caplog
):
    app.config["LINKEDIN_API_VERSION"] = "202510"  # sunset by LinkedIn in October 2026
    client = app.test_client()
    _, token = new_entry(client, db, public=True)
    connect(client, token, "linkedin")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        back = post(client, "linkedin", compose_text(client, "linkedin"))
    assert back.headers["Location"] == f"/m/{token}#share"
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert "LinkedIn is not answering properly right now" in html.unescape(flashed_error(page))
    assert "https://www.linkedin.com/sharing/share-offsite/" in page, "the links are there"
    assert fake_provider.record.posts == []
    [line] = [r.getMessage() for r in caplog.records if "linkedin" in r.getMessage().lower()]
    assert "426" in line
    assert "LINKEDIN_API_VERSION" in line
    assert "202510" in line


def test_public_entry_is_posted_to_x_with_pkce_link_and_hashtag(client, db, fake_provider):
    entry, token = new_entry(client, db, public=True, language="zh", statement="学无止境")
    connect(client, token, "x")
    [authorize] = fake_provider.record.authorize
    assert set(authorize["scope"].split()) == X_SCOPES
    assert authorize["code_challenge_method"] == "S256"

    text = compose_text(client, "x")
    public_url = f"http://campaign.test/e/{entry.slug}"
    assert text == f"我是一名终身学习者，因为学无止境 #我是一名终身学习者 {public_url}"
    done = post(client, "x", text)
    assert done.status_code == 303
    posted = client.get(done.headers["Location"]).get_data(as_text=True)
    assert 'href="https://x.com/i/web/status/1890000000000000001"' in posted

    [sent] = fake_provider.record.posts
    assert sent["hashtags"] == ["我是一名终身学习者"]
    assert sent["text"] == text
    [media_id] = sent["media"]["media_ids"]
    assert fake_provider.record.uploads[media_id] == get_storage().read(
        entry.card_keys["landscape"]
    )
    [token_request] = fake_provider.record.token_requests
    assert token_request["code_verifier"], "the PKCE verifier is sent"
    assert token_request["authorization"].startswith("Basic ")


def test_person_can_tag_someone_by_editing_the_post(client, db, fake_provider):
    _, token = new_entry(client, db)
    connect(client, token, "x")
    text = compose_text(client, "x") + " @mayor_of_espoo"
    assert post(client, "x", text).status_code == 303
    assert fake_provider.record.posts[0]["text"].endswith("@mayor_of_espoo")


def test_a_post_too_long_for_x_is_refused_before_anything_is_sent(client, db, fake_provider):
    _, token = new_entry(client, db)
    connect(client, token, "x")
    response = post(client, "x", "学" * 141)
    assert response.status_code == 422
    assert "too long for X: 282 of 280" in response.get_data(as_text=True)
    assert fake_provider.record.posts == []
    assert fake_provider.record.uploads == {}
    # Still signed in: a shorter text goes through.
    assert post(client, "x", "学" * 140).status_code == 303


FAILURES = [
    # (network, step, kind, what the person reads)
    ("linkedin", "authorize", "decline", "You did not allow the campaign to post on LinkedIn"),
    ("x", "authorize", "decline", "You did not allow the campaign to post on X"),
    ("linkedin", "token", "expired", "The sign-in with LinkedIn expired"),
    ("x", "token", "expired", "The sign-in with X expired"),
    ("x", "token", "5xx", "X is not answering properly right now"),
    ("linkedin", "token", "timeout", "LinkedIn took too long to answer"),
    ("x", "token", "rate_limit", "X says too many posts were sent just now"),
    ("linkedin", "upload", "4xx", "LinkedIn refused the post (error 403)"),
    ("linkedin", "upload_put", "5xx", "LinkedIn is not answering properly right now"),
    ("linkedin", "post", "rate_limit", "Please try again in 5 minutes"),
    ("x", "upload", "timeout", "X took too long to answer"),
    ("x", "post", "4xx", "X refused the post (error 403)"),
    ("x", "post", "5xx", "X is not answering properly right now"),
    ("x", "post", "rate_limit", "Please try again in 10 minutes"),
    ("linkedin", "token", "garbage", "LinkedIn is not answering properly right now"),
    ("x", "token", "garbage", "X is not answering properly right now"),
    ("linkedin", "upload", "garbage", "LinkedIn is not answering properly right now"),
    ("linkedin", "post", "garbage", "LinkedIn is not answering properly right now"),
    ("x", "upload", "garbage", "X is not answering properly right now"),
    ("x", "post", "garbage", "X is not answering properly right now"),
]


@pytest.mark.parametrize(("network", "step", "kind", "message"), FAILURES)
def test_each_failure_brings_the_person_back_with_a_message_and_the_links(
    app, db, network, step, kind, message, fake_provider
):
    client = app.test_client()
    _, token = new_entry(client, db, public=True)
    fake_provider.fail(network, step, kind)
    started = start_posting(client, token, network)
    back = client.get(consent(started.headers["Location"]))
    if step not in {"authorize", "token"}:
        assert back.headers["Location"].endswith(f"/share/{network}/compose")
        back = post(client, network, compose_text(client, network))

    assert back.status_code == 303
    assert back.headers["Location"] == f"/m/{token}#share"
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert message in html.unescape(flashed_error(page))
    assert "https://twitter.com/intent/tweet?" in page, "the share links are still there"
    assert fake_provider.record.posts == []
    # The sign-in is gone from the session: nothing can be posted with it any more.
    assert client.get(f"/share/{network}/compose").status_code == 400


def test_callback_with_a_forged_state_posts_nothing(client, db, fake_provider):
    _, token = new_entry(client, db)
    started = start_posting(client, token, "x")
    callback = consent(started.headers["Location"])
    forged = re.sub(r"state=[^&]+", "state=forged", callback)
    back = client.get(forged)
    assert back.headers["Location"] == f"/m/{token}#share"
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert "did not start from your page here" in html.unescape(flashed_error(page))
    assert fake_provider.record.token_requests == [], "the code was never exchanged"


def test_callback_without_a_started_sign_in_is_refused(app, client, db, fake_provider):
    _, token = new_entry(client, db)
    started = start_posting(client, token, "linkedin")
    stranger = app.test_client()
    response = stranger.get(consent(started.headers["Location"]))
    assert response.status_code == 400
    assert "This sign-in has expired" in response.get_data(as_text=True)
    assert fake_provider.record.token_requests == []


def test_tokens_stay_out_of_the_database_and_the_logs(client, db, fake_provider, caplog):
    caplog.set_level(logging.DEBUG)
    _, token = new_entry(client, db)
    connect(client, token, "linkedin")
    assert post(client, "linkedin", compose_text(client, "linkedin")).status_code == 303
    [access_token] = fake_provider.tokens
    assert access_token not in caplog.text
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()).all():
            assert access_token not in repr(row)
    # The session cookie no longer carries it either.
    with client.session_transaction() as session:
        assert access_token not in repr(dict(session))


def test_the_access_token_is_unreadable_in_the_session_cookie(client, db, fake_provider):
    """Between the sign-in and the post the token lives in the cookie, encrypted."""
    _, token = new_entry(client, db)
    connect(client, token, "linkedin")
    [access_token] = fake_provider.tokens
    with client.session_transaction() as session:
        assert access_token in repr(dict(session)), "the app itself reads it back"
    cookie = readable_session(client)
    assert access_token not in cookie
    assert token not in cookie, "nor the manage token"


def test_cancel_posts_nothing_and_forgets_the_sign_in(client, db, fake_provider):
    _, token = new_entry(client, db)
    connect(client, token, "x")
    response = client.post(
        "/share/x/cancel", data={"csrf_token": csrf_token(client, "/share/x/compose")}
    )
    assert response.headers["Location"] == f"/m/{token}#share"
    assert client.get("/share/x/compose").status_code == 400
    assert fake_provider.record.posts == []


@pytest.mark.parametrize(
    "settings", [{"LINKEDIN_CLIENT_ID": "", "X_CLIENT_ID": ""}], ids=["unconfigured"]
)
def test_unconfigured_providers_show_no_button_and_no_route(client, db):
    _, token = new_entry(client, db)
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert "Post to LinkedIn" not in page
    assert "Post to X" not in page
    assert "Square for Instagram" in page
    assert start_posting(client, token, "x").status_code == 404


def test_posting_needs_the_manage_token_and_a_csrf_token(client, db, fake_provider):
    new_entry(client, db)
    data = {"csrf_token": csrf_token(client), "token": "not-a-real-token"}
    assert client.post("/share/x/connect", data=data).status_code == 404
    _, token = new_entry(client, db)
    assert client.post("/share/x/connect", data={"token": token}).status_code == 400


@pytest.mark.parametrize("network", ["linkedin", "x"])
def test_a_network_out_of_reach_when_posting_brings_the_person_back_with_the_links(
    app, db, network, fake_provider
):
    client = app.test_client()
    _, token = new_entry(client, db, public=True)
    started = start_posting(client, token, network)
    composing = client.get(consent(started.headers["Location"]))
    assert composing.headers["Location"].endswith(f"/share/{network}/compose")
    # Signed in; then the network's API stops answering at all (nothing listens there).
    app.config[f"{network.upper()}_API_BASE"] = f"http://127.0.0.1:{free_port()}"
    back = post(client, network, compose_text(client, network))
    assert back.status_code == 303
    assert back.headers["Location"] == f"/m/{token}#share"
    page = client.get(f"/m/{token}").get_data(as_text=True)
    label = "LinkedIn" if network == "linkedin" else "X"
    assert f"{label} is not answering properly right now" in html.unescape(flashed_error(page))
    assert "https://twitter.com/intent/tweet?" in page, "the share links are still there"
    assert fake_provider.record.posts == []
