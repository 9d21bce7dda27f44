"""Numbers follow the interface language."""

import pytest
from flask import render_template_string

from campaign.i18n import localized_number

NUMBERS = {"en": "1,234,567", "fr": "1\u202f234\u202f567", "es": "1.234.567", "zh": "1,234,567"}


@pytest.mark.parametrize("locale", sorted(NUMBERS))
def test_numbers_use_the_languages_separators(app, locale):
    with app.test_request_context(headers={"Cookie": f"lang={locale}"}):
        assert localized_number(1234567) == NUMBERS[locale]
        assert localized_number(None) == ""


def test_templates_have_the_number_filter(app):
    with app.test_request_context(headers={"Cookie": "lang=fr"}):
        html = render_template_string("{{ 1500|localnumber }}")
    assert html == "1\u202f500"
