"""Staff accounts: moderators and admins who sign in at /moderate/login."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.dbtypes import enum_column, utcnow
from campaign.extensions import db
from campaign.models.edition import Edition


class Role(enum.StrEnum):
    MODERATOR = "moderator"
    ADMIN = "admin"
    # Staff of one city edition (User.edition_id): they see and act on its entries only.
    CITY_MODERATOR = "city_moderator"
    # Also manages the edition's branding, its moderators and its officials' invitations.
    CITY_ADMIN = "city_admin"


CITY_ROLES = frozenset({Role.CITY_MODERATOR, Role.CITY_ADMIN})


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so one person cannot hold two accounts differing by case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"), default=Role.MODERATOR)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]
    # Part of the id every session carries: raising it ends all sessions signed in before
    # (sign-out, a new password, a disabled account), even a copied cookie.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The city edition a city moderator or city admin works for; NULL for global staff. A
    # city account whose edition is gone (SET NULL) sees nothing: the role, not this column,
    # says whether an account is global (campaign/moderation/scope.py).
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("editions.id", ondelete="SET NULL"), index=True
    )

    edition: Mapped[Edition | None] = relationship()

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the account and its session version."""
        return f"{self.id}.{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_admin(self) -> bool:
        """A global admin: every page, every edition."""
        return self.role is Role.ADMIN

    @property
    def is_city_staff(self) -> bool:
        return self.role in CITY_ROLES

    @property
    def manages_accounts(self) -> bool:
        """A global admin, or a city admin (for their edition's moderators)."""
        return self.role in (Role.ADMIN, Role.CITY_ADMIN)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"
