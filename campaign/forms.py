"""The forms every feature shares: the base of every form, and the CSRF-only one.

Whatever a field is for (an e-mail to sign in with, a report's note, a reject reason, a
hidden value), a control character never belongs in it: PostgreSQL refuses NUL in text, so
it would otherwise surface as a 500 deep in a query. Fields a person reads later also get the
invisible-formatting policy of campaign.textinput; passwords are never displayed, so they
only lose the control characters.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import ValidationError

from campaign.textinput import TextInputError, check_controls, check_text, clean_text

# A select with a preselected choice needs no `required` (which HTML allows only with an empty
# placeholder first); the server still refuses a missing or unknown value.
ALWAYS_CHOSEN = {"required": False}
# The card designs (campaign/cards/designs.json) as people pick them: on the join page and in
# an edition's settings. A design added to designs.json without a label is shown by its name.
DESIGN_LABELS = {
    "split": _l("Photo beside a panel of words"),
    "band": _l("Photo across the card, words on a band"),
}


class Form(FlaskForm):
    """A CSRF-protected form whose text fields refuse characters no person means to send."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if field.errors or field.name == "csrf_token":
                continue
            for value in _texts(field):
                try:
                    if isinstance(field, PasswordField):
                        check_controls(value)
                    else:
                        check_text(value)
                except TextInputError as error:
                    field.errors = [*field.errors, str(error)]
                    valid = False
                    break
        return valid


class EmptyForm(Form):
    """A button that changes something: the CSRF token and nothing else."""


def _texts(field) -> list[str]:
    """What the person sent for this field, as text: its data and the raw values."""
    values = [value for value in (field.raw_data or []) if isinstance(value, str)]
    if isinstance(field.data, str):
        values.append(field.data)
    return values


def cleaned_line(value: str | None) -> str:
    """A field filter: one line of text, tidied (see campaign.textinput.clean_text)."""
    try:
        return clean_text(value)
    except TextInputError:
        # Keep what was typed so the validator can say what is wrong with it.
        return value or ""


def cleaned_paragraphs(value: str | None) -> str:
    """A field filter: paragraphs of text, each line tidied."""
    try:
        return clean_text(value, allow_newlines=True)
    except TextInputError:
        return value or ""


def check_characters(form: Form, field) -> None:
    """A validator: the characters campaign.textinput refuses, with its message."""
    try:
        clean_text(field.data)
    except TextInputError as error:
        raise ValidationError(str(error)) from None
