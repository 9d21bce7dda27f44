"""Public pages for officials: the invitation form, the Officials view, city suggestions."""

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext

from campaign.branding import branding_from_config
from campaign.cities import directory
from campaign.editions.context import current_edition
from campaign.extensions import limiter
from campaign.i18n import current_locale
from campaign.images import PhotoError
from campaign.moderation import flags
from campaign.officials import listing
from campaign.officials.forms import OfficialStatementForm
from campaign.officials.invitations import InvitationError, LinkGone, open_invitation
from campaign.officials.statements import OfficialStatement, submit_statement
from campaign.privacy.consent import record_consent
from campaign.privacy.period import while_open
from campaign.submissions import ownership
from campaign.submissions.forms import OFFICIAL_STATEMENT_MAX, card_choices
from campaign.unit_of_work import unit_of_work

bp = Blueprint("officials", __name__)

GONE_MESSAGES = {
    "used": (
        lambda: _("This invitation has already been used"),
        lambda: _(
            "Each invitation link works once, and a statement has been sent with this one. "
            "To change it, use the private link you were given after sending it."
        ),
    ),
    "expired": (
        lambda: _("This invitation has expired"),
        lambda: _(
            "Invitation links work for a limited time. Please ask the person who invited you "
            "for a new link."
        ),
    ),
    "revoked": (
        lambda: _("This invitation is no longer valid"),
        lambda: _(
            "This link has been withdrawn or replaced by a newer one. Please use the latest "
            "link you received, or ask the person who invited you for a new one."
        ),
    ),
}


def _refused(error: InvitationError):
    if isinstance(error, LinkGone):
        title, message = (text() for text in GONE_MESSAGES[error.reason])
    else:
        title = _("This invitation link is not valid")
        message = _(
            "The link may have been cut short or changed when it was copied. Please open it "
            "again from the message you received, or ask the person who invited you."
        )
    page = render_template(
        "officials/invitation_refused.html", title=title, message=message, reason=error.reason
    )
    return page, error.status, _private_headers()


def _private_headers() -> dict:
    # The URL holds the invitation: no referrer to other sites, no caching anywhere.
    return {
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "private, no-store",
        "X-Robots-Tag": "noindex, nofollow",
    }


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUBMIT_RATE_LIMIT"], methods=["POST"])
@while_open
def invitation(token: str):
    try:
        invited = open_invitation(token)
    except InvitationError as error:
        return _refused(error)
    form = OfficialStatementForm()
    if request.method == "GET":
        form.name.data = invited.name
        form.title.data = invited.title
        form.language.data = invited.language
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return _form_page(form, invited, token, status)
    sent = OfficialStatement(
        name=form.name.data,
        title=form.title.data,
        language=form.language.data,
        statement=form.statement.data,
        **card_choices(form),
        ip_hash=flags.hash_ip(request.remote_addr),
    )
    try:
        with unit_of_work() as files:
            entry, manage_token = submit_statement(
                invited,
                sent,
                files=files,
                moderation=current_app.config["MODERATION"],
                branding=branding_from_config(),
            )
            record_consent(
                entry, language=current_locale(), statements=[str(form.consent.label.text)]
            )
    except PhotoError as error:
        form.photo.errors = [str(error)]
        return _form_page(form, invited, token, 422)
    except InvitationError as error:
        return _refused(error)
    ownership.remember(entry, manage_token)
    return redirect(url_for("submissions.manage", token=manage_token), code=303)


def _form_page(form: OfficialStatementForm, invited, token: str, status: int):
    page = render_template(
        "officials/invitation.html",
        form=form,
        invitation=invited,
        token=token,
        statement_max=OFFICIAL_STATEMENT_MAX,
    )
    return page, status, _private_headers()


@bp.get("/officials")
def officials():
    """Officials' public statements, grouped by country and city."""
    groups = listing.officials_by_city(current_locale(), current_edition())
    return render_template("officials/officials.html", groups=groups)


@bp.get("/api/cities")
def suggest_cities():
    """Directory cities matching ?q= (optionally in ?country=), for the city autocomplete."""
    query = request.args.get("q", "")
    country = (request.args.get("country") or "").strip().upper() or None
    suggestions = directory.suggest(query, locale=current_locale(), country=country)
    if suggestions:
        message = ngettext(
            "%(num)d learning city found. Use the up and down arrows to choose one.",
            "%(num)d learning cities found. Use the up and down arrows to choose one.",
            len(suggestions),
        )
    else:
        message = _("No learning city found. You can still type your city.")
    response = jsonify(
        {
            "query": query,
            "cities": [city.as_json() for city in suggestions],
            "message": message if query.strip() else "",
        }
    )
    # Suggestions change only when an admin edits the directory: a short cache is harmless.
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response
