"""Administrator pages: organisations and coordinator invitations."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.accounts import services, throttling
from app.accounts.forms import InviteCoordinatorForm
from app.accounts.models import Organisation
from app.accounts.queries import list_organisations
from app.core.forms import choices
from app.core.permissions import Role, require
from app.core.urls import external_url
from app.core.views import render_form
from app.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/coordinators", methods=["GET", "POST"])
@require(Role.ADMIN)
def invite_coordinator() -> tuple[str, int] | Response:
    organisations = list_organisations()
    form = InviteCoordinatorForm()
    form.organisation_id.choices = choices((org.id, org.name) for org in organisations)
    if form.validate_on_submit():
        if not throttling.may_send_mail_to(form.email.data):
            abort(429)
        organisation = db.session.get(Organisation, form.organisation_id.data)
        user = services.invite_coordinator(
            form.email.data, form.display_name.data, organisation, form.locale.data
        )
        token = services.reset_token(current_app.config["SECRET_KEY"], user)
        services.send_invitation_mail(
            user, organisation, external_url("accounts.reset_password", token=token)
        )
        db.session.commit()
        flash(_("The invitation has been sent to %(email)s.", email=user.email), "success")
        return redirect(url_for("admin.invite_coordinator"))
    return render_form("admin/coordinators.html", form, organisations=organisations)
