"""Each action, its effect on what the public sees, bulk actions, the concurrent case, the log."""

import csv
import io
import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from campaign.extensions import db
from campaign.models import Action, Entry, EntryStatus, ModerationEvent, User
from campaign.models.moderation import AppendOnlyError
from campaign.moderation import actions
from tests.factories import act, bulk, entry_state, form_token, make_entries, make_entry, submit
from tests.i18n.catalogues import translate

POST_MODERATION = [{"MODERATION": "post"}]


def _submitted(app) -> tuple[int, str]:
    submit(app.test_client())
    with app.app_context():
        entry = db.session.scalars(select(Entry)).one()
        return entry.id, entry.slug


def _log(app) -> list[ModerationEvent]:
    with app.app_context():
        events = db.session.scalars(select(ModerationEvent).order_by(ModerationEvent.id)).all()
        db.session.expunge_all()
        return events


def test_approving_puts_the_entry_on_its_page_and_the_home_page(app, moderator, staff):
    entry_id, slug = _submitted(app)
    visitor = app.test_client()
    assert visitor.get(f"/e/{slug}").status_code == 404
    assert slug not in visitor.get("/").get_data(as_text=True)

    response = act(moderator, entry_id, "approve")
    assert response.status_code == 303
    assert "approved" in moderator.get(response.headers["Location"]).get_data(as_text=True)

    assert visitor.get(f"/e/{slug}").status_code == 200
    assert f"/e/{slug}" in visitor.get("/").get_data(as_text=True)
    entry = entry_state(app, entry_id)
    assert entry.status is EntryStatus.APPROVED
    assert entry.published_at is not None
    [event] = _log(app)
    assert (event.actor_email, event.action, event.entry_id) == (
        staff["moderator"],
        Action.APPROVE,
        entry_id,
    )
    assert (event.from_status, event.to_status) == (EntryStatus.PENDING, EntryStatus.APPROVED)


def test_rejecting_needs_a_reason_and_keeps_the_entry_hidden(app, moderator):
    entry_id, slug = _submitted(app)
    response = act(moderator, entry_id, "reject", reason_choice="other", reason_text="")
    assert "Please give a reason" in moderator.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert entry_state(app, entry_id).status is EntryStatus.PENDING

    act(moderator, entry_id, "reject", reason_choice="off_topic")
    assert entry_state(app, entry_id).status is EntryStatus.REJECTED
    assert app.test_client().get(f"/e/{slug}").status_code == 404
    act(moderator, entry_id, "restore")
    act(moderator, entry_id, "reject", reason_choice="spam", reason_text="a shop's advert")
    reasons = [event.reason for event in _log(app)]
    assert reasons == ["Not about lifelong learning", None, "a shop's advert"]


@pytest.mark.parametrize("settings", POST_MODERATION)
def test_in_post_moderation_entries_are_public_at_once_and_moderators_unpublish(app, moderator):
    entry_id, slug = _submitted(app)
    visitor = app.test_client()
    assert visitor.get(f"/e/{slug}").status_code == 200
    assert f"/e/{slug}" in visitor.get("/").get_data(as_text=True)
    # The post-moderation queue opens on what is public.
    assert f"row-{entry_id}" in moderator.get("/moderate").get_data(as_text=True)

    act(moderator, entry_id, "unpublish")
    assert entry_state(app, entry_id).status is EntryStatus.UNPUBLISHED
    assert visitor.get(f"/e/{slug}").status_code == 404
    assert f"/e/{slug}" not in visitor.get("/").get_data(as_text=True)

    act(moderator, entry_id, "restore")  # post mode: back to public
    assert entry_state(app, entry_id).status is EntryStatus.APPROVED
    assert visitor.get(f"/e/{slug}").status_code == 200


def test_restore_in_pre_moderation_returns_the_entry_to_the_queue(app, moderator):
    entry_id = make_entry(app, status=EntryStatus.REJECTED)
    act(moderator, entry_id, "restore")
    assert entry_state(app, entry_id).status is EntryStatus.PENDING
    assert f"row-{entry_id}" in moderator.get("/moderate").get_data(as_text=True)


def test_featuring_needs_an_approved_entry_and_ends_when_it_is_unpublished(app, moderator):
    entry_id = make_entry(app)
    act(moderator, entry_id, "feature")
    assert entry_state(app, entry_id).featured is False
    act(moderator, entry_id, "approve")
    act(moderator, entry_id, "feature")
    assert entry_state(app, entry_id).featured is True
    act(moderator, entry_id, "unfeature")
    assert entry_state(app, entry_id).featured is False
    act(moderator, entry_id, "feature")
    act(moderator, entry_id, "unpublish")
    entry = entry_state(app, entry_id)
    assert (entry.status, entry.featured) == (EntryStatus.UNPUBLISHED, False)
    assert [event.action.value for event in _log(app)] == [
        "approve",
        "feature",
        "unfeature",
        "feature",
        "unpublish",
    ]


