"""The learning-cities directory from CSV: good rows kept, re-imports update, bad rows reported."""

import csv

import pytest

from campaign.cities.importer import STARTER_CSV, CsvError, import_cities
from campaign.extensions import db as _db
from campaign.models import City

HEADER = "name,country_code,country,region,member_since\n"


def cities(app) -> dict[tuple[str, str], City]:
    with app.app_context():
        rows = _db.session.scalars(_db.select(City)).all()
        for row in rows:
            _db.session.expunge(row)
        return {(row.name, row.country_code): row for row in rows}


def run_import(app, text: str | bytes):
    with app.test_request_context():
        report = import_cities(text.encode() if isinstance(text, str) else text)
        _db.session.commit()
        return report


def test_starter_csv_names_the_anniversary_cities_with_their_countries(app):
    report = run_import(app, STARTER_CSV.read_bytes())
    assert report.errors == []
    assert report.created == 31
    found = {name: city.country_code for (name, _), city in cities(app).items()}
    expected = {
        "Villa María": "AR", "La Matanza": "AR", "Balanga": "PH", "Benguerir": "MA",
        "Damietta": "EG", "Heraklion": "GR", "Corinth": "GR", "Icheon": "KR", "Yeonsu": "KR",
        "Wyndham": "AU", "San José": "CR", "Santiago": "CL", "Espoo": "FI", "Glasgow": "GB",
        "Okayama": "JP", "Shanghai": "CN", "Beijing": "CN", "Évry-Courcouronnes": "FR",
        "Nanterre": "FR", "Ibadan": "NG", "Tunis": "TN", "Surabaya": "ID", "İzmir": "TR",
        "São Paulo": "BR", "Nairobi": "KE", "Durban": "ZA", "Mexico City": "MX",
        "Dublin": "IE", "Limerick": "IE", "Cork": "IE", "Medellín": "CO",
    }  # fmt: skip
    assert found == expected


def test_starter_csv_country_names_agree_with_their_codes():
    from campaign.countries import country_name

    # The campaign writes the Republic of Korea as UNESCO does; CLDR says "South Korea".
    official_names = {"KR": "Republic of Korea"}
    with STARTER_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["country_code"]
            assert row["country"] == official_names.get(code, country_name(code)), row


def test_good_rows_are_added_with_every_column(app):
    report = run_import(app, HEADER + "Espoo,FI,Finland,Uusimaa,2016\nCork,IE,,,\n")
    assert (report.created, report.updated, report.errors) == (2, 0, [])
    found = cities(app)
    espoo = found[("Espoo", "FI")]
    assert (espoo.country, espoo.region, espoo.member_since) == ("Finland", "Uusimaa", 2016)
    cork = found[("Cork", "IE")]
    assert (cork.country, cork.region, cork.member_since) == ("Ireland", None, None)


def test_reimporting_updates_and_never_duplicates(app):
    run_import(app, HEADER + "Espoo,FI,Finland,,\nCork,IE,Ireland,,\n")
    report = run_import(
        app,
        HEADER + "Espoo,FI,Finland,Uusimaa,2016\nCork,IE,Ireland,,\nGlasgow,GB,,Scotland,\n",
    )
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    found = cities(app)
    assert len(found) == 3
    assert found[("Espoo", "FI")].region == "Uusimaa"
    again = run_import(app, STARTER_CSV.read_bytes())
    assert again.errors == []
    assert len(cities(app)) == 31  # Espoo, Cork and Glasgow are starter cities too


def test_reimport_matches_a_city_however_its_name_is_written(app):
    run_import(app, HEADER + "Evry-Courcouronnes,FR,,,\nIZMIR,TR,,,\n")
    report = run_import(app, HEADER + "Évry-Courcouronnes,FR,,Île-de-France,\nİzmir,TR,,,\n")
    assert (report.created, report.updated) == (0, 2)
    assert set(cities(app)) == {("Évry-Courcouronnes", "FR"), ("İzmir", "TR")}


