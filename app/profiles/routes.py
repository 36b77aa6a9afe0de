"""Profile pages: a person's own profile, and the coordinators' view of people in their regions."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from app.core.permissions import Role, require
from app.profiles import queries
from app.profiles.models import GENDER_LABELS, LEVEL_LABELS, RIGHT_TO_WORK_LABELS

bp = Blueprint("profiles", __name__)

LABELS = {
    "gender": GENDER_LABELS,
    "level": LEVEL_LABELS,
    "right_to_work": RIGHT_TO_WORK_LABELS,
}


@bp.route("/me")
@require()
def my_profile() -> str:
    person = queries.get_own_person(current_user)
    refugee = queries.get_refugee_profile(person) if person else None
    return render_template("profiles/mine.html", person=person, refugee=refugee, labels=LABELS)


@bp.route("/people/")
@require(Role.COORDINATOR)
def people() -> str:
    search = request.args.get("q", "")[:100]
    page = request.args.get("page", 1, type=int) or 1
    rows, total = queries.list_people_for_coordinator(current_user, search, page)
    return render_template(
        "profiles/people.html",
        people=rows,
        total=total,
        search=search,
        page=page,
        page_size=queries.PAGE_SIZE,
    )


@bp.route("/people/<int:person_id>")
@require(Role.COORDINATOR)
def person_detail(person_id: int) -> str:
    person = queries.get_person_for_coordinator(current_user, person_id)
    if person is None:
        # 404 rather than 403: a coordinator elsewhere does not learn that the person exists.
        abort(404)
    refugee = queries.get_refugee_profile(person)
    return render_template("profiles/person.html", person=person, refugee=refugee, labels=LABELS)
