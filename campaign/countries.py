"""Countries by ISO 3166 code, named in any of the campaign's languages (from CLDR via Babel)."""

from functools import cache

from babel import Locale

# CLDR territories that are not countries people live in.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


@cache
def country_names(locale: str = "en") -> dict[str, str]:
    """ISO code -> country name in the given language, sorted by name."""
    territories = Locale.parse(locale).territories
    names = {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }
    return dict(sorted(names.items(), key=lambda item: item[1].casefold()))


def country_name(code: str, locale: str = "en") -> str:
    """The country's name in the given language, or the code itself if unknown."""
    return country_names(locale).get(code, country_names("en").get(code, code))


def is_country(code: str) -> bool:
    return code in country_names("en")
