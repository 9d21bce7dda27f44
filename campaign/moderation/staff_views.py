"""Signing in and out, one's own password, staff accounts and the moderation log."""

from flask import (
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from campaign.dbtypes import utcnow
from campaign.extensions import db
from campaign.forms import EmptyForm
from campaign.models import Action, Edition, Role, User
from campaign.moderation import accounts, audit, labels, throttle
from campaign.moderation.access import city_admin_allowed, staff_blueprint
from campaign.moderation.forms import LoginForm, PasswordForm, UserForm
from campaign.moderation.scope import current_scope, in_scope_or_404
from campaign.numbers import parse_int
from campaign.unit_of_work import unit_of_work
from campaign.urls import safe_local_path

bp = staff_blueprint("staff", __name__)

BAD_CREDENTIALS = _l("That email and password do not match an active account.")
THROTTLED = _l(
    "Too many sign-in attempts. For your security, please wait a few minutes and try again."
)
AUDIT_PAGE = 100


@bp.route("/login", methods=["GET", "POST"])
def login():
    default = url_for("moderation.queue_page")
    if current_user.is_authenticated:
        return redirect(default)
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("moderation/login.html", form=form), (
            422 if request.method == "POST" else 200
        )
    email = accounts.normalize_email(form.email.data)
    try:
        counted = throttle.count_attempt(email, get_remote_address() or "unknown")
    except throttle.Throttled as throttled:
        return _throttled_page(throttled.retry_after)
    with unit_of_work():
        user = accounts.authenticate(email, form.password.data)
    if user is None:
        form.password.errors = [BAD_CREDENTIALS]
        return render_template("moderation/login.html", form=form), 401
    throttle.refund(counted)
    login_user(user)
    _new_csrf_secret()
    return redirect(
        safe_local_path(request.args.get("next"), within="/moderate") or default, code=303
    )


def _new_csrf_secret() -> None:
    # A token issued before signing in (perhaps planted with the session) stops working.
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    session.pop(field, None)
    g.pop(field, None)


def _throttled_page(retry_after: int):
    form = LoginForm()
    form.password.errors = [THROTTLED]
    page = render_template("moderation/login.html", form=form)
    return page, 429, {"Retry-After": str(retry_after)}


@bp.post("/logout")
def logout():
    if EmptyForm().validate():
        if current_user.is_authenticated:
            with unit_of_work():
                accounts.end_sessions(current_user)
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for(".login"), code=303)


@bp.route("/account", methods=["GET", "POST"])
def account():
    form = PasswordForm()
    if form.validate_on_submit():
        if accounts.authenticate(current_user.email, form.current.data) is None:
            form.current.errors = [_("That is not your current password.")]
        else:
            with unit_of_work():
                accounts.set_password(current_user, form.new.data)
            login_user(current_user._get_current_object())  # this session carries on
            flash(_("Your password is changed."), "success")
            return redirect(url_for(".account"), code=303)
    return render_template("moderation/account.html", form=form)


@bp.get("/users")
@city_admin_allowed
def users():
    return _users_page(_user_form())


def _user_form() -> UserForm:
    """Global admins add any account; a city admin their own edition's moderators only."""
    form = UserForm()
    if current_user.is_city_staff:
        form.role.choices = [c for c in form.role.choices if c.value == Role.CITY_MODERATOR]
        edition = current_user.edition
        form.edition.choices = [(str(edition.id), edition.slug)] if edition else []
        form.edition.data = str(edition.id) if edition else None
    else:
        editions = db.session.scalars(db.select(Edition).order_by(Edition.slug))
        form.edition.choices = [("", _("none (global)"))] + [(str(e.id), e.slug) for e in editions]
    return form


def _users_page(form: UserForm, status: int = 200):
    return render_template(
        "moderation/users.html",
        users=accounts.all_users(current_scope()),
        form=form,
    ), status


@bp.post("/users")
@city_admin_allowed
def add_user():
    form = _user_form()
    if not form.validate():
        return _users_page(form, 422)
    edition_id = parse_int(form.edition.data) if form.edition.data else None
    if current_user.is_city_staff:
        edition_id = current_user.edition_id
    try:
        with unit_of_work():
            user = accounts.create_user(
                form.email.data, form.password.data, Role(form.role.data), edition_id
            )
            audit.record(
                current_user,
                Action.ADD_USER,
                subject=f"{user.email} ({user.role})",
                edition_id=user.edition_id,
            )
    except accounts.AccountError as error:
        form.email.errors = [str(error)]
        return _users_page(form, 422)
    flash(
        _(
            "%(email)s can now sign in as %(role)s.",
            email=user.email,
            role=labels.role_label(user.role),
        ),
        "success",
    )
    return redirect(url_for(".users"), code=303)


@bp.post("/users/<int:user_id>/<any(disable, enable):change>")
@city_admin_allowed
def toggle_user(user_id: int, change: str):
    user = in_scope_or_404(User, user_id)
    if EmptyForm().validate():
        active = change == "enable"
        try:
            with unit_of_work():
                accounts.set_active(user, active, by=current_user)
                action = Action.ENABLE_USER if active else Action.DISABLE_USER
                audit.record(current_user, action, subject=user.email, edition_id=user.edition_id)
        except accounts.AccountError as error:
            flash(str(error), "error")
        else:
            done = _("%(email)s is re-enabled.") if active else _("%(email)s is disabled.")
            flash(done % {"email": user.email}, "success")
    return redirect(url_for(".users"), code=303)


@bp.get("/audit")
@city_admin_allowed
def audit_log():
    before = parse_int(request.args.get("before"))
    events = audit.recent(AUDIT_PAGE + 1, before, current_scope())
    more = len(events) > AUDIT_PAGE
    events = events[:AUDIT_PAGE]
    slugs = {row.id: row.slug for row in db.session.execute(db.select(Edition.id, Edition.slug))}
    return render_template(
        "moderation/audit.html",
        events=events,
        next_before=events[-1].id if more else None,
        edition_slugs=slugs,
    )


@bp.get("/audit.csv")
@city_admin_allowed
def audit_csv():
    stamp = utcnow().strftime("%Y%m%d-%H%M")
    return Response(
        stream_with_context(audit.csv_rows(scope=current_scope())),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="moderation-log-{stamp}.csv"'},
    )
