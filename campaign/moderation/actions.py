"""What moderators do to entries: status transitions, each checked against the version the
moderator saw and written to the moderation log. Plain functions that flush, never commit,
except apply_many(), which is a whole request's work and commits it in one unit of work.
Approval notices (campaign/notices) go out after the commit, once the moderator has their
answer (campaign.notices.sending.send_after_response)."""

from dataclasses import dataclass

from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from campaign import cardfiles
from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import (
    Action,
    Entry,
    EntryStatus,
    ModerationEvent,
    Report,
    Revision,
    RevisionState,
    User,
)
from campaign.moderation import audit, flags, labels, policy
from campaign.moderation.scope import GLOBAL, Scope
from campaign.notices import addresses as notice_addresses
from campaign.storage import FileLedger
from campaign.unit_of_work import unit_of_work

S = EntryStatus
# The statuses each action starts from, and where it takes the entry.
TRANSITIONS: dict[Action, tuple[frozenset[EntryStatus], EntryStatus | None]] = {
    Action.APPROVE: (frozenset({S.PENDING, S.REJECTED, S.UNPUBLISHED}), S.APPROVED),
    Action.REJECT: (frozenset({S.PENDING, S.APPROVED, S.UNPUBLISHED}), S.REJECTED),
    Action.UNPUBLISH: (frozenset({S.APPROVED}), S.UNPUBLISHED),
    # Back to where a new entry starts in this campaign's mode (set in apply()).
    Action.RESTORE: (frozenset({S.REJECTED, S.UNPUBLISHED}), None),
    Action.FEATURE: (frozenset({S.APPROVED}), S.APPROVED),
    Action.UNFEATURE: (frozenset(S), None),
    Action.DISMISS_REPORTS: (frozenset(S), None),
    # Only a public entry's edit waits for a moderator (see submissions.service).
    Action.APPROVE_EDIT: (frozenset({S.APPROVED}), None),
    Action.REJECT_EDIT: (frozenset({S.APPROVED}), None),
}
EDIT_ACTIONS = frozenset({Action.APPROVE_EDIT, Action.REJECT_EDIT})
ENTRY_ACTIONS = frozenset(TRANSITIONS)
# Actions after which visitors' open reports on the entry count as dealt with.
RESOLVES_REPORTS = frozenset({Action.REJECT, Action.UNPUBLISH, Action.DISMISS_REPORTS})


class ActionError(ValueError):
    """The action does not apply to the entry as it is now."""


@dataclass
class Conflict(Exception):
    """Someone changed the entry after this moderator loaded it; nothing was changed."""

    entry: Entry
    last_event: ModerationEvent | None

    def describe(self) -> str:
        status = labels.status_label(self.entry.status)
        event = self.last_event
        if event is None:
            return _(
                "This entry changed while you were looking at it. It is now %(status)s.",
                status=status,
            )
        when = format_datetime(event.at, "HH:mm:ss") + " UTC"
        changed = labels.changed_by(event.action, event.actor_email, when)
        now = _("It is now %(status)s; your action was not applied.", status=status)
        return f"{changed} {now}"


def apply(
    entry: Entry,
    action: Action,
    *,
    actor: User,
    expected_version: int | None,
    moderation_mode: str,
    files: FileLedger,
    reason: str | None = None,
) -> ModerationEvent:
    """Apply one action to one entry, checking the version the moderator saw.

    `moderation_mode` is the campaign's; an entry of a city edition follows its edition's.

    The entry's cards follow its status (campaign.cardfiles): out of public reach while it
    is rejected or unpublished, back under new names when it returns. Raises Conflict when
    the entry changed since (the database's version check catches the remaining race, as
    StaleDataError at flush), ActionError when the action does not apply to the entry's
    status.
    """
    if action not in ENTRY_ACTIONS:
        raise ActionError(_("Unknown action: %(action)s", action=action))
    if expected_version is not None and entry.version != expected_version:
        raise Conflict(entry, audit.last_event_for(entry.id))
    allowed_from, target = TRANSITIONS[action]
    if entry.status not in allowed_from:
        raise ActionError(
            _(
                "An entry that is %(status)s cannot get “%(action)s”.",
                status=labels.status_label(entry.status),
                action=labels.action_label(action),
            )
        )
    if action is Action.REJECT and not (reason or "").strip():
        raise ActionError(_("Please give a reason for rejecting."))
    revision = entry.open_revision
    if action in EDIT_ACTIONS and revision is None:
        raise ActionError(_("This entry has no edit waiting for a decision."))
    if action is Action.REJECT_EDIT and revision.state is not RevisionState.PENDING:
        raise ActionError(
            _("This edit is already public (post-moderation): unpublish or reject the entry.")
        )

    previous = entry.status
    if action is Action.RESTORE:
        moderation_mode = policy.mode_for(entry.edition_id, moderation_mode)
        target = S.APPROVED if moderation_mode == "post" else S.PENDING
    if target is not None:
        entry.status = target
    if action is Action.FEATURE:
        entry.featured = True
    if action is Action.UNFEATURE or entry.status is not S.APPROVED:
        entry.featured = False
    if entry.status is S.APPROVED and entry.published_at is None:
        entry.published_at = utcnow()
    if entry.status is S.REJECTED:
        # Nobody is told about a rejection: the address asked for the approval notice goes.
        notice_addresses.forget(entry)
    if action in RESOLVES_REPORTS:
        _resolve_reports(entry, actor)
    if action is Action.APPROVE_EDIT:
        _approve_edit(entry, revision, files, actor)
    elif action is Action.REJECT_EDIT:
        _close_edit(revision, RevisionState.REJECTED, files, actor)
    elif revision is not None and not entry.is_public:
        # Rejecting or unpublishing an entry settles its edit too.
        _close_edit(revision, RevisionState.WITHDRAWN, files, actor)
        revision = None
    cardfiles.place_cards(entry, files)
    # Every action bumps the version, even those that change no column of the entry, so a
    # moderator who saw the entry before it is told what happened in between.
    entry.updated_at = utcnow()
    event = audit.record(
        actor,
        action,
        entry=entry,
        reason=reason,
        from_status=previous,
        to_status=entry.status,
        revision=revision if action in EDIT_ACTIONS else None,
    )
    db.session.flush()
    return event


