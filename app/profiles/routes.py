"""Profile pages: a person's own profile and its sections, type-ahead, and
the coordinators' view of people in their regions (search, keep a profile on behalf, certificates).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.downloads import attachment
from app.core.i18n import current_locale
from app.core.permissions import Role, require
from app.core.taxonomy import skill_suggestions
from app.core.views import FORM_FAILED, render_form
from app.extensions import db
from app.profiles import forms, queries, services
from app.profiles.formdata import (
    about_me_defaults,
    about_me_from,
    basics_from,
    helping_defaults,
    helping_from,
    newcomer_defaults,
    newcomer_from,
)
from app.profiles.models import (
    GENDER_LABELS,
    GOAL_LABELS,
    LEVEL_LABELS,
    RIGHT_TO_WORK_LABELS,
    Person,
    level_text,
)
from app.profiles.options import (
    LANGUAGE_CODES,
    RESIDENCE_STATUS_LABELS,
    VOLUNTEER_INTEREST_LABELS,
)
from app.profiles.policy import keeps_on_behalf

bp = Blueprint("profiles", __name__)
bp.add_app_template_filter(level_text, "language_level")

LABELS = {
    "gender": GENDER_LABELS,
    "level": LEVEL_LABELS,
    "right_to_work": RIGHT_TO_WORK_LABELS,
    "goal": GOAL_LABELS,
    "residence_status": RESIDENCE_STATUS_LABELS,
    "interest": VOLUNTEER_INTEREST_LABELS,
}


def save_about_me(person: Person, form: forms.AboutMeForm) -> None:
    services.update_about_me(person, about_me_from(form), current_locale())


# -- one's own profile --------------------------------------------------------------------------


@bp.route("/me")
@require()
def my_profile() -> str:
    person = queries.get_own_person(current_user)
    return render_template("profiles/mine.html", person=person, labels=LABELS)


@bp.route("/me/edit", methods=["GET", "POST"])
@require()
def edit_about_me() -> tuple[str, int] | Response:
    person = queries.get_own_person(current_user)
    form = forms.AboutMeForm(data=about_me_defaults(person, current_user))
    if form.validate_on_submit():
        save_about_me(services.ensure_person(current_user), form)
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("profiles.my_profile"))
    return render_form("profiles/edit_about_me.html", form)


@bp.route("/me/newcomer", methods=["GET", "POST"])
@require(Role.REFUGEE)
def edit_newcomer() -> tuple[str, int] | Response:
    person = queries.get_own_person(current_user)
    if person is None or person.postcode is None:
        flash(_("Please tell us first where you live and which languages you speak."), "info")
        return redirect(url_for("profiles.edit_about_me"))
    form = forms.NewcomerForm(data=newcomer_defaults(person))
    if form.validate_on_submit():
        services.update_newcomer(person, newcomer_from(form))
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("profiles.my_profile"))
    return render_form("profiles/edit_newcomer.html", form)


@bp.route("/me/helping", methods=["GET", "POST"])
@require(Role.VOLUNTEER, Role.MENTOR)
def edit_helping() -> tuple[str, int] | Response:
    person = queries.get_own_person(current_user)
    if person is None or person.postcode is None:
        flash(_("Please tell us first where you live and which languages you speak."), "info")
        return redirect(url_for("profiles.edit_about_me"))
    is_mentor = current_user.has_role(Role.MENTOR)
    form = forms.HelpingForm(data=helping_defaults(person))
    if form.validate_on_submit():
        # Mentors are volunteers too: their interests and hours are kept the same way.
        services.update_helping(person, helping_from(form), volunteer=True, mentor=is_mentor)
        upload = form.certificate_file.data
        if is_mentor and upload and upload.filename:
            try:
                services.store_certificate(
                    person, upload.stream, upload.filename, services.certificate_folder()
                )
            except services.InvalidUpload:
                db.session.rollback()
                form.certificate_file.errors.append(
                    _("This file is not a readable PDF, JPG or PNG, or larger than 5 MB.")
                )
                return render_form("profiles/edit_helping.html", form, is_mentor=is_mentor)
        db.session.commit()
        flash(_("Thank you! Your offer is saved."), "success")
        return redirect(url_for("profiles.my_profile"))
    return render_form("profiles/edit_helping.html", form, is_mentor=is_mentor)


@bp.route("/skills/suggest")
def suggest_skills() -> Response:
    text = request.args.get("q", "")[:80]
    return jsonify(
        [s.label for s in skill_suggestions(text, current_locale())] if len(text) >= 2 else []
    )


# -- coordinators -------------------------------------------------------------------------------


@bp.route("/people/")
@require(Role.COORDINATOR)
def people() -> str:
    filters = queries.PeopleFilter.from_args(request.args)
    rows, total = queries.list_people_for_coordinator(current_user, filters)
    return render_template(
        "profiles/people.html",
        people=rows,
        total=total,
        filters=filters,
        page_size=queries.PAGE_SIZE,
        labels=LABELS,
        language_codes=LANGUAGE_CODES,
    )


@bp.route("/people/new", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def new_person() -> tuple[str, int] | Response:
    form = forms.NewPersonForm(data={"languages": [{}] * forms.LANGUAGE_ROWS})
    if form.validate_on_submit():
        basics = basics_from(form)
        if not queries.postcode_in_coordinated_regions(current_user, basics.postcode):
            form.postcode.errors.append(_("This postcode lies outside the regions you coordinate."))
            return render_form("profiles/new_person.html", form)
        person = services.create_person_on_behalf(current_user, basics, form.consent_note.data)
        save_about_me(person, form)
        db.session.commit()
        flash(_("The profile is saved."), "success")
        return redirect(url_for("profiles.person_detail", person_id=person.id))
    return render_form("profiles/new_person.html", form)


def coordinated_person_or_404(person_id: int) -> Person:
    person = queries.get_person_for_coordinator(current_user, person_id)
    if person is None:
        # 404 rather than 403: a coordinator elsewhere does not learn that the person exists.
        abort(404)
    return person


def kept_person_or_abort(person_id: int) -> Person:
    """A person this coordinator keeps on behalf; 404 outside its regions, 403 for a person who
    keeps their profile themselves (their own account)."""
    person = coordinated_person_or_404(person_id)
    if not keeps_on_behalf(current_user, person):
        abort(403)
    return person


def render_person(person: Person, check_form: forms.CertificateCheckForm) -> str:
    return render_template(
        "profiles/person.html",
        person=person,
        labels=LABELS,
        check_form=check_form,
        kept_on_behalf=keeps_on_behalf(current_user, person),
    )


@bp.route("/people/<int:person_id>")
@require(Role.COORDINATOR)
def person_detail(person_id: int) -> str:
    return render_person(coordinated_person_or_404(person_id), forms.CertificateCheckForm())


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def edit_person(person_id: int) -> tuple[str, int] | Response:
    person = kept_person_or_abort(person_id)
    form = forms.AboutMeForm(data=about_me_defaults(person, None))
    if form.validate_on_submit():
        about = about_me_from(form)
        if not queries.postcode_in_coordinated_regions(current_user, about.basics.postcode):
            # Moving the person out of the regions would hand them over unasked.
            form.postcode.errors.append(_("This postcode lies outside the regions you coordinate."))
            return render_form("profiles/edit_about_me.html", form, person=person)
        services.edit_on_behalf(current_user, person, about, current_locale())
        db.session.commit()
        flash(_("The profile is saved."), "success")
        return redirect(url_for("profiles.person_detail", person_id=person.id))
    return render_form("profiles/edit_about_me.html", form, person=person)


@bp.route("/people/<int:person_id>/certificate")
@require(Role.COORDINATOR)
def certificate_file(person_id: int) -> Response:
    person = coordinated_person_or_404(person_id)
    profile = person.mentor_profile
    if profile is None or not profile.conduct_certificate_file:
        abort(404)
    response = send_from_directory(services.certificate_folder(), profile.conduct_certificate_file)
    return attachment(response, profile.conduct_certificate_filename or "certificate")


@bp.route("/people/<int:person_id>/certificate", methods=["POST"])
@require(Role.COORDINATOR)
def confirm_certificate(person_id: int) -> tuple[str, int] | Response:
    person = coordinated_person_or_404(person_id)
    if person.mentor_profile is None or person.mentor_profile.conduct_certificate_issued_on is None:
        abort(404)
    form = forms.CertificateCheckForm()
    if form.validate_on_submit():
        services.confirm_certificate(current_user, person.mentor_profile, form.valid_until.data)
        db.session.commit()
        flash(_("The certificate of good conduct is confirmed."), "success")
        return redirect(url_for("profiles.person_detail", person_id=person.id))
    return render_person(person, form), FORM_FAILED