def test_same_name_in_another_country_is_another_city(app):
    report = run_import(app, HEADER + "Santiago,CL,,,\nSantiago,ES,,,\n")
    assert report.created == 2


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept(app):
    text = (
        HEADER
        + "Espoo,FI,Finland,,\n"  # line 2: good
        + ",FI,,,\n"  # 3: no name
        + "Atlantis,XX,,,\n"  # 4: not a country
        + "Cork,IE,,,1890\n"  # 5: not a membership year
        + "Dublin,IE,Ireland,Leinster,2019,extra\n"  # 6: too many fields
        + "\n"  # 7: blank, ignored
        + "espoo,fi,,,\n"  # 8: the same city as line 2
        + 'Limerick,IE,,"Mid-\nWest",\n'  # 9-10: a quoted field over two lines is fine
        + "Nairobi,,,,\n"  # 11: no country code
        + "Tunis,TN,,,2017\n"  # 12: good
    )
    report = run_import(app, text)
    lines = [line for line, _ in report.errors]
    assert lines == [3, 4, 5, 6, 8, 11]
    messages = dict(report.errors)
    assert "name is empty" in messages[3]
    assert "XX" in messages[4]
    assert "1890" in messages[5]
    assert "more fields" in messages[6]
    assert "line 2" in messages[8]
    assert "country code is empty" in messages[11]
    assert set(cities(app)) == {("Espoo", "FI"), ("Limerick", "IE"), ("Tunis", "TN")}
    assert cities(app)[("Limerick", "IE")].region == "Mid- West"


def test_a_file_without_the_needed_columns_is_refused_whole(app):
    with app.test_request_context(), pytest.raises(CsvError, match="country_code"):
        import_cities(b"city,nation\nEspoo,FI\n")
    with app.test_request_context(), pytest.raises(CsvError, match="empty"):
        import_cities(b"")
    assert cities(app) == {}


def test_a_file_that_is_not_utf8_is_refused_with_its_line(app):
    data = (HEADER + "Espoo,FI,,,\n").encode() + "Medellín,CO,,,\n".encode("latin-1")
    with app.test_request_context(), pytest.raises(CsvError, match="line 3"):
        import_cities(data)


def test_a_spreadsheet_bom_and_header_variants_are_understood(app):
    report = run_import(app, "\ufeffCity, Country Code ,Region\nEspoo,fi,Uusimaa\n".encode())
    assert report.errors == []
    assert cities(app)[("Espoo", "FI")].region == "Uusimaa"


def test_cli_imports_a_file_and_reports_bad_rows(app, runner, tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text(HEADER + "Espoo,FI,,,\nAtlantis,XX,,,\nCork,IE,,,\n", encoding="utf-8")
    result = runner.invoke(args=["cities", "import", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3:" in result.output
    assert "2 added, 0 updated, 0 unchanged, 1 row(s) skipped." in result.output
    assert set(cities(app)) == {("Espoo", "FI"), ("Cork", "IE")}

    path.write_text(HEADER + "Espoo,FI,,Uusimaa,\nCork,IE,,,\n", encoding="utf-8")
    result = runner.invoke(args=["cities", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated, 1 unchanged, 0 row(s) skipped." in result.output
    assert len(cities(app)) == 2


def test_cli_refuses_an_unreadable_file_and_changes_nothing(app, runner, tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text("city;country\nEspoo;FI\n", encoding="utf-8")
    result = runner.invoke(args=["cities", "import", str(path)])
    assert result.exit_code != 0
    assert "country_code" in result.output
    assert cities(app) == {}


def test_cli_imports_the_starter_cities(app, runner):
    result = runner.invoke(args=["cities", "import-starter"])
    assert result.exit_code == 0, result.output
    assert "31 added" in result.output
    result = runner.invoke(args=["cities", "import-starter"])
    assert "0 added, 0 updated, 31 unchanged." in result.output
