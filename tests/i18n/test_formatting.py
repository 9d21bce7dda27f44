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


# Arabic counts: the noun takes its form from the number (Babel's plural rule for Arabic:
# 0, 1, 2, 3–10, then 100–102 (the "hundreds" form) before 11–99 (the accusative form)).
JOINED = {
    1: "انضم 1 شخص إلى الحملة.",
    2: "انضم 2 شخصان إلى الحملة.",
    7: "انضم 7 أشخاص إلى الحملة.",
    20: "انضم 20 شخصًا إلى الحملة.",
    99: "انضم 99 شخصًا إلى الحملة.",
    100: "انضم 100 شخص إلى الحملة.",
    111: "انضم 111 شخصًا إلى الحملة.",
}


@pytest.mark.parametrize(("count", "said"), sorted(JOINED.items()))
def test_arabic_counts_take_the_nouns_form_for_their_number(app, count, said):
    template = (
        "{{ ngettext('%(num)s person has joined the campaign.', "
        "'%(num)s people have joined the campaign.', count, num=count) }}"
    )
    with app.test_request_context(headers={"Cookie": "lang=ar"}):
        assert render_template_string(template, count=count) == said


def test_the_home_pages_figures_in_arabic_count_learners_and_countries_alike(app):
    forms = "{{ ngettext('%(num)s learner', '%(num)s learners', 20, num=20) }} / " + (
        "{{ ngettext('in %(num)s country', 'in %(num)s countries', 40, num=40) }}"
    )
    with app.test_request_context(headers={"Cookie": "lang=ar"}):
        assert render_template_string(forms) == "20 متعلمًا / في 40 بلدًا"
