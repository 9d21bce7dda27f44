"""Staff accounts: creating, authenticating, disabling. Plain functions that flush, never commit."""

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.models import CITY_ROLES, Edition, Role, User
from campaign.moderation.scope import GLOBAL, Scope
from campaign.numbers import parse_int

PASSWORD_MIN = 12
# Checked when no account matches, so an unknown email costs as much time as a known one.
_DUMMY_HASH = generate_password_hash("not-a-real-password-only-for-timing")


class AccountError(ValueError):
    """A change to staff accounts that cannot be made, with a message for the admin."""


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    """A scrypt hash (werkzeug's default: salted, memory-hard)."""
    return generate_password_hash(password)


def check_password_rules(password: str) -> None:
    if len(password or "") < PASSWORD_MIN:
        raise AccountError(_("Passwords need at least %(num)d characters.", num=PASSWORD_MIN))


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None whatever the reason."""
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    if not user.active:
        return None
    user.last_sign_in_at = utcnow()
    db.session.flush()
    return user


def create_user(
    email: str, password: str, role: Role = Role.MODERATOR, edition_id: int | None = None
) -> User:
    """Add a staff account; AccountError when the email is taken, the password too short, or
    the role and edition do not go together (city staff have one, global staff none)."""
    email = normalize_email(email)
    if (role in CITY_ROLES) != (edition_id is not None):
        raise AccountError(
            _("City moderators and city admins work for one edition; global staff for none.")
        )
    if edition_id is not None and db.session.get(Edition, edition_id) is None:
        raise AccountError(_("There is no such city edition."))
    if "@" not in email or len(email) > 254:
        raise AccountError(_("Please give a valid email address."))
    check_password_rules(password)
    if find_user(email) is not None:
        raise AccountError(_("There is already an account with this email."))
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=role,
        active=True,
        edition_id=edition_id,
    )
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user: User, password: str) -> None:
    """A new password, which ends every session signed in with the old one."""
    check_password_rules(password)
    user.password_hash = hash_password(password)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Sign the account out everywhere: sessions carrying an older version stop working."""
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()


def set_active(user: User, active: bool, *, by: User | None = None) -> None:
    """Disable or re-enable an account; the last active admin cannot be disabled."""
    if not active and by is not None and user.id == by.id:
        raise AccountError(_("You cannot disable your own account."))
    if not active and user.role is Role.ADMIN and user.active and active_admin_count() <= 1:
        raise AccountError(_("The last active admin cannot be disabled."))
    user.active = active
    if not active:
        end_sessions(user)  # so re-enabling it does not bring old sessions back
    db.session.flush()


def active_admin_count() -> int:
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)
    )


def all_users(scope: Scope = GLOBAL) -> list[User]:
    """Every account in the scope: a city admin sees their edition's staff only."""
    query = scope.filter(select(User), User.edition_id)
    return list(db.session.scalars(query.order_by(User.role, User.email)))


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader, on every request: the session must carry the account's current
    session version (see User.get_id), and a disabled account's sessions stop at once."""
    user_id, _, version = session_id.partition(".")
    number, version_number = parse_int(user_id), parse_int(version)
    if number is None or version_number is None:
        return None
    user = db.session.get(User, number)
    if user is None or not user.active or user.session_version != version_number:
        return None
    return user
