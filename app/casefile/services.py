"""Writes to case files: opening a file, adding and correcting entries, granting and withdrawing
access. Each takes the acting user, checks the access it is given, and writes the audit trail.
Services flush; the view commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.casefile.access import audit
from app.casefile.access.policy import Access, OnBehalf, decides_own_consent
from app.casefile.entries.kinds import EntryKind
from app.casefile.models import AccessGrant, AccessPurpose, AuditAction, CaseFile
from app.casefile.models.access import SELF
from app.casefile.queries import get_case_file, is_corrected, list_grants
from app.core.db import utcnow
from app.core.taxonomy import normalise_skill_text
from app.extensions import db
from app.profiles.models import Person

ACCESS_SECTION = "access"


class NotAllowed(Exception):
    """The access at hand does not cover this change."""


class AlreadyCorrected(Exception):
    """Only the newest version of an entry can be corrected."""


class AlreadyWithdrawn(Exception):
    """The grant has ended already."""


class NamedReasonMissing(Exception):
    """A consent for another organisation than the coordinator's own needs the person's reason."""


def open_case_file(
    person: Person, actor: User | None, organisation_id: int | None = None
) -> CaseFile:
    """The person's case file, opened (with a new random subject key) if there is none yet;
    the organisation that opens it is responsible for it until someone says otherwise."""
    case_file = get_case_file(person.id)
    if case_file is not None:
        return case_file
    try:
        # Two first visits at once: one opens the file, the other finds it.
        with db.session.begin_nested():
            case_file = CaseFile(
                person_id=person.id,
                opened_by_id=actor.id if actor else None,
                responsible_organisation_id=organisation_id,
            )
            db.session.add(case_file)
    except IntegrityError:
        case_file = get_case_file(person.id)
        if case_file is None:  # the violation was not another request's file for this person
            raise
    return case_file


def add_entry(
    actor: User,
    access: Access,
    case_file: CaseFile,
    kind: EntryKind,
    values: dict[str, Any],
    *,
    supersedes: Any | None = None,
) -> Any:
    """Record a new entry, or a correction of ``supersedes``: always a new row; the old one stays.

    Raises NotAllowed when the access does not open the section (or this goal or note purpose),
    and AlreadyCorrected when ``supersedes`` has a newer version already.
    """
    if not access.may_write(kind.section) or not access.covers(
        kind.section, kind.scope_key(values)
    ):
        raise NotAllowed(kind.name)
    if supersedes is not None and is_corrected(kind, supersedes):
        raise AlreadyCorrected(kind.name)
    entry = kind.model(
        case_file_id=case_file.id,
        recorded_by_id=actor.id,
        recorded_by_organisation_id=access.organisation_id(kind.section),
        supersedes_id=supersedes.id if supersedes is not None else None,
        **values,
    )
    if kind.name == "qualification":
        entry.taxonomy_id = normalise_skill_text(values["title"]).taxonomy_id
    db.session.add(entry)
    db.session.flush()
    audit.record(
        actor,
        case_file,
        AuditAction.CORRECT if supersedes is not None else AuditAction.CREATE,
        kind.section.value,
        purpose=access.purpose(kind.section),
        organisation_id=access.organisation_id(kind.section),
        detail=f"{kind.name} {entry.id}"
        + (f" supersedes {supersedes.id}" if supersedes is not None else ""),
    )
    return entry


def grant_access(
    actor: User, person: Person, organisation_id: int, purpose: AccessPurpose, note: str | None
) -> AccessGrant:
    """The person's own consent that an organisation reads their file for one purpose.

    Raises NotAllowed unless ``actor`` is the person (their own account)."""
    if not decides_own_consent(actor, person):
        raise NotAllowed("grant")
    return _add_grant(actor, person, organisation_id, purpose, note=note)


def grant_on_behalf(
    actor: User,
    rule: OnBehalf,
    person: Person,
    *,
    organisation_id: int,
    purpose: AccessPurpose,
    note: str,
    named_reason: str | None = None,
) -> AccessGrant:
    """Record a consent a person kept on behalf gave on paper or in person (``note`` says how).

    Raises NotAllowed when the coordinator may not record consent for this person, and
    NamedReasonMissing for another organisation than the coordinator's own without the reason
    the person gave for naming it (``OnBehalf``)."""
    if not rule.may_record:
        raise NotAllowed("grant")
    if not rule.may_grant(organisation_id, named_reason):
        raise NamedReasonMissing(str(organisation_id))
    reason = named_reason.strip() if named_reason else None
    if not rule.needs_named_reason(organisation_id):
        reason = None  # the coordinator's own organisation: nobody had to be named
    return _add_grant(
        actor, person, organisation_id, purpose, note=note, named_reason=reason, rule=rule
    )


def audit_consents_read(
    actor: User, person: Person, organisation_id: int | None, purpose: str
) -> None:
    """The office read the person's consents: audited in their case file. With neither a file
    nor a grant there is nothing to read, and looking opens no file: a file once opened changes
    what other pages may do (the data page of a person kept on behalf then asks for a consent),
    so a page view must not open one."""
    case_file = get_case_file(person.id)
    if case_file is None:
        if not list_grants(person.id):
            return
        case_file = open_case_file(person, actor, organisation_id)
    audit.record(
        actor,
        case_file,
        AuditAction.READ,
        ACCESS_SECTION,
        purpose=purpose,
        organisation_id=organisation_id,
        detail="grants",
    )


def _add_grant(
    actor: User,
    person: Person,
    organisation_id: int,
    purpose: AccessPurpose,
    *,
    note: str | None,
    named_reason: str | None = None,
    rule: OnBehalf | None = None,
) -> AccessGrant:
    grant = AccessGrant(
        person_id=person.id,
        organisation_id=organisation_id,
        purpose=purpose.value,
        granted_by_id=actor.id,
        on_behalf=rule is not None,
        note=note or None,
        named_reason=named_reason,
    )
    db.session.add(grant)
    db.session.flush()
    _audit_grant(actor, person, grant, AuditAction.GRANT, rule)
    return grant


def withdraw_access(
    actor: User, person: Person, grant: AccessGrant, rule: OnBehalf | None = None
) -> None:
    """End a grant now: from this moment the organisation sees nothing more under it.

    Without ``rule`` the actor is the person withdrawing their own consent; with it, a
    coordinator withdrawing on the person's behalf. Raises NotAllowed when that is not theirs to
    withdraw, and AlreadyWithdrawn for a grant that has ended already."""
    mine = rule is None and decides_own_consent(actor, person)
    for_them = rule is not None and rule.may_withdraw(recorded_on_behalf=grant.on_behalf)
    if grant.person_id != person.id or not (mine or for_them):
        raise NotAllowed("grant")
    if grant.withdrawn_at is not None:
        raise AlreadyWithdrawn(str(grant.id))
    grant.withdrawn_at = utcnow()
    grant.withdrawn_by_id = actor.id
    db.session.flush()
    _audit_grant(actor, person, grant, AuditAction.WITHDRAW, rule)


def _audit_grant(
    actor: User, person: Person, grant: AccessGrant, action: AuditAction, rule: OnBehalf | None
) -> None:
    organisation_id = None if rule is None else rule.own_organisation_id
    audit.record(
        actor,
        # The first consent an office records opens the file: that office is responsible for it.
        open_case_file(person, actor, organisation_id),
        action,
        ACCESS_SECTION,
        purpose=SELF if rule is None else grant.purpose,
        organisation_id=organisation_id,
        detail=f"grant {grant.id} organisation {grant.organisation_id} purpose {grant.purpose}",
    )
