"""Refusing text the share cards cannot draw, with a message that names the field."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from campaign.cards import unsupported_characters

MESSAGES = {
    "name": _l(
        "Your name has a character the card cannot show: %(characters)s. "
        "Please leave it out or write it another way."
    ),
    "city": _l(
        "The city has a character the card cannot show: %(characters)s. "
        "Please leave it out or write it another way."
    ),
    "title": _l(
        "The title has a character the card cannot show: %(characters)s. "
        "Please leave it out or write it another way."
    ),
    "statement": _l(
        "Your statement has a character the card cannot show: %(characters)s. "
        "Please leave it out or write it another way."
    ),
}
SHOWN = 3  # characters named in the message; the person fixes them and sees the next


def drawable(field_name: str):
    """A WTForms validator: every character of the field has a glyph in the card fonts."""
    message = MESSAGES[field_name]

    def check(form, field) -> None:
        missing = unsupported_characters(field.data or "")
        if missing:
            named = ", ".join(f"“{char}” (U+{ord(char):04X})" for char in missing[:SHOWN])
            raise ValidationError(message % {"characters": named})

    return check
