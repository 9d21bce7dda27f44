"""The learner's pages: the campaign page, joining, their private share page, the public entry."""

import io

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from campaign.branding import branding_for, current_branding
from campaign.editions.context import current_edition
from campaign.errors import outage_headers
from campaign.extensions import db, limiter
from campaign.forms import EmptyForm
from campaign.i18n import current_locale
from campaign.images import PhotoError
from campaign.languages import DEFAULT_LANGUAGE, LANGUAGES
from campaign.models import Entry, RevisionState
from campaign.moderation import flags
from campaign.notices import addresses as notices
from campaign.notices.forms import NoticeForm
from campaign.outages import OUTAGE_ERRORS, describe, log_outage
from campaign.privacy.consent import record_consent
from campaign.privacy.period import while_open
from campaign.sharing import invitations
from campaign.storage import content_type, get_storage
from campaign.submissions import ownership, service
from campaign.submissions.forms import JoinForm, card_choices, edit_statement_form
from campaign.submissions.home import home_context
from campaign.submissions.presenters import entry_page_context, join_preview, share_page_context
from campaign.tokens import find_by_token, hash_token
from campaign.unit_of_work import unit_of_work
from campaign.wall.pagecache import page_cached

bp = Blueprint("submissions", __name__)


@bp.get("/")
@page_cached
def home():
    return render_template(
        "submissions/home.html", **home_context(current_locale(), current_edition())
    )


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SUBMIT_RATE_LIMIT"], methods=["POST"])
@while_open
def join():
    locale = current_locale()
    edition = current_edition()
    form = JoinForm(
        locale=locale,
        age=current_app.config["AGE_THRESHOLD"],
        designs=edition.designs if edition else None,
    )
    if request.method == "GET":
        # The statement is most likely written in the language the person reads the site in
        # (the switcher's choice beats the browser's); the page suggests another by script.
        form.language.data = locale if locale in LANGUAGES else DEFAULT_LANGUAGE
        form.via.data = request.args.get("via", "")[:16]
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        inviter = invitations.public_inviter(form.via.data) if request.method == "GET" else None
        return render_template(
            "submissions/join.html", form=form, inviter=inviter, **join_preview(inviter)
        ), status
    submission = service.Submission(
        name=form.name.data,
        city=form.city.data,
        country_code=form.country.data,
        language=form.language.data,
        statement=form.statement.data,
        **card_choices(form),
        ip_hash=flags.hash_ip(request.remote_addr),
        via=form.via.data or None,
        edition_id=edition.id if edition else None,
    )
    try:
        with unit_of_work() as files:
            entry, token = service.create_entry(
                submission,
                files=files,
                moderation=current_app.config["MODERATION"],
                branding=current_branding(),
            )
            record_consent(entry, language=locale, statements=form.consent_statements())
    except PhotoError as error:
        form.photo.errors = [str(error)]
        return render_template("submissions/join.html", form=form), 422
    except OUTAGE_ERRORS as error:
        # The form again with what was typed (browsers never refill a file input; the
        # enhanced page keeps the photo itself), and why it did not go through.
        log_outage(error)
        _, message = describe(error, sending=True)
        page = render_template("submissions/join.html", form=form, unavailable=message)
        return page, 503, outage_headers()
    ownership.remember(entry, token)
    return redirect(url_for("submissions.manage", token=token), code=303)


@bp.get("/m/<token>")
def manage(token: str):
    entry = _entry_for_token(token)
    waiting = entry.open_revision
    statement = waiting.statement if waiting else entry.statement
    return _share_page(entry, token, edit_statement_form(entry.kind, statement=statement))


def _entry_key() -> str:
    # The token's hash, not the token: the key may be stored in Redis.
    return "edit-entry:" + hash_token((request.view_args or {}).get("token", ""))


