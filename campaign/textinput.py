"""What people type: normalised, checked for characters that would mislead or break a page."""

import unicodedata

from flask_babel import lazy_gettext as _l

# Bidi embeddings, overrides and isolates can reorder the text around them on the wall
# ("Trojan Source"); a statement never needs them, the layout sets the direction.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
# Zero-width joiners stay: emoji sequences and some scripts need them.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad")


class TextInputError(ValueError):
    """The text cannot be accepted; the message is meant for the person."""


def clean_text(value: str | None, *, allow_newlines: bool = False) -> str:
    """The text in NFC with whitespace tidied, or TextInputError for characters we refuse."""
    value = unicodedata.normalize("NFC", value or "")
    for character in value:
        category = unicodedata.category(character)
        # Werkzeug decodes bytes that are not UTF-8 to U+FFFD: the text arrived garbled.
        if character == "\ufffd":
            raise TextInputError(_l("This text could not be read correctly. Please type it again."))
        if category == "Cs":
            raise TextInputError(_l("This text contains characters that cannot be displayed."))
        if character in BIDI_CONTROLS:
            raise TextInputError(_l("This text contains invisible direction-changing characters."))
        if category == "Cc" and character not in "\t\r\n":
            raise TextInputError(_l("This text contains control characters."))
        # Unassigned code points stay allowed: newer emoji are unassigned to Python 3.11.
        if 0xFDD0 <= ord(character) <= 0xFDEF or ord(character) & 0xFFFE == 0xFFFE:
            raise TextInputError(_l("This text contains characters that cannot be displayed."))
    value = "".join(character for character in value if character not in INVISIBLE)
    if allow_newlines:
        lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return " ".join(value.split())
