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
from campaign.i18n import N_
from campaign.models import ReportReason, Role
from campaign.moderation.accounts import PASSWORD_MIN
from campaign.moderation.reports import NOTE_MAX, REASON_LABELS

# Logged by their English label (the log is read in every language: campaign/moderation/
# labels.py `reason_label`), shown in the moderator's language.
REJECT_REASONS = [
    ("off_topic", N_("Not about lifelong learning")),
    ("offensive", N_("Offensive or hateful")),
    ("not_a_person", N_("Not a photo of the person")),
    ("privacy", N_("Shows someone else’s private information")),
    ("spam", N_("Spam or advertising")),
    ("duplicate", N_("Duplicate entry")),
    ("other", N_("Other (type it)")),
]
REJECT_REASON_LABELS = dict(REJECT_REASONS)


class LoginForm(Form):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


class ActionForm(Form):
    """One action on one entry; the clicked button's name="action" says which."""

    version = IntegerField(validators=[InputRequired()])
    reason_choice = SelectField(
        _l("Reason"),
        choices=[SelectChoice(value, label) for value, label in REJECT_REASONS],
        validate_choice=False,
    )
    reason_text = StringField(_l("Reason in your words"), validators=[Optional(), Length(max=300)])
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
        _l("Email"),
        validators=[
            DataRequired(),
            Length(max=254),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Please give a valid email address.")),
        ],
    )
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice(Role.MODERATOR.value, _l("Moderator")),
            SelectChoice(Role.ADMIN.value, _l("Admin")),
            SelectChoice(Role.CITY_MODERATOR.value, _l("City moderator (one edition’s entries)")),
            SelectChoice(
                Role.CITY_ADMIN.value, _l("City admin (one edition’s staff and branding)")
            ),
        ],
    )
    # Choices set by the view: the editions, "" for none (global staff).
    # Checked when the account is made (accounts.create_user), with the role it goes with.
    edition = SelectField(
        _l("City edition (city moderators and city admins)"), choices=[], validate_choice=False
    )
    password = PasswordField(
        _l(
            "Initial password (at least %(num)d characters; give it to them in person)",
            num=PASSWORD_MIN,
        ),
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=1024)],
    )


class PasswordForm(Form):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(
        _l("New password (at least %(num)d characters)", num=PASSWORD_MIN),
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
