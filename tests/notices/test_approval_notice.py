"""'Tell me when my card is public': the address given on the share page, the one notice
sent through a real SMTP server when a moderator approves, and the address deleted after."""

import email.header
import io
import json
import logging
import re
import zipfile

from sqlalchemy import func, select

from campaign.extensions import db
from campaign.models import Entry, EntryStatus
from campaign.sharing.links import share_links
from tests.factories import act, bulk, csrf_token, entry_state, manage_token, submit
from tests.mailbox import free_port

ADDRESS = "learner@example.org"
NETWORKS = ("linkedin", "x", "facebook")


def waiting_entry(client, **fields) -> tuple[str, int]:
    """A new entry waiting for a moderator: its private token and its id."""
    token = manage_token(submit(client, **fields))
    with client.application.app_context():
        return token, db.session.scalars(select(Entry.id).order_by(Entry.id.desc())).first()


def ask(client, token: str, address: str = ADDRESS):
    data = {"csrf_token": csrf_token(client, f"/m/{token}"), "email": address}
    return client.post(f"/m/{token}/notice", data=data)


def parts(message) -> tuple[str, str, str]:
    """The subject, the plain text and the HTML of a received message, decoded."""
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    bodies = {
        part.get_content_type(): part.get_payload(decode=True).decode(part.get_content_charset())
        for part in message.walk()
        if not part.is_multipart()
    }
    return subject, bodies["text/plain"], bodies["text/html"]


def expected_links(app, entry_id: int, token: str) -> tuple[list[str], str]:
    """The share links (LinkedIn, X, Facebook) and private link the notice must carry."""
    entry = entry_state(app, entry_id)
    public_url = f"http://campaign.test/e/{entry.slug}"
    with app.app_context():
        links = share_links(public_url, entry.statement, entry.language)
    return [
        link.url for link in links if link.network in NETWORKS
    ], f"http://campaign.test/m/{token}"


def assert_forgotten(app, entry_id: int) -> None:
    entry = entry_state(app, entry_id)
    assert (entry.notify_email, entry.notify_token) == (None, None)
    assert entry.notified_at is not None


def test_arabic_notice_when_a_moderator_approves_on_the_entry_page(app, client, moderator, inbox):
    token, entry_id = waiting_entry(client, language="ar", statement="التعلم نور في كل يوم")
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert 'type="email"' in page
    assert "Tell me when my card is public" in page
    assert ask(client, token).status_code == 303
    assert entry_state(app, entry_id).notify_email == ADDRESS
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert f'We will e-mail <bdi dir="ltr">{ADDRESS}</bdi> once your card is public' in page
    assert token not in (entry_state(app, entry_id).notify_token or ""), "kept encrypted"
    assert inbox.messages == []

    assert act(moderator, entry_id, "approve").status_code == 303
    [message] = inbox.messages
    subject, text, html = parts(message)
    assert subject == "بطاقتك «انا اتعلم مدى الحياة#» منشورة الآن"
    assert ADDRESS in message["To"]
    assert "campaign@learning.example" in message["From"]
    assert "وافق أحد المشرفين على بطاقتك" in text
    assert "A moderator approved" not in text
    assert 'lang="ar" dir="rtl"' in html
    links, private = expected_links(app, entry_id, token)
    for link in links:
        assert link in text
        assert link.replace("&", "&amp;") in html
    assert private in text
    assert private in html
    assert_forgotten(app, entry_id)
    # The page no longer offers the field, and nothing is sent twice.
    assert 'type="email"' not in client.get(f"/m/{token}").get_data(as_text=True)
    assert act(moderator, entry_id, "feature").status_code == 303
    assert len(inbox.messages) == 1


def test_chinese_notice_after_a_bulk_approval_once_the_moderator_has_the_answer(
    app, client, moderator, inbox
):
    token, entry_id = waiting_entry(client, language="zh", statement="学无止境，每天都有新收获")
    assert ask(client, token, "xuexi@example.cn").status_code == 303
    with app.app_context():
        version = db.session.get(Entry, entry_id).version
    response = bulk(moderator, "approve", ids=[f"{entry_id}:{version}"])
    assert response.status_code == 303
    assert entry_state(app, entry_id).status is EntryStatus.APPROVED
    assert inbox.messages == [], "the moderator waited for the SMTP server"
    response.close()  # the answer is sent: what waited for it runs
    [message] = inbox.messages
    subject, text, html = parts(message)
    assert subject == "您的 #我是一名终身学习者 卡片已公开"
    assert "审核员已批准您的卡片" in text
    assert "审核员已批准您的卡片" in html
    links, private = expected_links(app, entry_id, token)
    assert all(link in text for link in links)
    assert private in text
    assert_forgotten(app, entry_id)


def test_asking_does_not_make_a_moderators_open_page_stale(app, client, moderator, inbox):
    token, entry_id = waiting_entry(client)
    seen = entry_state(app, entry_id).version
    assert ask(client, token).status_code == 303
    response = act(moderator, entry_id, "approve", version=seen)
    assert response.status_code == 303
    assert "while you were looking" not in moderator.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert entry_state(app, entry_id).status is EntryStatus.APPROVED
    assert len(inbox.messages) == 1


