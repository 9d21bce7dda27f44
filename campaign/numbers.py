"""Whole numbers read from URLs and forms: ASCII digits only, within what the database holds.

`str.isdigit()` is also true for "²", "①" and "⑴", which `int()` refuses (a 500), and an id
of 20 digits is an int Python holds but neither SQLite nor PostgreSQL can compare with an
INTEGER column. Every id or count that comes from outside goes through here.
"""

import re

from werkzeug.routing import IntegerConverter

# The largest value of an INTEGER column on PostgreSQL (ids and versions): no row has more.
MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_int(value: str | None, low: int = 1, high: int = MAX_ID) -> int | None:
    """The number `value` spells in ASCII digits if it lies in [low, high], else None."""
    if value is None or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if low <= number <= high else None


class IdConverter(IntegerConverter):
    """`<int:…>` in routes: ASCII digits up to MAX_ID, anything else is a 404 (not a 500)."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def register_id_converter(app) -> None:
    """Make every `<int:…>` URL part an id the database can hold."""
    app.url_map.converters["int"] = IdConverter
