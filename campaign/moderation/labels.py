"""What the staff pages call statuses, actions, roles and flags, in the moderator's language.

The database and the moderation log keep the stable values (an enum's value, a chosen
reason's English label); these names are only for reading them.
"""

import re

from flask import Flask
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from campaign.models import Action, EntryStatus, FlagKind, Role
from campaign.moderation import flags
from campaign.moderation.audit import SUBMITTER
from campaign.moderation.forms import REJECT_REASON_LABELS

STATUS_LABELS = {
    EntryStatus.PENDING: _l("pending"),
    EntryStatus.APPROVED: _l("approved"),
    EntryStatus.REJECTED: _l("rejected"),
    EntryStatus.UNPUBLISHED: _l("unpublished"),
    # The queue's tab of public entries whose statement edit waits for a look.
    "edited": _l("edited"),
    "all": _l("all"),
}
ACTION_LABELS = {
    Action.APPROVE: _l("approve"),
    Action.REJECT: _l("reject"),
    Action.UNPUBLISH: _l("unpublish"),
    Action.RESTORE: _l("restore"),
    Action.FEATURE: _l("feature"),
    Action.UNFEATURE: _l("unfeature"),
    Action.DISMISS_REPORTS: _l("dismiss the reports"),
    Action.EDIT: _l("edit by the submitter"),
    Action.APPROVE_EDIT: _l("approve the edit"),
    Action.REJECT_EDIT: _l("reject the edit"),
    Action.ADD_USER: _l("add an account"),
    Action.DISABLE_USER: _l("disable an account"),
    Action.ENABLE_USER: _l("re-enable an account"),
}
ROLE_LABELS = {
    Role.MODERATOR: _l("moderator"),
    Role.ADMIN: _l("admin"),
    Role.CITY_MODERATOR: _l("city moderator"),
    Role.CITY_ADMIN: _l("city admin"),
}
FLAG_LABELS = {
    FlagKind.BLOCKLIST: _l("Words"),
    FlagKind.DUPLICATE_PHOTO: _l("Duplicate photo"),
    FlagKind.IP_BURST: _l("Many from one network"),
}
# What a moderator reads after acting on one entry: whole sentences, as languages agree
# the participle with the entry ("approuvée").
DONE_TO_ONE = {
    Action.APPROVE: _l("%(name)s: approved."),
    Action.REJECT: _l("%(name)s: rejected."),
    Action.UNPUBLISH: _l("%(name)s: unpublished."),
    Action.RESTORE: _l("%(name)s: restored."),
    Action.FEATURE: _l("%(name)s: featured."),
    Action.UNFEATURE: _l("%(name)s: unfeatured."),
    Action.DISMISS_REPORTS: _l("%(name)s: reports dismissed."),
    Action.APPROVE_EDIT: _l("%(name)s: edit approved."),
    Action.REJECT_EDIT: _l("%(name)s: edit rejected."),
}
# What a moderator reads when someone else acted first: "%(who)s approved this entry…".
CHANGED_BY = {
    Action.APPROVE: _l("%(who)s approved this entry at %(time)s while you were looking at it."),
    Action.REJECT: _l("%(who)s rejected this entry at %(time)s while you were looking at it."),
    Action.UNPUBLISH: _l(
        "%(who)s unpublished this entry at %(time)s while you were looking at it."
    ),
    Action.RESTORE: _l("%(who)s restored this entry at %(time)s while you were looking at it."),
    Action.FEATURE: _l("%(who)s featured this entry at %(time)s while you were looking at it."),
    Action.UNFEATURE: _l("%(who)s unfeatured this entry at %(time)s while you were looking at it."),
    Action.DISMISS_REPORTS: _l(
        "%(who)s dismissed the reports on this entry at %(time)s while you were looking at it."
    ),
    Action.EDIT: _l("%(who)s edited this entry at %(time)s while you were looking at it."),
    Action.APPROVE_EDIT: _l(
        "%(who)s approved the edit of this entry at %(time)s while you were looking at it."
    ),
    Action.REJECT_EDIT: _l(
        "%(who)s rejected the edit of this entry at %(time)s while you were looking at it."
    ),
}
CARD_FORMAT_LABELS = {
    "landscape": _l("Landscape card"),
    "square": _l("Square card"),
    "story": _l("Story card"),
}