def test_rejecting_deletes_the_address_and_sends_nothing(app, client, moderator, runner, inbox):
    token, entry_id = waiting_entry(client)
    assert ask(client, token).status_code == 303
    assert act(moderator, entry_id, "reject", reason_choice="off_topic").status_code == 303
    entry = entry_state(app, entry_id)
    assert (entry.notify_email, entry.notify_token, entry.notified_at) == (None, None, None)
    # Restored and approved later: nobody asked any more.
    assert act(moderator, entry_id, "restore").status_code == 303
    assert act(moderator, entry_id, "approve").status_code == 303
    assert runner.invoke(args=["notices", "send"]).exit_code == 0
    assert inbox.messages == []


def test_download_my_data_shows_the_address_while_it_is_kept(app, client, moderator, inbox):
    token, entry_id = waiting_entry(client)
    assert ask(client, token).status_code == 303

    def exported() -> dict:
        archive = zipfile.ZipFile(io.BytesIO(client.get(f"/m/{token}/my-data").data))
        return json.loads(archive.read("data.json"))["entry"]

    assert exported()["approval_notice_email"] == ADDRESS
    assert act(moderator, entry_id, "approve").status_code == 303
    after = exported()
    assert after["approval_notice_email"] is None
    assert after["approval_notice_sent_at"] is not None


def test_erasing_the_entry_takes_the_address_with_it(app, client, inbox):
    token, _ = waiting_entry(client)
    assert ask(client, token).status_code == 303
    erase = client.post(
        f"/m/{token}/erase", data={"csrf_token": csrf_token(client, f"/m/{token}/erase")}
    )
    assert erase.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Entry.notify_email == ADDRESS)) == 0


def test_taking_the_address_back_before_approval(app, client, moderator, inbox):
    token, entry_id = waiting_entry(client)
    assert ask(client, token).status_code == 303
    data = {"csrf_token": csrf_token(client, f"/m/{token}")}
    assert client.post(f"/m/{token}/notice/cancel", data=data).status_code == 303
    assert "your address is deleted" in client.get(f"/m/{token}").get_data(as_text=True)
    assert entry_state(app, entry_id).notify_email is None
    assert act(moderator, entry_id, "approve").status_code == 303
    assert inbox.messages == []


def test_smtp_down_moderation_goes_on_and_the_command_delivers_later(
    app, client, moderator, runner, smtp_server, caplog
):
    controller, inbox = smtp_server
    token, entry_id = waiting_entry(client, language="fr", statement="chaque jour m'apprend.")
    assert ask(client, token).status_code == 303
    app.config["SMTP_PORT"] = free_port()  # nobody listens there
    with caplog.at_level(logging.WARNING, logger="campaign.notices.sending"):
        response = act(moderator, entry_id, "approve")
    assert response.status_code == 303
    assert "approved" in moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 waiting for `flask notices send`" in caplog.text
    entry = entry_state(app, entry_id)
    assert entry.status is EntryStatus.APPROVED
    assert (entry.notify_email, entry.notified_at) == (ADDRESS, None)

    still_down = runner.invoke(args=["notices", "send"])
    assert still_down.exit_code == 1
    assert "waiting: 1 notice(s)" in still_down.output
    assert entry_state(app, entry_id).notify_email == ADDRESS

    app.config["SMTP_PORT"] = controller.port
    # As from cron: no request, so the links come from PUBLIC_BASE_URL, which it needs.
    app.config.update(SERVER_NAME=None, PUBLIC_BASE_URL="")
    unset = runner.invoke(args=["notices", "send"])
    assert unset.exit_code == 1
    assert "Set PUBLIC_BASE_URL" in unset.output
    app.config["PUBLIC_BASE_URL"] = "https://learners.example.org"
    back = runner.invoke(args=["notices", "send"])
    assert back.exit_code == 0, back.output
    assert "sent: 1 notice(s)" in back.output
    [message] = inbox.messages
    subject, text, _ = parts(message)
    assert subject == "Votre carte #JApprendsToutAuLongDeLaVie est publique"
    assert "Un modérateur a approuvé votre carte" in text
    assert f"https://learners.example.org/m/{token}" in text
    slug = entry_state(app, entry_id).slug
    assert (
        f"https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Flearners.example.org%2Fe%2F{slug}"
        in text
    )
    assert_forgotten(app, entry_id)
    assert runner.invoke(args=["notices", "send"]).output.startswith("sent: 0")


def test_without_smtp_there_is_no_field_and_a_forged_post_is_ignored(app, client, inbox):
    app.config["SMTP_HOST"] = ""
    token, entry_id = waiting_entry(client, email=ADDRESS)
    page = client.get(f"/m/{token}").get_data(as_text=True)
    assert 'type="email"' not in page
    assert "Tell me when my card is public" not in page
    assert ask(client, token).status_code == 404
    assert entry_state(app, entry_id).notify_email is None


def test_under_post_moderation_there_is_no_field(app, client, inbox):
    app.config["MODERATION"] = "post"
    token, entry_id = waiting_entry(client)
    assert 'type="email"' not in client.get(f"/m/{token}").get_data(as_text=True)
    assert ask(client, token).status_code == 404
    assert entry_state(app, entry_id).notify_email is None


def test_a_bad_address_gets_a_clear_error_and_nothing_is_kept(app, client, inbox):
    token, entry_id = waiting_entry(client)
    for address, error in (
        ("learner@", "Please give a valid e-mail address."),
        ("   ", "Please give your e-mail address."),
        ("a" * 250 + "@example.org", "Please give a valid e-mail address."),
    ):
        response = ask(client, token, address)
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        field = re.search(r'<input[^>]*name="email"[^>]*>', page).group(0)
        assert 'aria-invalid="true"' in field
        assert error in page
        assert entry_state(app, entry_id).notify_email is None
