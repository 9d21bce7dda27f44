"""Dates and numbers follow the interface language."""

from datetime import UTC, date, datetime

import pytest
from flask import render_template_string

from campaign.i18n import localized_date, localized_day, localized_number

DAY = date(2026, 3, 5)
NUMBERS = {"en": "1,234,567", "fr": "1\u202f234\u202f567", "es": "1.234.567", "zh": "1,234,567"}
LONG_DATES = {
    "en": "March 5, 2026",
    "fr": "5 mars 2026",
    "es": "5 de marzo de 2026",
    "ar": "5 مارس 2026",
    "zh": "2026年3月5日",
}


@pytest.mark.parametrize("locale", sorted(NUMBERS))
def test_numbers_use_the_languages_separators(app, locale):
    with app.test_request_context(headers={"Cookie": f"lang={locale}"}):
        assert localized_number(1234567) == NUMBERS[locale]
        assert localized_number(None) == ""


@pytest.mark.parametrize("locale", sorted(LONG_DATES))
def test_dates_are_written_the_languages_way(app, locale):
    with app.test_request_context(headers={"Cookie": f"lang={locale}"}):
        assert localized_date(DAY, "long") == LONG_DATES[locale]
        moment = datetime(2026, 3, 5, 23, 30, tzinfo=UTC)
        assert localized_day(moment, "long") == LONG_DATES[locale]
        assert localized_date(None) == ""


def test_templates_have_the_filters(app):
    with app.test_request_context(headers={"Cookie": "lang=fr"}):
        html = render_template_string(
            "{{ day|localdate('long') }} · {{ 1500|localnumber }}", day=DAY
        )
    assert html == "5 mars 2026 · 1\u202f500"
