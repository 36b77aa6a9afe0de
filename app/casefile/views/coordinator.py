"""Case-file pages for coordinators: the file by section, adding and correcting entries, consent
recorded on the person's behalf, and who looked at the file.

Every view: load → check access (policy) → act; a page that shows a section writes a read entry
to the audit trail before it renders.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.policy import acts_in_region
from app.accounts.queries import list_organisations
from app.casefile import queries, services
from app.casefile.access import audit
from app.casefile.access.policy import Access, OnBehalf, Section, on_behalf_of
from app.casefile.entries import display
from app.casefile.entries.formdata import entry_values, prepare_form
from app.casefile.entries.forms import OnBehalfGrantForm, WithdrawForm
from app.casefile.entries.kinds import KINDS, EntryKind, kinds_of
from app.casefile.models import AccessPurpose, AuditAction, CaseFile
from app.casefile.models.access import PURPOSE_LABELS
from app.core.errors import render_error
from app.core.forms import choices
from app.core.pages import page_count, page_number
from app.core.permissions import Role, require
from app.core.views import form_status
from app.extensions import db
from app.profiles.models import Person

SECTIONS = "any(" + ", ".join(s.value for s in Section) + ")"


def page_context(**context: Any) -> dict[str, Any]:
    return {
        "section_labels": display.AUDIT_SECTION_LABELS,
        "action_labels": display.ACTION_LABELS,
        "purpose_labels": PURPOSE_LABELS,
        "kinds_of": kinds_of,
        "describe": display.describe,
        "recorded_by": display.recorded_by,
        **context,
    }


def profile_rule() -> dict[str, Any]:
    """The header links the person's profile only where the coordinator may open it: a grant
    opens the case file to an organisation outside the person's regions, but not the profile."""
    return {"may_open_profile": lambda person: acts_in_region(current_user, person.region_id)}


def person_links() -> dict[str, Any]:
    """For the person's page (profiles): which case-file pages open for the coordinator."""
    return {"case_file_links": lambda person: queries.file_links(current_user, person)}


def load_file(person_id: int) -> tuple[Person, Access, CaseFile]:
    """The person, what the current user may see, and the file; 404 without any grant."""
    person = queries.get_person(person_id)
    access = queries.access_of(current_user, person) if person else None
    if person is None or access is None:
        # 404 rather than 403: without consent an organisation does not learn the file exists.
        abort(404)
    opener = None if access.is_self else access.organisation_id()
    return person, access, services.open_case_file(person, current_user, opener)


def kind_or_404(kind_name: str) -> EntryKind:
    kind = KINDS.get(kind_name)
    if kind is None:
        abort(404)
    return kind


def require_section(access: Access, section: Section, write: bool = False) -> None:
    if not (access.may_write(section) if write else access.may_read(section)):
        abort(403)


@require(Role.COORDINATOR)
def shared_files() -> str:
    page = page_number(request.args.get("page"))
    shared, total = queries.list_shared_with(current_user, page)
    pages = page_count(total, queries.SHARED_PAGE_SIZE)
    return render_template(
        "casefile/shared.html", **page_context(shared=shared, page=page, pages=pages)
    )


@require(Role.COORDINATOR)
def overview(person_id: int) -> str:
    person, access, case_file = load_file(person_id)
    sections = access.readable_sections()
    rows = {s: queries.overview_rows(case_file, access, s) for s in sections}
    audit.record_reads(current_user, case_file, access, sections, "overview")
    db.session.commit()
    return render_template(
        "casefile/overview.html",
        **page_context(person=person, access=access, rows=rows, sections=list(Section)),
    )


@require(Role.COORDINATOR)
def section(person_id: int, section: str) -> str:
    person, access, case_file = load_file(person_id)
    chosen = Section(section)
    require_section(access, chosen)
    rows = queries.section_rows(case_file, access, chosen)
    audit.record_reads(current_user, case_file, access, [chosen], "history")
    db.session.commit()
    return render_template(
        "casefile/section.html",
        **page_context(person=person, access=access, section=chosen, rows=rows),
    )


def render_entry_form(
    person: Person, kind: EntryKind, form: Any, entry: Any | None = None
) -> tuple[str, int]:
    status = form_status(form)
    page = page_context(person=person, kind=kind, form=form, entry=entry)
    return render_template("casefile/entry_form.html", **page), status


def save_entry(
    person: Person, access: Access, case_file: CaseFile, kind: EntryKind, form: Any, *, old: Any
) -> Response | None:
    try:
        services.add_entry(
            current_user, access, case_file, kind, entry_values(kind, form), supersedes=old
        )
    except services.AlreadyCorrected:
        db.session.rollback()
        form.form_errors.append(_("This entry has been corrected already; correct the newest."))
        return None
    except services.NotAllowed:
        abort(403)
    db.session.commit()
    flash(_("The entry is saved."), "success")
    return redirect(url_for("casefile.section", person_id=person.id, section=kind.section.value))


@require(Role.COORDINATOR)
def add_entry(person_id: int, kind_name: str) -> tuple[str, int] | Response:
    person, access, case_file = load_file(person_id)
    kind = kind_or_404(kind_name)
    require_section(access, kind.section, write=True)
    form = prepare_form(kind, kind.form(), case_file, access)
    if form.validate_on_submit():
        saved = save_entry(person, access, case_file, kind, form, old=None)
        if saved is not None:
            return saved
    # The form shows entries of the file (what a new entry hangs off): a read.
    audit.record_reads(current_user, case_file, access, [kind.section], f"add {kind.name}")
    db.session.commit()
    return render_entry_form(person, kind, form)