# Every edit renders the cards again: limited per address, and per entry whoever sends it.
@bp.post("/m/<token>/statement")
@limiter.limit(lambda: current_app.config["EDIT_RATE_LIMIT"])
@limiter.limit(lambda: current_app.config["EDIT_RATE_LIMIT_PER_ENTRY"], key_func=_entry_key)
@while_open
def edit_statement(token: str):
    entry = _entry_for_token(token)
    if not entry.has_photo:
        # The retention policy deleted the photo the cards would be rendered from again.
        flash(_("Your photo is no longer kept, so your cards cannot be made again."), "error")
        return redirect(url_for("submissions.manage", token=token), code=303)
    form = edit_statement_form(entry.kind)
    if not form.validate():
        return _share_page(entry, token, form), 422
    with unit_of_work() as files:
        outcome = service.update_statement(
            entry,
            form.statement.data,
            moderation=current_app.config["MODERATION"],
            storage=get_storage(),
            files=files,
            # The edition's branding as it is now: the edit makes new cards.
            branding=branding_for(entry.edition),
        )
    if outcome is RevisionState.PENDING:
        flash(
            _(
                "Your change is saved and waits for a moderator. Until it is approved, your "
                "public page and cards show the statement that was approved."
            ),
            "info",
        )
    else:
        flash(_("Your statement is updated and your cards are rendered again."), "success")
    return redirect(url_for("submissions.manage", token=token), code=303)


# An address to tell when the card is public: offered only under pre-moderation with SMTP.
@bp.post("/m/<token>/notice")
@limiter.limit(lambda: current_app.config["EDIT_RATE_LIMIT"])
def ask_notice(token: str):
    entry = _entry_for_token(token)
    if not notices.offered(entry):
        abort(404)
    form = NoticeForm()
    if not form.validate():
        waiting = entry.open_revision
        statement = waiting.statement if waiting else entry.statement
        edit_form = edit_statement_form(entry.kind, statement=statement)
        return _share_page(entry, token, edit_form, notice_form=form), 422
    with unit_of_work():
        notices.ask(entry, form.email.data, token)
    flash(_("We will e-mail you once your card is public."), "success")
    return redirect(url_for("submissions.manage", token=token), code=303)


@bp.post("/m/<token>/notice/cancel")
def cancel_notice(token: str):
    entry = _entry_for_token(token)
    if not EmptyForm().validate():
        abort(400)
    with unit_of_work():
        notices.cancel(entry)
    flash(_("We will not e-mail you: your address is deleted."), "info")
    return redirect(url_for("submissions.manage", token=token), code=303)


@bp.get("/m/<token>/card/<fmt>")
def card(token: str, fmt: str):
    """A card for its owner only, wherever it is stored (held ones have no public URL)."""
    entry = _entry_for_token(token)
    key = entry.card_keys.get(fmt)
    if key is None:
        abort(404)
    response = send_file(io.BytesIO(get_storage().read(key)), mimetype=content_type(key))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/m/<token>/erase")
def confirm_erase(token: str):
    entry = _entry_for_token(token)
    return render_template("submissions/erase.html", entry=entry, token=token, form=EmptyForm())


@bp.post("/m/<token>/erase")
def erase(token: str):
    entry = _entry_for_token(token)
    if not EmptyForm().validate():
        abort(400)
    slug = entry.slug
    with unit_of_work() as files:
        service.erase_entry(entry, files=files)
    ownership.forget(slug)
    return render_template("submissions/erased.html")


@bp.get("/m/<token>/download/<fmt>")
def download(token: str, fmt: str):
    entry = _entry_for_token(token)
    key = entry.card_keys.get(fmt)
    if key is None or fmt == "thumb":
        abort(404)
    data = get_storage().read(key)
    return send_file(
        io.BytesIO(data),
        mimetype="image/jpeg",
        as_attachment=True,
        download_name=f"ImALifelongLearner-{entry.slug}-{fmt}.jpg",
        max_age=0,
    )


@bp.get("/e/<slug>")
@page_cached(fresh=False)  # always rendered; a copy kept for when the database is away
def entry_page(slug: str):
    entry = db.first_or_404(select(Entry).where(Entry.slug == slug))
    token = ownership.token_for(entry)
    if not entry.is_public and token is None:
        abort(404)
    return render_template("submissions/entry.html", **entry_page_context(entry, token))


def _share_page(entry: Entry, token: str, edit_form, notice_form=None) -> str:
    """The private share page, with its forms as given (fresh or with their errors)."""
    return render_template(
        "submissions/share.html",
        **share_page_context(entry, token),
        edit_form=edit_form,
        erase_form=EmptyForm(),
        notice=notices.page_context(entry, notice_form),
    )


def _entry_for_token(token: str) -> Entry:
    entry = find_by_token(token)
    if entry is None:
        abort(404)
    return entry