def apply_many(
    wanted: dict[int, int],
    action: Action,
    *,
    actor: User,
    moderation_mode: str,
    reason: str | None = None,
    scope: Scope = GLOBAL,
) -> tuple[list[int], list[str]]:
    """Apply one action to many entries ({id: version seen}) and commit once.

    Returns the ids done and, for each entry left as it was, why. An entry someone else
    changed meanwhile is skipped, never overwritten; one out of the actor's scope (another
    city edition's) is counted with the erased ones, as if it did not exist.
    """
    try:
        done, skipped = _apply_many_once(wanted, action, actor, moderation_mode, reason, scope)
    except StaleDataError:
        # Someone acted on one of them between our read and our write: start again, and the
        # version check now sees it and leaves that entry alone.
        done, skipped = _apply_many_once(wanted, action, actor, moderation_mode, reason, scope)
    return done, skipped


def _apply_many_once(
    wanted: dict[int, int],
    action: Action,
    actor: User,
    moderation_mode: str,
    reason: str | None,
    scope: Scope,
) -> tuple[list[int], list[str]]:
    done, skipped = [], []
    with unit_of_work() as files:
        query = select(Entry).where(Entry.id.in_(wanted)).order_by(Entry.id)
        entries = list(db.session.scalars(scope.filter(query, Entry.edition_id)))
        gone = len(wanted) - len(entries)
        if gone:
            skipped.append(
                ngettext(
                    "%(num)d no longer there (erased by its author)",
                    "%(num)d no longer there (erased by their authors)",
                    gone,
                )
            )
        for entry in entries:
            try:
                apply(
                    entry,
                    action,
                    actor=actor,
                    expected_version=wanted[entry.id],
                    moderation_mode=moderation_mode,
                    files=files,
                    reason=reason,
                )
                done.append(entry.id)
            except Conflict as conflict:
                skipped.append(f"{entry.name} ({conflict.describe()})")
            except ActionError as error:
                skipped.append(f"{entry.name} ({error})")
    return done, skipped


def _approve_edit(entry: Entry, revision: Revision, files: FileLedger, actor: User) -> None:
    if revision.state is RevisionState.PENDING:
        for key in entry.card_keys.values():
            files.delete_after_commit(key)
        entry.statement = revision.statement
        entry.card_keys = cardfiles.move_cards(revision.card_keys, files, public=True)
        revision.card_keys = {}
        flags.flag_statement(entry)
    revision.state = RevisionState.APPROVED
    revision.decided_at = utcnow()
    revision.decided_by_id = actor.id


def _close_edit(revision: Revision, state: RevisionState, files: FileLedger, actor: User) -> None:
    for key in revision.card_keys.values():
        files.delete_after_commit(key)
    revision.card_keys = {}
    revision.state = state
    revision.decided_at = utcnow()
    revision.decided_by_id = actor.id


def _resolve_reports(entry: Entry, actor: User) -> None:
    now = utcnow()
    for report in db.session.scalars(
        select(Report).where(Report.entry_id == entry.id, Report.resolved_at.is_(None))
    ):
        report.resolved_at = now
        report.resolved_by_id = actor.id
