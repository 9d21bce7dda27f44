"""Who sees what: global moderators and admins every entry, city staff their edition's only.

Whatever is out of an account's scope is "not there": a 404, never a 403, so the ids of
another edition's entries, accounts and invitations do not leak.
"""

from dataclasses import dataclass
from typing import TypeVar

from flask import abort
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, false

from campaign.extensions import db
from campaign.models import CITY_ROLES, User

T = TypeVar("T")


@dataclass(frozen=True)
class Scope:
    """Everything (global staff), or one edition's objects (city staff)."""

    everything: bool
    edition_id: int | None = None

    @classmethod
    def of(cls, user: User) -> "Scope":
        if user.role in CITY_ROLES:
            # A city account whose edition is gone sees nothing, never everything.
            return cls(everything=False, edition_id=user.edition_id)
        return cls(everything=True)

    def condition(self, column) -> ColumnElement[bool]:
        """The SQL condition for rows whose edition column is in scope (city staff only)."""
        return false() if self.edition_id is None else column == self.edition_id

    def filter(self, query: Select, column) -> Select:
        """The query, limited to rows whose edition column is in scope."""
        return query if self.everything else query.where(self.condition(column))

    def covers(self, edition_id: int | None) -> bool:
        return self.everything or (self.edition_id is not None and edition_id == self.edition_id)


GLOBAL = Scope(everything=True)


def current_scope() -> Scope:
    return Scope.of(current_user) if current_user.is_authenticated else Scope(everything=False)


def in_scope_or_404(model: type[T], object_id: int) -> T:
    """The object (an entry, account or invitation with an edition_id) or 404 when it does
    not exist or belongs to an edition out of the signed-in account's scope."""
    found = db.get_or_404(model, object_id)
    if not current_scope().covers(found.edition_id):
        abort(404)
    return found


def edition_in_scope_or_404(model: type[T], edition_id: int) -> T:
    """An edition the signed-in account may manage (a city admin: their own), else 404."""
    found = db.get_or_404(model, edition_id)
    if not current_scope().covers(found.id):
        abort(404)
    return found
