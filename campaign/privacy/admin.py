"""The admin's switch: submissions off at once (an incident) and on again, logged."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.forms import EmptyForm
from campaign.moderation.access import admin_blueprint
from campaign.privacy import period
from campaign.unit_of_work import unit_of_work

bp = admin_blueprint("campaign_admin", __name__, "/moderate/campaign")


@bp.get("/")
def status():
    return render_template(
        "privacy/admin_campaign.html",
        phase=period.phase(),
        paused=period.submissions_paused(),
        opens=current_app.config["SUBMISSIONS_OPEN_FROM"],
        closes=current_app.config["SUBMISSIONS_OPEN_UNTIL"],
        form=EmptyForm(),
    )


@bp.post("/submissions")
def switch_submissions():
    form = EmptyForm()
    if not form.validate():
        return redirect(url_for("campaign_admin.status"), code=303)
    paused = request.form.get("submissions") == "off"
    reason = (request.form.get("reason") or "").strip()[:300] or None
    with unit_of_work():
        changed = period.set_paused(paused, actor=current_user, reason=reason)
    if changed:
        flash(_("Submissions are off.") if paused else _("Submissions are on again."), "success")
    return redirect(url_for("campaign_admin.status"), code=303)
