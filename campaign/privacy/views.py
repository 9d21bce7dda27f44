"""Public privacy pages: the notice, and 'Download my data' from the private link."""

import io

from flask import Blueprint, abort, current_app, render_template, send_file

from campaign.i18n import current_locale
from campaign.privacy.export import export_zip
from campaign.privacy.notice import notice_html
from campaign.storage import get_storage
from campaign.tokens import find_by_token

bp = Blueprint("privacy", __name__)


@bp.get("/privacy")
def notice():
    language = current_locale()
    return render_template(
        "privacy/notice.html",
        notice=notice_html(language),
        controller=current_app.config["PRIVACY_CONTROLLER_NAME"],
    )


@bp.get("/m/<token>/my-data")
def download_my_data(token: str):
    entry = find_by_token(token)
    if entry is None:
        abort(404)
    response = send_file(
        io.BytesIO(export_zip(entry, get_storage())),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"ImALifelongLearner-{entry.slug}-my-data.zip",
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
