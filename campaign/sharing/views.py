"""Direct posting through OAuth (/share/<network>/...) and the invitation spread page.

The flow keeps what it needs in the signed session, never in the database: `state` and
the PKCE verifier until the provider calls back, then the access token until the post is
done (or abandoned), after which it is dropped.
"""

import logging
import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from campaign.countries import country_name
from campaign.errors import PageError
from campaign.extensions import limiter
from campaign.forms import EmptyForm
from campaign.i18n import current_locale
from campaign.media import card_urls
from campaign.models import Entry
from campaign.sharing import invitations
from campaign.sharing.forms import ComposeForm, ConnectForm
from campaign.sharing.oauth import Provider, ShareError, get_provider
from campaign.sharing.posting import check_text, default_text
from campaign.storage import get_storage
from campaign.textinput import TextInputError
from campaign.tokens import find_by_token
from campaign.urls import absolute_url_for

bp = Blueprint("sharing", __name__, url_prefix="/share")
log = logging.getLogger(__name__)

FLOW_KEY = "share_flow"
POSTED_KEY = "share_posted"
# Time allowed from "Post to …" to the post: the sign-in and writing the text.
FLOW_LIFETIME = 20 * 60


@bp.after_request
def private_pages(response):
    # These pages hold a person's sign-in: never cached, never sent as a referrer.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.post("/<network>/connect")
@limiter.limit(lambda: current_app.config["SHARE_POST_RATE_LIMIT"])
def connect(network: str):
    provider = _provider(network)
    form = ConnectForm()
    if not form.validate():
        abort(400)
    token = form.token.data
    if find_by_token(token) is None:
        abort(404)
    url, pending = provider.begin(_callback_url(network))
    session[FLOW_KEY] = {"network": network, "manage": token, "started": time.time(), **pending}
    return redirect(url, code=303)


@bp.get("/<network>/callback")
def callback(network: str):
    provider = _provider(network)
    flow = session.pop(FLOW_KEY, None)
    if not _is_current(flow, network) or "state" not in flow:
        raise _lost_flow()
    entry = _entry(flow)
    try:
        token = provider.finish(_callback_url(network), request.args, flow)
        connection = provider.connection(token)
    except ShareError as error:
        return _back_to_share_page(flow["manage"], error)
    session[FLOW_KEY] = {
        "network": network,
        "manage": flow["manage"],
        "started": flow["started"],
        "connection": connection,
    }
    log.info("connected to %s for entry %s", network, entry.slug)
    return redirect(url_for("sharing.compose", network=network), code=303)


@bp.route("/<network>/compose", methods=["GET", "POST"])
def compose(network: str):
    provider = _provider(network)
    flow = session.get(FLOW_KEY)
    if not _is_current(flow, network) or "connection" not in flow:
        raise _lost_flow()
    entry = _entry(flow)
    public_url = _public_url(entry)
    form = ComposeForm()
    if request.method == "GET":
        form.text.data = default_text(provider, entry, public_url)
    elif form.validate_on_submit():
        try:
            text = check_text(provider, form.text.data)
        except TextInputError as error:
            form.text.errors = [str(error)]
        else:
            return _publish(provider, entry, flow, text)
    status = 422 if request.method == "POST" else 200
    return render_template(
        "sharing/compose.html",
        provider=provider,
        entry=entry,
        form=form,
        cancel_form=EmptyForm(),
        card_url=card_urls(entry).get(provider.card_format),
        public=entry.is_public,
    ), status


@bp.post("/<network>/cancel")
def cancel(network: str):
    flow = session.pop(FLOW_KEY, None)
    if not EmptyForm().validate():
        abort(400)
    if not _is_current(flow, network):
        raise _lost_flow()
    flash(_("Nothing was posted."), "info")
    return redirect(_share_page(flow["manage"]), code=303)


@bp.get("/<network>/posted")
def posted(network: str):
    result = session.get(POSTED_KEY)
    if not result or result.get("network") != network:
        return redirect(url_for("submissions.home"))
    provider = _provider(network)
    return render_template(
        "sharing/posted.html",
        provider=provider,
        post_url=result["url"],
        share_page=_share_page(result["manage"]),
    )


@bp.get("/spread")
def spread():
    return render_template(
        "sharing/spread.html",
        by_country=invitations.invitation_spread("country"),
        by_city=invitations.invitation_spread("city"),
        country_label=lambda code: country_name(code, current_locale()),
    )


def _publish(provider: Provider, entry: Entry, flow: dict, text: str):
    # The token leaves the session now, whatever happens next.
    session.pop(FLOW_KEY, None)
    key = entry.card_keys.get(provider.card_format)
    if key is None:
        abort(404)
    image = get_storage().read(key)
    try:
        post_url = provider.publish(
            flow["connection"], image, text, alt_text=f"{entry.name}: {entry.statement}"
        )
    except ShareError as error:
        return _back_to_share_page(flow["manage"], error)
    log.info("posted entry %s to %s", entry.slug, provider.name)
    session[POSTED_KEY] = {"network": provider.name, "url": post_url, "manage": flow["manage"]}
    return redirect(url_for("sharing.posted", network=provider.name), code=303)


def _provider(network: str) -> Provider:
    provider = get_provider(network)
    if provider is None:
        abort(404)
    return provider


def _is_current(flow: dict | None, network: str) -> bool:
    return bool(
        flow
        and flow.get("network") == network
        and time.time() - float(flow.get("started", 0)) < FLOW_LIFETIME
    )


def _entry(flow: dict) -> Entry:
    entry = find_by_token(flow["manage"])
    if entry is None:
        session.pop(FLOW_KEY, None)
        abort(404)
    return entry


def _public_url(entry: Entry) -> str | None:
    # Under pre-moderation the post goes out without a link until the page is public.
    if not entry.is_public:
        return None
    return absolute_url_for("submissions.entry_page", slug=entry.slug)


def _callback_url(network: str) -> str:
    return absolute_url_for("sharing.callback", network=network)


def _share_page(token: str) -> str:
    return url_for("submissions.manage", token=token, _anchor="share")


def _back_to_share_page(token: str, error: ShareError):
    log.info("posting stopped: %s", error)
    flash(error.message, "error")
    return redirect(_share_page(token), code=303)


def _lost_flow() -> PageError:
    """Forget the posting flow; the error page says the sign-in has expired."""
    session.pop(FLOW_KEY, None)
    return PageError(
        _(
            "We could not match this sign-in to a post you started here, or it took too "
            "long. Nothing was posted. Please open your private link and try again."
        ),
        title=_("This sign-in has expired"),
    )
