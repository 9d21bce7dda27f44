"""Admin pages in the moderation area: invitations for officials."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.extensions import db
from campaign.forms import EmptyForm
from campaign.i18n import current_locale
from campaign.models import OfficialInvitation
from campaign.moderation.access import admin_blueprint
from campaign.moderation.scope import current_scope, in_scope_or_404
from campaign.officials import invitations, mail
from campaign.officials.forms import InvitationForm
from campaign.unit_of_work import unit_of_work
from campaign.urls import absolute_url_for

# City admins too: each sees and sends its own edition's invitations only.
bp = admin_blueprint("officials_admin", __name__, url_prefix="/moderate", city_admins=True)


def invitation_link(invitation: OfficialInvitation) -> str:
    return absolute_url_for("officials.invitation", token=invitations.link_token(invitation))


@bp.route("/invitations", methods=["GET", "POST"])
def invitation_list():
    form = InvitationForm(locale=current_locale())
    if request.method == "GET":
        form.send_email.data = mail.mail_configured()
    if request.method == "POST" and form.validate():
        details = invitations.InvitationDetails(
            name=form.name.data,
            title=form.title.data,
            city=form.city.data,
            country_code=form.country.data,
            language=form.language.data,
            email=form.email.data,
            pre_approved=form.pre_approved.data,
        )
        # One commit: the invitation, and when it was e-mailed if it was.
        with unit_of_work():
            invitation = invitations.create_invitation(details, by=current_user)
            flash(_("The invitation is ready."), "success")
            if form.send_email.data and invitation.email:
                _send(invitation)
        return redirect(url_for(".invitation_detail", invitation_id=invitation.id), code=303)
    status = 422 if request.method == "POST" else 200
    query = db.select(OfficialInvitation).order_by(OfficialInvitation.created_at.desc())
    query = current_scope().filter(query, OfficialInvitation.edition_id)
    rows = db.session.scalars(query.limit(200)).all()
    return render_template(
        "officials/admin_invitations.html",
        form=form,
        invitations=rows,
        mail_configured=mail.mail_configured(),
    ), status


@bp.get("/invitations/<int:invitation_id>")
def invitation_detail(invitation_id: int):
    invitation = in_scope_or_404(OfficialInvitation, invitation_id)
    return render_template(
        "officials/admin_invitation.html",
        invitation=invitation,
        link=invitation_link(invitation) if invitation.state == "open" else None,
        form=EmptyForm(),
        mail_configured=mail.mail_configured(),
    )


@bp.post("/invitations/<int:invitation_id>/<action>")
def invitation_action(invitation_id: int, action: str):
    invitation = in_scope_or_404(OfficialInvitation, invitation_id)
    if action not in {"send", "renew", "revoke"} or not EmptyForm().validate():
        flash(_("That did not work; please try again."), "error")
        return redirect(url_for(".invitation_detail", invitation_id=invitation_id), code=303)
    if action == "revoke":
        with unit_of_work():
            invitations.revoke(invitation)
        flash(_("The link no longer works."), "success")
    elif action == "renew":
        try:
            with unit_of_work():
                invitations.renew(invitation)
        except invitations.LinkGone:
            flash(_("This invitation has been used; it cannot be renewed."), "error")
        else:
            flash(_("Here is a new link; the previous one no longer works."), "success")
    elif invitation.state != "open":
        # A page left open while the link was used, withdrawn or ran out.
        flash(_("This link no longer works, so it was not e-mailed."), "error")
    else:
        with unit_of_work():
            _send(invitation)
    return redirect(url_for(".invitation_detail", invitation_id=invitation_id), code=303)


def _send(invitation: OfficialInvitation) -> None:
    """E-mail the link and record when (the caller's unit of work commits it)."""
    if not mail.mail_configured():
        flash(_("E-mail is not configured: copy the link and send it yourself."), "error")
        return
    try:
        mail.send_invitation(invitation, invitation_link(invitation))
    except mail.MailError as error:
        flash(str(error), "error")
        return
    invitation.emailed_at = invitations.now()
    flash(_("The invitation was e-mailed to %(email)s.", email=invitation.email), "success")
