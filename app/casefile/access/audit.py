"""The one way to write the audit trail: who, for which organisation, when, what and why."""

from __future__ import annotations

from app.accounts.models import User
from app.casefile.access.policy import Access, Section
from app.casefile.models import AuditAction, AuditEntry, CaseFile
from app.extensions import db


def record(
    actor: User | None,
    case_file: CaseFile,
    action: AuditAction,
    section: str,
    *,
    purpose: str,
    organisation_id: int | None = None,
    detail: str | None = None,
) -> AuditEntry:
    """Append one audit entry. ``detail`` holds ids only, never personal data."""
    entry = AuditEntry(
        actor_user_id=actor.id if actor else None,
        actor_organisation_id=organisation_id,
        subject_key=case_file.subject_key,
        action=action.value,
        section=section,
        purpose=purpose,
        detail=detail[:200] if detail else None,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def record_reads(
    actor: User, case_file: CaseFile, access: Access, sections: list[Section], page: str
) -> None:
    """A page showed these sections of the file: one read entry per section."""
    for section in sections:
        record(
            actor,
            case_file,
            AuditAction.READ,
            section.value,
            purpose=access.purpose(section),
            organisation_id=access.organisation_id(section),
            detail=page,
        )