@require(Role.COORDINATOR)
def correct_entry(person_id: int, kind_name: str, entry_id: int) -> tuple[str, int] | Response:
    person, access, case_file = load_file(person_id)
    kind = kind_or_404(kind_name)
    require_section(access, kind.section, write=True)
    old = queries.get_entry(case_file, kind, entry_id)
    if old is None or not access.covers(kind.section, kind.scope_key(kind.values_of(old))):
        abort(404)
    form = prepare_form(
        kind, kind.form(data=queries.correction_defaults(kind, old)), case_file, access
    )
    if form.validate_on_submit():
        saved = save_entry(person, access, case_file, kind, form, old=old)
        if saved is not None:
            return saved
    audit.record_reads(
        current_user, case_file, access, [kind.section], f"correct {kind.name} {old.id}"
    )
    db.session.commit()
    return render_entry_form(person, kind, form, old)


# -- consent on the person's behalf, and who looked -------------------------------------------


def load_for_consent(person_id: int) -> tuple[Person, Access | None, OnBehalf]:
    """The person, the grants the current user's organisations hold, and what the user may do on
    the person's behalf; 404 when the user neither holds a grant nor coordinates the person's
    region (as before: no more is revealed), 403 when there is nothing here for them to do."""
    person = queries.get_person(person_id)
    if person is None:
        abort(404)
    access = queries.access_of(current_user, person)
    if access is None and not acts_in_region(current_user, person.region_id):
        abort(404)
    rule = on_behalf_of(current_user, person)
    if not rule.may_see_consents(holds_grant=access is not None):
        abort(403)  # the person has an account of their own: they decide themselves
    return person, access, rule


def organisation_choices() -> list[Any]:
    return choices((o.id, o.name) for o in list_organisations())


def render_access(
    person: Person, access: Access | None, rule: OnBehalf, form: Any, status: int = 200
) -> tuple[str, int]:
    services.audit_consents_read(
        current_user,
        person,
        rule.own_organisation_id,
        # Without a grant yet, the office reads the consents to counsel the person about them.
        purpose=access.purpose() if access else AccessPurpose.COUNSELLING.value,
    )
    db.session.commit()
    page = page_context(
        person=person,
        file_opens=access is not None,
        grants=queries.list_grants(person.id),
        form=form if rule.may_record else None,
        withdraw=WithdrawForm(),
        may_withdraw=lambda grant: rule.may_withdraw(recorded_on_behalf=grant.on_behalf),
    )
    return render_template("casefile/access.html", mode="coordinator", **page), status


def record_on_behalf(person: Person, rule: OnBehalf, form: OnBehalfGrantForm) -> bool:
    """Record the consent the form describes; False (with the form's error) without the reason
    the person named another organisation for."""
    try:
        services.grant_on_behalf(
            current_user,
            rule,
            person,
            organisation_id=form.organisation_id.data,
            purpose=AccessPurpose(form.purpose.data),
            note=form.note.data,
            named_reason=form.named_reason.data,
        )
    except services.NamedReasonMissing:
        form.named_reason.errors = [
            _(
                "This consent is for another organisation than yours: write down why the person "
                "named it."
            )
        ]
        return False
    return True


@require(Role.COORDINATOR)
def access_on_behalf(person_id: int) -> tuple[str, int] | Response:
    person, access, rule = load_for_consent(person_id)
    if request.method == "POST" and not rule.may_record:
        abort(403)  # a grant holder has no say over the person's consents
    form = OnBehalfGrantForm()
    form.organisation_id.choices = organisation_choices()
    if form.validate_on_submit() and record_on_behalf(person, rule, form):
        db.session.commit()
        flash(_("The consent is recorded."), "success")
        return redirect(url_for("casefile.access_on_behalf", person_id=person.id))
    status = form_status(form)
    return render_access(person, access, rule, form, status)


@require(Role.COORDINATOR)
def withdraw_on_behalf(person_id: int, grant_id: int) -> Response | tuple[object, int]:
    person, _access, rule = load_for_consent(person_id)
    grant = queries.get_grant(person.id, grant_id)
    if grant is None:
        abort(404)
    if not rule.may_withdraw(recorded_on_behalf=grant.on_behalf):
        abort(403)
    try:
        services.withdraw_access(current_user, person, grant, rule)
    except services.AlreadyWithdrawn:
        return render_error(400, _("This consent has been withdrawn already."))
    db.session.commit()
    flash(_("The consent is withdrawn."), "success")
    return redirect(url_for("casefile.access_on_behalf", person_id=person.id))


@require(Role.COORDINATOR)
def audit_trail(person_id: int) -> str:
    person, access, case_file = load_file(person_id)
    audit.record(
        current_user,
        case_file,
        AuditAction.READ,
        "audit",
        purpose=access.purpose(),
        organisation_id=access.organisation_id(),
        detail="audit trail",
    )
    db.session.commit()
    lines = display.audit_lines(queries.audit_trail(case_file))
    page = page_context(person=person, lines=lines)
    return render_template("casefile/audit.html", mode="coordinator", **page)
