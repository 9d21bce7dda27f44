"""Admin pages in the moderation area: city editions, their settings and their logos."""

from dataclasses import replace

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.editions import service
from campaign.editions.forms import EditionForm, LogoForm
from campaign.editions.logo import remove_logo, set_logo
from campaign.editions.rules import EditionError, taken_segments
from campaign.extensions import db
from campaign.forms import EmptyForm
from campaign.images import PhotoError
from campaign.models import Edition
from campaign.moderation.access import admin_blueprint
from campaign.moderation.scope import edition_in_scope_or_404
from campaign.unit_of_work import unit_of_work

# City admins too, for their own edition's branding only (campaign/moderation/scope.py).
bp = admin_blueprint("editions_admin", __name__, url_prefix="/moderate/editions", city_admins=True)


@bp.get("")
def edition_list():
    if current_user.is_city_staff:
        if current_user.edition_id is None:
            abort(404)
        return redirect(url_for(".edit_edition", edition_id=current_user.edition_id), code=303)
    return _list_page(EditionForm())


@bp.post("")
def create_edition():
    if not current_user.is_admin:
        abort(403)  # editions are made by the network's admins
    form = EditionForm()
    if not form.validate():
        return _list_page(form, 422)
    try:
        with unit_of_work():
            edition = service.create_edition(
                form.slug.data, form.settings(), taken=taken_segments(current_app.url_map)
            )
    except EditionError as error:
        form.form_errors.append(str(error))
        return _list_page(form, 422)
    flash(_("The edition %(slug)s is ready at /c/%(slug)s/.", slug=edition.slug), "success")
    return redirect(url_for(".edit_edition", edition_id=edition.id), code=303)


@bp.route("/<int:edition_id>", methods=["GET", "POST"])
def edit_edition(edition_id: int):
    edition = edition_in_scope_or_404(Edition, edition_id)
    form = _settings_form()
    if request.method == "GET":
        form.fill_from(edition)
        return _edition_page(edition, form)
    if not form.validate():
        return _edition_page(edition, form, status=422)
    try:
        with unit_of_work():
            service.apply_settings(edition, _allowed_settings(edition, form))
    except EditionError as error:
        form.form_errors.append(str(error))
        return _edition_page(db.get_or_404(Edition, edition_id), form, status=422)
    flash(_("The edition’s settings are saved."), "success")
    return redirect(url_for(".edit_edition", edition_id=edition.id), code=303)


@bp.post("/<int:edition_id>/logo")
def upload_logo(edition_id: int):
    edition = edition_in_scope_or_404(Edition, edition_id)
    logo_form = LogoForm()
    if not logo_form.validate():
        return _refused_logo(edition, logo_form)
    try:
        with unit_of_work() as files:
            set_logo(edition, logo_form.logo.data.read(), files)
    except PhotoError as error:
        logo_form.logo.errors = [str(error)]
        return _refused_logo(db.get_or_404(Edition, edition_id), logo_form)
    flash(_("The new logo is saved: cards made from now on carry it."), "success")
    return redirect(url_for(".edit_edition", edition_id=edition.id), code=303)


@bp.post("/<int:edition_id>/logo/remove")
def delete_logo(edition_id: int):
    edition = edition_in_scope_or_404(Edition, edition_id)
    if EmptyForm().validate():
        with unit_of_work() as files:
            remove_logo(edition, files)
        flash(_("The logo is removed: cards made from now on carry none."), "success")
    return redirect(url_for(".edit_edition", edition_id=edition.id), code=303)


def _settings_form() -> EditionForm:
    form = EditionForm()
    del form.slug  # an edition keeps its address
    if current_user.is_city_staff:
        # A city admin manages the branding; its cities and moderation mode are the network's.
        for field in (form.cities, form.moderation):
            field.render_kw = {**(field.render_kw or {}), "disabled": True}
    return form


def _allowed_settings(edition: Edition, form: EditionForm):
    settings = form.settings()
    if current_user.is_city_staff:
        settings = replace(
            settings,
            city_ids=[city.id for city in edition.cities],
            moderation=edition.moderation,
        )
    return settings


def _refused_logo(edition: Edition, logo_form: LogoForm):
    form = _settings_form()
    form.fill_from(edition)
    return _edition_page(edition, form, logo_form, status=422)


def _list_page(form: EditionForm, status: int = 200):
    return render_template(
        "editions/admin_list.html", editions=service.all_editions(), form=form
    ), status


def _edition_page(edition: Edition, form: EditionForm, logo_form=None, status: int = 200):
    return render_template(
        "editions/admin_edition.html",
        managed=edition,
        form=form,
        logo_form=logo_form or LogoForm(),
        remove_form=EmptyForm(),
    ), status
