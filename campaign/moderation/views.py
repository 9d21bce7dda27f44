"""The review queue and each entry's moderation page; thin views over actions and queue."""

import io
from datetime import UTC, datetime

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from campaign import cards
from campaign.extensions import db
from campaign.languages import LANGUAGES
from campaign.models import Action, Entry
from campaign.moderation import actions, audit, queue, reports, waiting
from campaign.moderation.access import staff_blueprint
from campaign.moderation.forms import REJECT_REASONS, ActionForm, BulkForm
from campaign.numbers import parse_int
from campaign.storage import get_storage
from campaign.unit_of_work import unit_of_work
from campaign.urls import safe_local_path

bp = staff_blueprint("moderation", __name__)


def _default_status() -> str:
    return "approved" if current_app.config["MODERATION"] == "post" else "pending"


@bp.get("")
def queue_page():
    filters = queue.Filters.from_args(request.args, _default_status())
    result = queue.page(filters, current_app.config["MODERATION_PAGE_SIZE"])
    return render_template(
        "moderation/queue.html",
        filters=filters,
        page=result,
        counts=queue.status_counts(),
        waits=waiting.waiting(),
        now=datetime.now(UTC),
        duration=waiting.duration,
        reported_total=reports.open_report_count(),
        flag_counts=queue.flag_counts(filters.status),
        statuses=queue.STATUSES,
        flag_filters=queue.FLAG_FILTERS,
        flag_names=queue.FLAG_NAMES,
        entry_languages=LANGUAGES,
        report_labels=reports.REASON_LABELS,
        form=ActionForm(),
        bulk_form=BulkForm(),
        reject_reasons=REJECT_REASONS,
        here=request.full_path.rstrip("?"),
    )


@bp.get("/entries/<int:entry_id>")
def entry_page(entry_id: int):
    entry = db.get_or_404(Entry, entry_id)
    storage = get_storage()
    return render_template(
        "moderation/entry.html",
        entry=entry,
        card_urls={fmt: storage.url(key) for fmt, key in entry.card_keys.items()},
        formats=cards.FORMATS,
        events=audit.events_for(entry.id),
        reports=reports.all_reports(entry.id),
        report_labels=reports.REASON_LABELS,
        form=ActionForm(),
        reject_reasons=REJECT_REASONS,
        here=url_for("moderation.entry_page", entry_id=entry.id),
    )


@bp.get("/entries/<int:entry_id>/photo")
def photo(entry_id: int):
    """The uploaded photo itself, for moderators only (the public only ever sees cards)."""
    entry = db.get_or_404(Entry, entry_id)
    if not entry.has_photo:
        abort(404)
    try:
        data = get_storage().read(entry.photo_key)
    except FileNotFoundError:
        abort(404)
    response = send_file(io.BytesIO(data), mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, max-age=600"
    return response


@bp.post("/entries/<int:entry_id>/act")
def act(entry_id: int):
    entry = db.get_or_404(Entry, entry_id)
    form = ActionForm()
    action = _action_from(request.form.get("action"))
    back = safe_local_path(form.next.data, within="/moderate") or url_for(
        "moderation.entry_page", entry_id=entry_id
    )
    if action is None or not form.validate():
        flash(_form_problem(form), "error")
        return redirect(back, code=303)
    try:
        with unit_of_work():
            event = actions.apply(
                entry,
                action,
                actor=current_user,
                expected_version=form.version.data,
                moderation_mode=current_app.config["MODERATION"],
                reason=form.reason() if action is Action.REJECT else None,
            )
    except actions.Conflict as conflict:
        flash(conflict.describe(), "conflict")
        return redirect(back, code=303)
    except StaleDataError:
        fresh = db.session.get(Entry, entry_id, populate_existing=True)
        flash(actions.Conflict(fresh, audit.last_event_for(entry_id)).describe(), "conflict")
        return redirect(back, code=303)
    except actions.ActionError as error:
        flash(str(error), "error")
        return redirect(back, code=303)
    flash(f"{entry.name}: {audit.past_tense(event.action)}.", "success")
    return redirect(back, code=303)


@bp.post("/bulk")
def bulk():
    form = BulkForm()
    action = _action_from(request.form.get("action"))
    back = safe_local_path(form.next.data, within="/moderate") or url_for("moderation.queue_page")
    if action not in (Action.APPROVE, Action.REJECT) or not form.validate():
        flash(_form_problem(form), "error")
        return redirect(back, code=303)
    field = "page_ids" if request.form.get("scope") == "page" else "ids"
    wanted = _parse_ids(request.form.getlist(field))
    if not wanted:
        flash("Tick the entries to act on, or choose “all on this page”.", "error")
        return redirect(back, code=303)
    reason = form.reason() if action is Action.REJECT else None
    if action is Action.REJECT and reason is None:
        flash("Please give a reason for rejecting.", "error")
        return redirect(back, code=303)
    done, skipped = actions.apply_many(
        wanted,
        action,
        actor=current_user,
        moderation_mode=current_app.config["MODERATION"],
        reason=reason,
    )
    verb = audit.past_tense(action)
    message = f"{len(done)} {'entry' if len(done) == 1 else 'entries'} {verb}."
    if skipped:
        message += " Left as they were (changed by someone else or not applicable): " + "; ".join(
            skipped
        )
    flash(message, "conflict" if skipped else "success")
    return redirect(back, code=303)


def _parse_ids(values: list[str]) -> dict[int, int]:
    """{"12:3", ...} → {entry id: version seen}; malformed values are ignored."""
    wanted = {}
    for value in values[:500]:
        entry_id, _, version = (parse_int(part) for part in value.partition(":"))
        if entry_id is not None and version is not None:
            wanted[entry_id] = version
    return wanted


def _action_from(value: str | None) -> Action | None:
    try:
        action = Action(value)
    except ValueError:
        return None
    return action if action in actions.ENTRY_ACTIONS else None


def _form_problem(form) -> str:
    if form.csrf_token.errors:
        abort(400, "This form has expired. Please reload the page and try again.")
    for field in form:
        if field.errors:
            return f"{field.label.text}: {field.errors[0]}"
    return "That action could not be understood. Please reload the page and try again."
