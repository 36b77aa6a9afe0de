"""A person's own case file: read it, decide which organisation may see it for which purpose,
and see who looked at it."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.casefile import queries, services
from app.casefile.access import audit
from app.casefile.access.policy import Access, Section, decides_own_consent
from app.casefile.entries import display
from app.casefile.entries.forms import GrantForm, WithdrawForm
from app.casefile.models import AccessPurpose, AuditAction, CaseFile
from app.casefile.models.access import SELF
from app.casefile.views.coordinator import organisation_choices, page_context
from app.core.errors import render_error
from app.core.permissions import require
from app.core.views import form_status
from app.extensions import db
from app.profiles.models import Person
from app.profiles.queries import get_own_person


def own_file() -> tuple[Person, CaseFile] | None:
    person = get_own_person(current_user)
    if person is None:
        return None
    return person, services.open_case_file(person, current_user)


def own_access() -> tuple[Person, Access, CaseFile] | None:
    """The current user's person, what they see of their file (everything), and the file."""
    found = own_file()
    if found is None:
        return None
    person, case_file = found
    access = queries.access_of(current_user, person)
    if access is None:  # pragma: no cover - a person always reads their own file
        abort(404)
    return person, access, case_file


def record_own_read(case_file: CaseFile, section: str, detail: str) -> None:
    audit.record(current_user, case_file, AuditAction.READ, section, purpose=SELF, detail=detail)


@require()
def my_file() -> str:
    found = own_access()
    if found is None:
        return render_template("casefile/no_file.html")
    person, access, case_file = found
    rows = {s: queries.section_rows(case_file, access, s) for s in Section}
    audit.record_reads(current_user, case_file, access, list(Section), "own file")
    db.session.commit()
    page = page_context(person=person, access=access, rows=rows, sections=list(Section))
    return render_template("casefile/mine.html", **page)


def render_my_access(person: Person, case_file: CaseFile, form: GrantForm) -> tuple[str, int]:
    record_own_read(case_file, services.ACCESS_SECTION, "grants")
    db.session.commit()
    page: dict[str, Any] = page_context(
        person=person,
        grants=queries.list_grants(person.id),
        form=form,
        withdraw=WithdrawForm(),
        may_withdraw=lambda _grant: decides_own_consent(current_user, person),
    )
    status = form_status(form)
    return render_template("casefile/access.html", mode="self", **page), status


@require()
def my_access() -> tuple[str, int] | Response:
    found = own_file()
    if found is None:
        return render_template("casefile/no_file.html"), 200
    person, case_file = found
    form = GrantForm()
    form.organisation_id.choices = organisation_choices()
    if form.validate_on_submit():
        services.grant_access(
            current_user,
            person,
            form.organisation_id.data,
            AccessPurpose(form.purpose.data),
            form.note.data,
        )
        db.session.commit()
        flash(_("Your consent is recorded."), "success")
        return redirect(url_for("casefile.my_access"))
    return render_my_access(person, case_file, form)


@require()
def my_withdraw(grant_id: int) -> Response | tuple[object, int]:
    found = own_file()
    grant = queries.get_grant(found[0].id, grant_id) if found else None
    if found is None or grant is None:
        abort(404)
    try:
        services.withdraw_access(current_user, found[0], grant)
    except services.AlreadyWithdrawn:
        return render_error(400, _("This consent has been withdrawn already."))
    db.session.commit()
    flash(
        _("Your consent is withdrawn. From now on the organisation sees nothing more."), "success"
    )
    return redirect(url_for("casefile.my_access"))


@require()
def my_audit() -> str:
    found = own_file()
    if found is None:
        return render_template("casefile/no_file.html")
    person, case_file = found
    record_own_read(case_file, "audit", "audit trail")
    db.session.commit()
    lines = display.audit_lines(queries.audit_trail(case_file))
    page = page_context(person=person, lines=lines)
    return render_template("casefile/audit.html", mode="self", **page)
