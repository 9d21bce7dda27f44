"""Forms of the moderation pages and the visitor's report form (all CSRF-protected)."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from campaign.forms import Form
from campaign.models import ReportReason, Role
from campaign.moderation.accounts import PASSWORD_MIN
from campaign.moderation.reports import NOTE_MAX, REASON_LABELS

REJECT_REASONS = [
    ("off_topic", "Not about lifelong learning"),
    ("offensive", "Offensive or hateful"),
    ("not_a_person", "Not a photo of the person"),
    ("privacy", "Shows someone else's private information"),
    ("spam", "Spam or advertising"),
    ("duplicate", "Duplicate entry"),
    ("other", "Other (type it)"),
]
REJECT_REASON_LABELS = dict(REJECT_REASONS)


class LoginForm(Form):
    email = EmailField("Email", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1024)])


class ActionForm(Form):
    """One action on one entry; the clicked button's name="action" says which."""

    version = IntegerField(validators=[InputRequired()])
    reason_choice = SelectField(
        "Reason",
        choices=[SelectChoice(value, label) for value, label in REJECT_REASONS],
        validate_choice=False,
    )
    reason_text = StringField("Reason in your words", validators=[Optional(), Length(max=300)])
    next = HiddenField()

    def reason(self) -> str | None:
        """The typed reason, or the label of the chosen one."""
        typed = (self.reason_text.data or "").strip()
        if typed:
            return typed
        choice = self.reason_choice.data
        return REJECT_REASON_LABELS.get(choice) if choice and choice != "other" else None


class BulkForm(ActionForm):
    """Many entries at once: the ticked ones, or every one shown on the page."""

    version = HiddenField()


class UserForm(Form):
    email = EmailField(
        "Email",
        validators=[
            DataRequired(),
            Length(max=254),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Please give a valid email address."),
        ],
    )
    role = SelectField(
        "Role",
        choices=[
            SelectChoice(Role.MODERATOR.value, "Moderator"),
            SelectChoice(Role.ADMIN.value, "Admin"),
            SelectChoice(Role.CITY_MODERATOR.value, "City moderator (one edition's entries)"),
            SelectChoice(Role.CITY_ADMIN.value, "City admin (one edition's staff and branding)"),
        ],
    )
    # Choices set by the view: the editions, "" for none (global staff).
    # Checked when the account is made (accounts.create_user), with the role it goes with.
    edition = SelectField(
        "City edition (city moderators and city admins)", choices=[], validate_choice=False
    )
    password = PasswordField(
        f"Initial password (at least {PASSWORD_MIN} characters; give it to them in person)",
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=1024)],
    )


class PasswordForm(Form):
    current = PasswordField("Current password", validators=[DataRequired()])
    new = PasswordField(
        f"New password (at least {PASSWORD_MIN} characters)",
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=1024)],
    )


class ReportForm(Form):
    reason = RadioField(
        _l("What is wrong with this entry?"),
        choices=[SelectChoice(reason.value, label) for reason, label in REASON_LABELS.items()],
        validators=[InputRequired(_l("Please choose a reason."))],
    )
    note = TextAreaField(
        _l("Anything else we should know? (optional)"),
        validators=[Optional(), Length(max=NOTE_MAX)],
    )

    @property
    def reason_value(self) -> ReportReason:
        return ReportReason(self.reason.data)