def test_a_second_moderator_acting_on_a_stale_page_is_told_what_the_first_did(
    app, moderator, staff
):
    from tests.factories import sign_in

    entry_id, slug = _submitted(app)
    other = app.test_client()
    sign_in(other, staff["moderator2"])
    # Both have the queue open at version 1.
    version = entry_state(app, entry_id).version
    assert act(moderator, entry_id, "approve", version=version).status_code == 303

    response = act(other, entry_id, "reject", version=version, reason_choice="spam")
    assert response.status_code == 303
    page = other.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{staff['moderator']} approved this entry at" in page
    assert "It is now approved; your action was not applied." in page

    entry = entry_state(app, entry_id)
    assert entry.status is EntryStatus.APPROVED
    assert entry.version == version + 1
    assert app.test_client().get(f"/e/{slug}").status_code == 200
    assert [event.action for event in _log(app)] == [Action.APPROVE]


def test_a_race_inside_the_database_is_caught_by_the_version_check(app, staff):
    """Both moderators loaded version 1 and passed the check; the second write must fail."""
    entry_id = make_entry(app)
    with app.app_context():
        first, second = Session(db.engine), Session(db.engine)
        try:
            mine = first.get(Entry, entry_id)
            theirs = second.get(Entry, entry_id)
            mine.status = EntryStatus.APPROVED
            first.commit()
            theirs.status = EntryStatus.REJECTED
            with pytest.raises(StaleDataError):
                second.commit()
            second.rollback()
        finally:
            first.close()
            second.close()
    assert entry_state(app, entry_id).status is EntryStatus.APPROVED


def _approved_by_another_worker(app, entry_id: int, email: str) -> None:
    """Another worker approves the entry and commits, with its log line."""
    with app.app_context(), Session(db.engine) as other:
        row = other.get(Entry, entry_id)
        row.status = EntryStatus.APPROVED
        actor = other.scalar(select(User).where(User.email == email))
        other.add(
            ModerationEvent(
                actor_id=actor.id,
                actor_email=actor.email,
                action=Action.APPROVE,
                entry_id=row.id,
                entry_slug=row.slug,
                from_status=EntryStatus.PENDING,
                to_status=EntryStatus.APPROVED,
            )
        )
        other.commit()


def _someone_else_first(app, monkeypatch, email: str, raced: set[int]) -> None:
    """Between our read and our write of each entry in raced, once, another worker approves
    it, so our version check passes and only the database's own check can catch it."""
    real_apply = actions.apply

    def apply(entry, action, **kwargs):
        if entry.id in raced:
            raced.discard(entry.id)
            _approved_by_another_worker(app, entry.id, email)
        return real_apply(entry, action, **kwargs)

    monkeypatch.setattr(actions, "apply", apply)


def test_the_view_turns_a_database_race_into_the_same_clear_message(
    app, moderator, staff, monkeypatch
):
    entry_id = make_entry(app)
    _someone_else_first(app, monkeypatch, staff["moderator2"], {entry_id})
    response = act(moderator, entry_id, "reject", version=1, reason_choice="spam")
    page = moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{staff['moderator2']} approved this entry" in page
    assert entry_state(app, entry_id).status is EntryStatus.APPROVED
    assert [event.action for event in _log(app)] == [Action.APPROVE]


def test_a_bulk_action_that_meets_a_database_race_does_the_rest_and_names_the_one_left(
    app, moderator, staff, monkeypatch
):
    ids = make_entries(app, 3)
    raced = entry_state(app, ids[0])
    _someone_else_first(app, monkeypatch, staff["moderator2"], {ids[0]})
    response = bulk(
        moderator,
        "reject",
        reason_choice="spam",
        scope="selected",
        ids=[f"{entry_id}:1" for entry_id in ids],
    )
    assert response.status_code == 303
    page = moderator.get("/moderate?status=all").get_data(as_text=True)
    assert "2 entries rejected." in page
    assert raced.name in page.split("2 entries rejected.", 1)[1].split("</", 1)[0]
    statuses = [entry_state(app, entry_id).status for entry_id in ids]
    assert statuses == [EntryStatus.APPROVED, EntryStatus.REJECTED, EntryStatus.REJECTED]
    assert [event.action for event in _log(app)] == [Action.APPROVE] + [Action.REJECT] * 2


def test_bulk_approve_acts_on_the_ticked_entries_only(app, moderator):
    ids = make_entries(app, 5)
    ticked = [f"{entry_id}:1" for entry_id in ids[:3]]
    response = bulk(moderator, "approve", scope="selected", ids=ticked)
    assert response.status_code == 303
    assert "3 entries approved." in moderator.get("/moderate").get_data(as_text=True)
    statuses = [entry_state(app, entry_id).status for entry_id in ids]
    assert statuses == [EntryStatus.APPROVED] * 3 + [EntryStatus.PENDING] * 2
    assert len(_log(app)) == 3