def done_to_one(action: Action, name: str) -> str:
    message = DONE_TO_ONE.get(action)
    return message % {"name": name} if message else f"{name}: {action_label(action)}."


def done_to_many(action: Action, count: int) -> str:
    """Only approving and rejecting are done in bulk."""
    if action is Action.APPROVE:
        return ngettext("%(num)d entry approved.", "%(num)d entries approved.", count)
    return ngettext("%(num)d entry rejected.", "%(num)d entries rejected.", count)


def changed_by(action: Action, actor_email: str, time: str) -> str:
    message = CHANGED_BY.get(action) or _l(
        "%(who)s changed this entry at %(time)s while you were looking at it."
    )
    return message % {"who": actor_label(actor_email), "time": time}


def actor_label(actor_email: str) -> str:
    """Who a log line names: a staff account's e-mail, or the submitter, by name."""
    return gettext(SUBMITTER) if actor_email == SUBMITTER else actor_email


def status_label(status: EntryStatus | str | None) -> str:
    return str(STATUS_LABELS.get(status, status or ""))


def action_label(action: Action) -> str:
    return str(ACTION_LABELS.get(action, action.value))


def role_label(role: Role) -> str:
    return str(ROLE_LABELS.get(role, role.value))


def flag_label(kind: FlagKind) -> str:
    return str(FLAG_LABELS.get(kind, kind.value))


def _stored_detail_pattern(stored_format: str) -> re.Pattern:
    """flags.DETAIL_FORMATS' "Same photo as {slugs}" as a pattern naming its values
    (digits for a "{count:d}")."""
    parts = re.split(r"\{(\w+)(:d)?\}", stored_format)
    pattern = ""
    for index in range(0, len(parts), 3):
        pattern += re.escape(parts[index])
        if index + 1 < len(parts):
            name, digits = parts[index + 1], parts[index + 2]
            value = r"\d+" if digits else ".+"
            pattern += f"(?P<{name}>{value})"
    return re.compile(pattern, re.S)


_STORED_DETAILS = {
    kind: _stored_detail_pattern(stored) for kind, stored in flags.DETAIL_FORMATS.items()
}


def flag_detail(kind: FlagKind | str, detail: str) -> str:
    """A flag as the moderator reads it, "Words: …", in their language."""
    kind = FlagKind(kind)
    found = _STORED_DETAILS[kind].fullmatch(detail) if kind in _STORED_DETAILS else None
    if found is None:
        return f"{flag_label(kind)}: {detail}" if detail else flag_label(kind)
    if kind is FlagKind.BLOCKLIST:
        return gettext("Words: %(words)s", words=found["words"])
    if kind is FlagKind.DUPLICATE_PHOTO:
        return gettext("Duplicate photo: the same as %(slugs)s", slugs=found["slugs"])
    count, minutes = int(found["count"]), int(found["minutes"])
    return ngettext(
        "Many from one network: %(num)d entry in %(minutes)d min",
        "Many from one network: %(num)d entries in %(minutes)d min",
        count,
        minutes=minutes,
    )


def duplicate_slugs(kind: FlagKind | str, detail: str) -> list[str]:
    """The entries a duplicate-photo flag names (their slugs), for the moderator to open."""
    pattern = _STORED_DETAILS[FlagKind.DUPLICATE_PHOTO]
    found = pattern.fullmatch(detail) if FlagKind(kind) is FlagKind.DUPLICATE_PHOTO else None
    return [slug.strip() for slug in found["slugs"].split(",")] if found else []


def card_format_label(name: str) -> str:
    return str(CARD_FORMAT_LABELS.get(name, name))


def reason_label(reason: str | None) -> str:
    """A logged reason as the moderator reads it: a reason chosen from the list is logged
    by its English label and shown in the reader's language; a typed one as typed."""
    if not reason:
        return ""
    return gettext(reason) if reason in REJECT_REASON_LABELS.values() else reason


def register_labels(app: Flask) -> None:
    for helper in (
        status_label,
        action_label,
        role_label,
        flag_label,
        card_format_label,
        reason_label,
        actor_label,
        flag_detail,
        duplicate_slugs,
    ):
        app.add_template_global(helper)
