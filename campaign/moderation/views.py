"""The review queue and each entry's moderation page; thin views over actions and queue."""

import io
from datetime import UTC, datetime

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from campaign import cards
from campaign.extensions import db
from campaign.languages import LANGUAGES
from campaign.models import Action, Entry
from campaign.moderation import actions, audit, labels, policy, queue, reports, waiting
from campaign.moderation.access import staff_blueprint
from campaign.moderation.forms import REJECT_REASONS, ActionForm, BulkForm
from campaign.moderation.scope import current_scope, in_scope_or_404
from campaign.notices.sending import send_after_response
from campaign.numbers import parse_int
from campaign.storage import content_type, get_storage, is_public_key
from campaign.unit_of_work import unit_of_work
from campaign.urls import safe_local_path

bp = staff_blueprint("moderation", __name__)


def _default_status() -> str:
    """The tab that opens: what waits for this account's moderators under its edition's mode."""
    mode = policy.mode_for(current_user.edition_id, current_app.config["MODERATION"])
    return "approved" if mode == "post" else "pending"


@bp.app_context_processor
def _card_helpers() -> dict:
    return {"card_src": card_src}


def card_src(entry: Entry, fmt: str, *, edit: bool = False) -> str | None:
    """Where staff fetch a card: its public URL, or through the app when it is held."""
    revision = entry.open_revision if edit else None
    keys = revision.card_keys if revision is not None else {} if edit else entry.card_keys
    key = keys.get(fmt)
    if key is None:
        return None
    if is_public_key(key):
        return get_storage().url(key)
    return url_for("moderation.card", entry_id=entry.id, fmt=fmt, edit=1 if edit else None)


@bp.get("")
def queue_page():
    filters = queue.Filters.from_args(request.args, _default_status())
    scope = current_scope()
    result = queue.page(filters, current_app.config["MODERATION_PAGE_SIZE"], scope)
    return render_template(
        "moderation/queue.html",
        filters=filters,
        page=result,
        found_elsewhere=0 if result.entries else queue.found_in_other_tabs(filters, scope),
        counts=queue.status_counts(scope),
        waits=waiting.waiting(scope=scope),
        now=datetime.now(UTC),
        duration=waiting.duration,
        edited_count=queue.edited_count(scope),
        reported_total=reports.open_report_count(scope),
        flag_counts=queue.flag_counts(filters.status, scope),
        statuses=queue.TABS,
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
    entry = in_scope_or_404(Entry, entry_id)
    events = audit.events_for(entry.id)
    return render_template(
        "moderation/entry.html",
        entry=entry,
        formats=cards.FORMATS,
        events=events,
        revisions=audit.revisions_by_id(events),
        reports=reports.all_reports(entry.id),
        report_labels=reports.REASON_LABELS,
        form=ActionForm(),
        reject_reasons=REJECT_REASONS,
        here=url_for("moderation.entry_page", entry_id=entry.id),
    )


@bp.get("/entries/by-slug/<slug>")
def entry_by_slug(slug: str):
    """An entry named by its slug (as a duplicate-photo flag names it): its moderation page."""
    entry_id = db.session.scalar(select(Entry.id).where(Entry.slug == slug))
    if entry_id is None:
        abort(404)
    return redirect(url_for("moderation.entry_page", entry_id=in_scope_or_404(Entry, entry_id).id))


@bp.get("/entries/<int:entry_id>/photo")
def photo(entry_id: int):
    """The uploaded photo itself, for moderators only (the public only ever sees cards)."""
    entry = in_scope_or_404(Entry, entry_id)
    if not entry.has_photo:
        abort(404)
    try:
        data = get_storage().read(entry.photo_key)
    except FileNotFoundError:
        abort(404)
    response = send_file(io.BytesIO(data), mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, max-age=600"
    return response


@bp.get("/entries/<int:entry_id>/cards/<fmt>")
def card(entry_id: int, fmt: str):
    """A card for staff, wherever it is stored (held cards have no public URL)."""
    entry = in_scope_or_404(Entry, entry_id)
    revision = entry.open_revision if request.args.get("edit") else None
    key = (revision.card_keys if revision is not None else entry.card_keys).get(fmt)
    if key is None or (request.args.get("edit") and revision is None):
        abort(404)
    try:
        data = get_storage().read(key)
    except FileNotFoundError:
        abort(404)
    response = send_file(io.BytesIO(data), mimetype=content_type(key))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/entries/<int:entry_id>/act")
def act(entry_id: int):
    entry = in_scope_or_404(Entry, entry_id)
    form = ActionForm()
    action = _action_from(request.form.get("action"))
    back = safe_local_path(form.next.data, within="/moderate") or url_for(
        "moderation.entry_page", entry_id=entry_id
    )
    if action is None or not form.validate():
        flash(_form_problem(form), "error")
        return redirect(back, code=303)
    try:
        with unit_of_work() as files:
            event = actions.apply(
                entry,
                action,
                actor=current_user,
                expected_version=form.version.data,
                moderation_mode=current_app.config["MODERATION"],
                files=files,
                reason=form.reason() if action in (Action.REJECT, Action.REJECT_EDIT) else None,
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
    flash(labels.done_to_one(event.action, entry.name), "success")
    return send_after_response(redirect(back, code=303), [entry_id])


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
        flash(_("Tick the entries to act on, or choose “all on this page”."), "error")
        return redirect(back, code=303)
    reason = form.reason() if action is Action.REJECT else None
    if action is Action.REJECT and reason is None:
        flash(_("Please give a reason for rejecting."), "error")
        return redirect(back, code=303)
    done, skipped = actions.apply_many(
        wanted,
        action,
        actor=current_user,
        moderation_mode=current_app.config["MODERATION"],
        reason=reason,
        scope=current_scope(),
    )
    message = labels.done_to_many(action, len(done))
    if skipped:
        left = _("Left as they were (changed by someone else or not applicable):")
        message += f" {left} " + "; ".join(skipped)
    flash(message, "conflict" if skipped else "success")
    return send_after_response(redirect(back, code=303), done)


def _parse_ids(values: list[str]) -> dict[int, int]:
    """{"12:3", ...} → {entry id: version seen}; malformed values are ignored."""
    wanted = {}
    for value in values[:500]:
        entry_id, _colon, version = (parse_int(part) for part in value.partition(":"))
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
        abort(400, _("This form has expired. Please reload the page and try again."))
    for field in form:
        if field.errors:
            return f"{field.label.text}: {field.errors[0]}"
    return _("That action could not be understood. Please reload the page and try again.")