def test_bulk_reject_of_all_on_the_page_skips_entries_changed_meanwhile(app, moderator):
    ids = make_entries(app, 4)
    html = moderator.get("/moderate").get_data(as_text=True)
    page_ids = re.findall(r'name="page_ids" value="([^"]+)"', html)
    assert page_ids == [f"{entry_id}:1" for entry_id in ids]
    act(moderator, ids[1], "approve", version=1)  # someone acts on one of them first

    response = bulk(moderator, "reject", scope="page", page_ids=page_ids, reason_choice="spam")
    page = moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 entries rejected." in page
    assert "approved this entry" in page
    statuses = [entry_state(app, entry_id).status for entry_id in ids]
    assert statuses == [
        EntryStatus.REJECTED,
        EntryStatus.APPROVED,
        EntryStatus.REJECTED,
        EntryStatus.REJECTED,
    ]
    assert all(event.reason == "Spam or advertising" for event in _log(app)[1:])


def test_bulk_without_any_ticked_entry_changes_nothing(app, moderator):
    ids = make_entries(app, 2)
    token = form_token(moderator, "/moderate")
    response = moderator.post(
        "/moderate/bulk", data={"csrf_token": token, "action": "approve", "scope": "selected"}
    )
    assert "Tick the entries" in moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert {entry_state(app, entry_id).status for entry_id in ids} == {EntryStatus.PENDING}


def test_each_entry_page_shows_its_moderation_history(app, moderator, admin, staff):
    entry_id = make_entry(app)
    act(moderator, entry_id, "reject", reason_choice="other", reason_text="photo of a poster")
    page = moderator.get(f"/moderate/entries/{entry_id}").get_data(as_text=True)
    assert "photo of a poster" in page
    assert staff["moderator"] in page
    assert "pending → rejected" in page
    moderator.set_cookie("lang", "ar", domain="campaign.test")
    arabic = moderator.get(f"/moderate/entries/{entry_id}").get_data(as_text=True)
    pending, rejected = translate("ar", "pending"), translate("ar", "rejected")
    assert f"{pending} ← {rejected}" in arabic, "read right to left, the arrow points left"
    assert f"→ {translate('ar', 'Back to the queue')}</a>" in arabic, "and back points right"
    admin.set_cookie("lang", "ar", domain="campaign.test")
    assert f"{pending} ← {rejected}" in admin.get("/moderate/audit").get_data(as_text=True)


def test_admins_export_the_log_as_csv(app, moderator, admin):
    ids = make_entries(app, 2)
    act(moderator, ids[0], "approve")
    act(moderator, ids[1], "reject", reason_choice="other", reason_text="=HYPERLINK(evil)")
    assert moderator.get("/moderate/audit.csv").status_code == 403

    response = admin.get("/moderate/audit.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(row["action"], row["from_status"], row["to_status"]) for row in rows] == [
        ("approve", "pending", "approved"),
        ("reject", "pending", "rejected"),
    ]
    assert rows[0]["actor"] == "mod@city.example"
    assert rows[0]["entry_id"] == str(ids[0])
    assert rows[1]["reason"] == "'=HYPERLINK(evil)"  # never a live spreadsheet formula
    assert "approve" in admin.get("/moderate/audit").get_data(as_text=True)


def test_the_moderation_log_cannot_be_changed_or_deleted(app, moderator):
    entry_id = make_entry(app)
    act(moderator, entry_id, "approve")
    with app.app_context():
        event = db.session.scalars(select(ModerationEvent)).one()
        event.reason = "rewritten history"
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()
        event = db.session.scalars(select(ModerationEvent)).one()
        db.session.delete(event)
        with pytest.raises(AppendOnlyError):
            db.session.flush()
        db.session.rollback()
    assert len(_log(app)) == 1


def test_erasing_an_entry_keeps_its_log_lines_without_personal_data(app, moderator):
    from tests.factories import manage_token

    submitter = app.test_client()
    token = manage_token(submit(submitter))
    with app.app_context():
        entry_id = db.session.scalars(select(Entry.id)).one()
    act(moderator, entry_id, "approve")
    html = submitter.get(f"/m/{token}/erase").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    assert submitter.post(f"/m/{token}/erase", data={"csrf_token": csrf}).status_code == 200
    with app.app_context():
        assert db.session.get(Entry, entry_id) is None
    [event] = _log(app)
    assert event.entry_id == entry_id
    assert "Aino" not in repr(vars(event))


def test_bulk_reject_needs_a_reason_and_says_when_entries_were_erased(app, moderator):
    ids = make_entries(app, 2)
    token = form_token(moderator, "/moderate")
    data = {"csrf_token": token, "action": "reject", "scope": "selected"}
    ticked = [f"{ids[0]}:1", "999999:1"]
    response = moderator.post(
        "/moderate/bulk", data={**data, "ids": ticked, "reason_choice": "other"}
    )
    assert "Please give a reason" in moderator.get(response.headers["Location"]).get_data(
        as_text=True
    )
    response = moderator.post(
        "/moderate/bulk", data={**data, "ids": ticked, "reason_choice": "duplicate"}
    )
    page = moderator.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 entry rejected." in page
    assert "1 no longer there" in page
    assert entry_state(app, ids[0]).status is EntryStatus.REJECTED
