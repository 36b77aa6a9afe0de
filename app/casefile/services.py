"""Writes to case files: opening a file, adding and correcting entries, granting and withdrawing
access. Each takes the acting user, checks the access it is given, and writes the audit trail.
Services flush; the view commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.casefile import audit
from app.casefile.kinds import EntryKind
from app.casefile.models import AccessGrant, AccessPurpose, AuditAction, CaseFile
from app.casefile.policy import Access
from app.casefile.queries import get_case_file, is_corrected
from app.core.db import utcnow
from app.extensions import db
from app.matches.adapters import normalise_skill_text
from app.profiles.models import Person

ACCESS_SECTION = "access"


class NotAllowed(Exception):
    """The access at hand does not cover this change."""


class AlreadyCorrected(Exception):
    """Only the newest version of an entry can be corrected."""


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
    actor: User,
    person: Person,
    organisation_id: int,
    purpose: AccessPurpose,
    note: str | None,
    *,
    on_behalf: bool,
    actor_organisation_id: int | None = None,
) -> AccessGrant:
    """Record the person's consent that an organisation reads their file for one purpose.

    ``on_behalf``: a coordinator records it for the person (``note`` says how they agreed).
    """
    grant = AccessGrant(
        person_id=person.id,
        organisation_id=organisation_id,
        purpose=purpose.value,
        granted_by_id=actor.id,
        on_behalf=on_behalf,
        note=note or None,
    )
    db.session.add(grant)
    db.session.flush()
    _audit_grant(actor, person, grant, AuditAction.GRANT, actor_organisation_id)
    return grant


def withdraw_access(
    actor: User, person: Person, grant: AccessGrant, actor_organisation_id: int | None = None
) -> None:
    """End a grant now: from this moment the organisation sees nothing more under it."""
    if grant.person_id != person.id or grant.withdrawn_at is not None:
        raise NotAllowed("grant")
    grant.withdrawn_at = utcnow()
    grant.withdrawn_by_id = actor.id
    db.session.flush()
    _audit_grant(actor, person, grant, AuditAction.WITHDRAW, actor_organisation_id)


def _audit_grant(
    actor: User,
    person: Person,
    grant: AccessGrant,
    action: AuditAction,
    actor_organisation_id: int | None,
) -> None:
    own = person.user_id == actor.id
    audit.record(
        actor,
        open_case_file(person, actor),
        action,
        ACCESS_SECTION,
        purpose="self" if own else grant.purpose,
        organisation_id=None if own else actor_organisation_id,
        detail=f"grant {grant.id} organisation {grant.organisation_id} purpose {grant.purpose}",
    )
