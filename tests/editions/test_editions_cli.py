"""Editions made from the command line: created, listed, and refused with a reason."""

import pytest
from sqlalchemy import func, select

from campaign.editions.rules import taken_segments
from campaign.models import Edition
from tests.factories import make_city, make_edition


def _count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Edition))


def test_an_edition_is_created_with_its_city_names_languages_and_hashtag(app, db, runner):
    make_city(app, "Espoo", "FI")
    result = runner.invoke(
        args=[
            "editions", "create", "espoo", "--city", "Espoo, FI",
            "--name", "en=Espoo learns", "--name", "fr=Espoo apprend",
            "--language", "en", "--language", "fr", "--default-language", "fr",
            "--hashtag", "EspooLearns", "--accent", "#00a0df",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "/c/espoo/" in result.output
    edition = db.session.scalar(select(Edition).where(Edition.slug == "espoo"))
    assert [city.name for city in edition.cities] == ["Espoo"]
    assert edition.names == {"en": "Espoo learns", "fr": "Espoo apprend"}
    assert (edition.languages, edition.default_language) == (["en", "fr"], "fr")
    assert (edition.hashtag, edition.accent) == ("#EspooLearns", "#00A0DF")

    listed = runner.invoke(args=["editions", "list"])
    assert "espoo\tEspoo apprend\ten,fr\tEspoo, FI\t#EspooLearns" in listed.output


def test_a_region_edition_speaks_for_several_cities(app, db, runner):
    make_city(app, "Espoo", "FI")
    make_city(app, "Vantaa", "FI")
    result = runner.invoke(
        args=["editions", "create", "uusimaa", "--city", "Espoo", "--city", "Vantaa, FI"]
    )
    assert result.exit_code == 0, result.output
    edition = db.session.scalar(select(Edition))
    assert [city.name for city in edition.cities] == ["Espoo", "Vantaa"]


def test_every_first_segment_of_a_route_is_refused_as_a_slug(app, db, runner):
    make_city(app, "Espoo", "FI")
    taken = taken_segments(app.url_map) - {"c"}
    # The routes people know are among them, so the check reads the real URL map.
    assert {"join", "wall", "moderate", "officials", "stats", "e", "m", "embed"} <= taken
    for segment in sorted(taken):
        result = runner.invoke(args=["editions", "create", segment, "--city", "Espoo"])
        assert result.exit_code != 0, segment
        assert "already a page of the site" in result.output or "lower-case" in result.output
    assert _count(db) == 0


@pytest.mark.parametrize(
    "slug", ["Espoo", "espoo_learns", "-espoo", "espoo-", "esp oo", "x" * 41, "espöo", ""]
)
def test_a_malformed_slug_is_refused(app, db, runner, slug):
    make_city(app, "Espoo", "FI")
    result = runner.invoke(args=["editions", "create", "--city", "Espoo", "--", slug])
    assert result.exit_code != 0
    assert "lower-case letters a-z, digits and hyphens" in result.output
    assert _count(db) == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--city", "Atlantis"], "not in the cities directory"),
        (["--city", "Espoo", "--hashtag", "#Espoo Learns"], "one word"),
        (["--city", "Espoo", "--hashtag", "#2026"], "one word"),
        (["--city", "Espoo", "--accent", "blue"], "#RRGGBB"),
        (["--city", "Espoo", "--language", "de"], "Editions speak some of"),
        (["--city", "Espoo", "--name", "fr=Espoo apprend"], "not one of the edition’s languages"),
        (["--city", "Espoo", "--name", "en=Espoo\u202elearns"], "direction-changing"),
        (["--city", "Espoo", "--design", "poster"], "Card designs are some of"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_saved(app, db, runner, options, message):
    make_city(app, "Espoo", "FI")
    result = runner.invoke(args=["editions", "create", "espoo", *options])
    assert result.exit_code != 0
    assert message in result.output
    assert _count(db) == 0


def test_a_second_edition_of_the_same_slug_is_refused(app, db, runner):
    make_edition(app, "espoo")
    result = runner.invoke(args=["editions", "create", "espoo", "--city", "Espoo"])
    assert result.exit_code != 0
    assert "exists already" in result.output
    assert _count(db) == 1
