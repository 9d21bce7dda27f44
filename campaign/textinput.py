"""What people type: normalised, checked for characters that would mislead or break a page.

One policy for invisible formatting characters (Unicode category Cf), in every text field:
- direction marks, embeddings, overrides and isolates reorder the text around them on the
  wall ("Trojan Source", "Call ؜555-0100"); the layout sets the direction, so they are refused
  with a message that says so;
- zero-width joiner and non-joiner are kept: Persian and the Indic scripts need them to spell
  words right, and emoji sequences (👩‍👩‍👧) are built with the joiner;
- tag characters are kept only as an emoji tag sequence (🏴 + tags + U+E007F: the flags of
  England, Scotland and Wales); anywhere else they hide text;
- the zero-width space, word joiner, byte-order mark and soft hyphen are dropped: word
  processors paste them, and without them the text reads the same;
- every other format character (U+180E, U+206A–206F, invisible operators, interlinear
  annotations, ...) is refused.
Control characters (C0, DEL, C1) are refused too, except tab and line breaks, where allowed.
"""

import unicodedata

from flask_babel import lazy_gettext as _l

DIRECTION_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
JOINERS = frozenset("\u200c\u200d")
DROPPED = frozenset("\u200b\u2060\ufeff\u00ad")
TAG_BASE = "\U0001f3f4"  # 🏴 WAVING BLACK FLAG, the base of emoji tag sequences
TAG_CANCEL = "\U000e007f"
TAG_SPECS = range(0xE0020, 0xE007F)


class TextInputError(ValueError):
    """The text cannot be accepted; the message is meant for the person."""


def check_controls(value: str, *, allow_newlines: bool = True) -> None:
    """TextInputError if the text holds a control character (tab and line breaks aside)."""
    allowed = "\t\r\n" if allow_newlines else ""
    for character in value:
        if unicodedata.category(character) == "Cc" and character not in allowed:
            raise TextInputError(_l("This text contains control characters."))


def check_text(value: str) -> None:
    """TextInputError for any character this module's policy refuses."""
    check_controls(value)
    tag_run = False  # inside 🏴 + tag characters, before the cancel tag
    for index, character in enumerate(value):
        category = unicodedata.category(character)
        # Werkzeug decodes bytes that are not UTF-8 to U+FFFD: the text arrived garbled.
        if character == "\ufffd":
            raise TextInputError(_l("This text could not be read correctly. Please type it again."))
        if category == "Cs":
            raise TextInputError(_l("This text contains characters that cannot be displayed."))
        # Unassigned code points stay allowed: newer emoji are unassigned to Python 3.11.
        if 0xFDD0 <= ord(character) <= 0xFDEF or ord(character) & 0xFFFE == 0xFFFE:
            raise TextInputError(_l("This text contains characters that cannot be displayed."))
        if ord(character) in TAG_SPECS:
            tag_run = tag_run or (index > 0 and value[index - 1] == TAG_BASE)
            if not tag_run:
                raise TextInputError(_l("This text contains invisible formatting characters."))
            continue
        if character == TAG_CANCEL:
            if not tag_run:
                raise TextInputError(_l("This text contains invisible formatting characters."))
            tag_run = False
            continue
        if tag_run:  # a tag sequence must end with its cancel tag
            raise TextInputError(_l("This text contains invisible formatting characters."))
        if category != "Cf" or character in JOINERS or character in DROPPED:
            continue
        if character in DIRECTION_CONTROLS:
            raise TextInputError(_l("This text contains invisible direction-changing characters."))
        raise TextInputError(_l("This text contains invisible formatting characters."))
    if tag_run:
        raise TextInputError(_l("This text contains invisible formatting characters."))


def clean_text(value: str | None, *, allow_newlines: bool = False) -> str:
    """The text in NFC with whitespace tidied, or TextInputError for characters we refuse."""
    value = unicodedata.normalize("NFC", value or "")
    check_text(value)
    value = "".join(character for character in value if character not in DROPPED)
    if allow_newlines:
        lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
        return "\n".join(lines).strip()
    return " ".join(value.split())
