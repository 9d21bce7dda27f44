"""Admin pages in the moderation area: the learning-cities directory and unmapped cities."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from campaign.cities import directory, mapping
from campaign.cities.importer import CsvError, import_cities
from campaign.countries import is_country
from campaign.extensions import db
from campaign.forms import EmptyForm
from campaign.i18n import current_locale
from campaign.models import City
from campaign.moderation.access import admin_blueprint
from campaign.officials.forms import CityForm, CityImportForm, MapCityForm
from campaign.unit_of_work import unit_of_work

bp = admin_blueprint("cities_admin", __name__, url_prefix="/moderate/cities")


def _list_page(form: CityForm | None = None, import_form: CityImportForm | None = None, status=200):
    query = request.args.get("q", "")[:80]
    return render_template(
        "officials/admin_cities.html",
        cities=directory.search_cities(query),
        query=query,
        form=form or CityForm(locale=current_locale()),
        import_form=import_form or CityImportForm(),
        confirm=EmptyForm(),
        report=None,
    ), status


@bp.get("")
def city_list():
    return _list_page()


@bp.post("")
def add_city():
    form = CityForm(locale=current_locale())
    if not form.validate():
        return _list_page(form=form, status=422)
    if not _saved(None, form):
        return _list_page(form=form, status=409)
    flash(_("%(city)s is in the directory.", city=form.name.data), "success")
    return redirect(url_for(".city_list"), code=303)


@bp.route("/<int:city_id>", methods=["GET", "POST"])
def edit_city(city_id: int):
    city = db.get_or_404(City, city_id)
    form = CityForm(obj=city, locale=current_locale())
    if request.method == "GET":
        form.country.data = city.country_code
    elif form.validate() and _saved(city, form):
        flash(_("%(city)s is saved.", city=city.name), "success")
        return redirect(url_for(".city_list"), code=303)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "officials/admin_city.html", city=city, form=form, confirm=EmptyForm()
    ), status


def _saved(city: City | None, form: CityForm) -> bool:
    """Add or change the city and commit; False, with nothing written, for a duplicate name."""
    try:
        with unit_of_work():
            directory.save_city(
                city,
                name=form.name.data,
                country_code=form.country.data,
                region=form.region.data,
                member_since=form.member_since.data,
            )
    except directory.DuplicateCity:
        form.name.errors = [_("This city is already in the directory.")]
        return False
    return True


@bp.post("/<int:city_id>/delete")
def delete_city(city_id: int):
    city = db.get_or_404(City, city_id)
    if not EmptyForm().validate():
        abort(400)
    name = city.name
    # Entries and invitations keep their typed city; their link to the directory is cleared.
    with unit_of_work():
        db.session.delete(city)
    flash(_("%(city)s is no longer in the directory.", city=name), "success")
    return redirect(url_for(".city_list"), code=303)


@bp.post("/import")
def import_csv():
    import_form = CityImportForm()
    if not import_form.validate():
        return _list_page(import_form=import_form, status=422)
    try:
        with unit_of_work():
            report = import_cities(import_form.csv_file.data.read())
    except CsvError as error:
        import_form.csv_file.errors = [str(error)]
        return _list_page(import_form=import_form, status=422)
    flash(
        _(
            "%(created)d added, %(updated)d updated, %(unchanged)d unchanged.",
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
        ),
        "success",
    )
    for line, message in report.errors:
        flash(_("Line %(line)d skipped: %(message)s", line=line, message=message), "error")
    return redirect(url_for(".city_list"), code=303)


@bp.route("/unmapped", methods=["GET", "POST"])
def unmapped():
    form = MapCityForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        with unit_of_work():
            city = _target_city(form)
            if city is not None:
                count = mapping.map_entries(form.city.data, form.country_code.data, city)
        if city is None:
            flash(_("This city is already in the directory."), "error")
        else:
            flash(
                ngettext(
                    "%(num)d entry from %(typed)s is now linked to %(city)s.",
                    "%(num)d entries from %(typed)s are now linked to %(city)s.",
                    count,
                    typed=form.city.data,
                    city=city.name,
                ),
                "success",
            )
        return redirect(url_for(".unmapped"), code=303)
    return render_template(
        "officials/admin_unmapped.html", rows=mapping.unmapped_cities(), form=form
    )


def _target_city(form: MapCityForm) -> City | None:
    """The chosen directory city, or (city_id 0) the typed city added to the directory."""
    if form.city_id.data:
        city = db.get_or_404(City, form.city_id.data)
        if city.country_code != form.country_code.data:
            abort(400)
        return city
    if not is_country(form.country_code.data):
        abort(400)
    try:
        return directory.save_city(
            None,
            name=form.city.data,
            country_code=form.country_code.data,
            region=None,
            member_since=None,
        )
    except directory.DuplicateCity:
        return None
