"""The visitor's side of moderation: reporting an approved entry from its page."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_limiter.util import get_remote_address
from sqlalchemy import select

from campaign.extensions import db, limiter
from campaign.models import Entry
from campaign.moderation import flags, reports
from campaign.moderation.forms import ReportForm
from campaign.unit_of_work import unit_of_work

bp = Blueprint("reports", __name__)


@bp.route("/e/<slug>/report", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REPORT_RATE_LIMIT"], methods=["POST"])
def report(slug: str):
    entry = db.first_or_404(select(Entry).where(Entry.slug == slug))
    if not entry.is_public:
        abort(404)
    form = ReportForm()
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("moderation/report.html", entry=entry, form=form), status
    with unit_of_work():
        reports.file_report(
            entry, form.reason_value, form.note.data, flags.hash_ip(get_remote_address())
        )
    # The same thanks whether or not this network had reported the entry already.
    return render_template("moderation/reported.html", entry=entry)
