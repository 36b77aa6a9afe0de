"""Reads about case files, grants and the audit trail, always through an ``Access``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.accounts.models import Region, User
from app.accounts.policy import acts_in_region
from app.casefile.access.policy import Access, Section, access_for, on_behalf_of
from app.casefile.entries.kinds import KINDS, EntryKind, kinds_of
from app.casefile.models import AccessGrant, AccessPurpose, AuditEntry, CaseFile, EntryMixin
from app.core.pages import page_offset
from app.core.permissions import Role
from app.extensions import db
from app.profiles.models import Person

AUDIT_PAGE_SIZE = 500


def get_person(person_id: int) -> Person | None:
    return db.session.get(Person, person_id)


def get_case_file(person_id: int) -> CaseFile | None:
    return db.session.scalar(select(CaseFile).where(CaseFile.person_id == person_id))


def list_grants(person_id: int) -> list[AccessGrant]:
    query = select(AccessGrant).where(AccessGrant.person_id == person_id)
    return list(db.session.scalars(query.order_by(AccessGrant.granted_at.desc())))


def access_of(user: User, person: Person) -> Access | None:
    """What ``user`` may see of ``person``'s file right now (None: nothing, answer 404)."""
    active = select(AccessGrant.purpose, AccessGrant.organisation_id).where(
        AccessGrant.person_id == person.id, AccessGrant.withdrawn_at.is_(None)
    )
    return access_for(
        person_id=person.id,
        person_user_id=person.user_id,
        user_id=user.id,
        is_coordinator=user.has_role(Role.COORDINATOR),
        organisation_ids=[m.organisation_id for m in user.memberships],
        active_grants=[(row.purpose, row.organisation_id) for row in db.session.execute(active)],
    )


@dataclass(frozen=True)
class FileLinks:
    """Which case-file pages of a person open for a coordinator, so that a button is shown only
    where it leads somewhere (the file answers 404 without a grant)."""

    opens_file: bool  # a grant opens at least one section
    opens_consents: bool  # the consent page: to read the grants held, or to record one
    records_consent: bool  # the person is kept on behalf: the coordinator records their consent


def file_links(user: User, person: Person) -> FileLinks:
    """The same rules as the pages themselves (``access_of`` and ``OnBehalf``), asked ahead."""
    access = access_of(user, person)
    rule = on_behalf_of(user, person)
    reaches = access is not None or acts_in_region(user, person.region_id)
    return FileLinks(
        opens_file=access is not None,
        opens_consents=reaches and rule.may_see_consents(holds_grant=access is not None),
        records_consent=rule.may_record,
    )


def get_grant(person_id: int, grant_id: int) -> AccessGrant | None:
    grant = db.session.get(AccessGrant, grant_id)
    return grant if grant is not None and grant.person_id == person_id else None


def list_regions() -> list[Region]:
    return list(db.session.scalars(select(Region).order_by(Region.name)))


SHARED_PAGE_SIZE = 50


def list_shared_with(user: User, page: int = 1) -> tuple[list[tuple[Person, list[str]]], int]:
    """One page of the people whose files the user's organisations may see, with the purposes
    granted, and how many such people there are."""
    organisation_ids = [m.organisation_id for m in user.memberships]
    live = [AccessGrant.organisation_id.in_(organisation_ids), AccessGrant.withdrawn_at.is_(None)]
    granted = select(AccessGrant.id).where(AccessGrant.person_id == Person.id, *live).exists()
    total = db.session.scalar(select(func.count(Person.id)).where(granted)) or 0
    people = list(
        db.session.scalars(
            select(Person)
            .where(granted)
            .order_by(Person.family_name, Person.given_name, Person.id)
            .limit(SHARED_PAGE_SIZE)
            .offset(page_offset(page, SHARED_PAGE_SIZE))
        )
    )
    purposes: dict[int, set[str]] = {p.id: set() for p in people}
    grants = select(AccessGrant.person_id, AccessGrant.purpose).where(
        AccessGrant.person_id.in_(purposes), *live
    )
    for person_id, purpose in db.session.execute(grants):
        purposes[person_id].add(purpose)
    order = list(AccessPurpose)
    return [
        (p, sorted(purposes[p.id], key=lambda x: order.index(AccessPurpose(x)))) for p in people
    ], total


# -- entries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryRow:
    """An entry with its place in history: the row that corrected it, if any."""

    kind: EntryKind
    entry: Any
    corrected_by: Any | None

    @property
    def current(self) -> bool:
        return self.corrected_by is None


def _entries(case_file_id: int, model: type[EntryMixin]) -> list[Any]:
    query = select(model).where(model.case_file_id == case_file_id)  # type: ignore[attr-defined]
    return list(db.session.scalars(query.order_by(model.recorded_at, model.id)))  # type: ignore[attr-defined]


def kind_rows(case_file: CaseFile, access: Access, kind: EntryKind) -> list[EntryRow]:
    """Every entry of one kind that ``access`` covers, oldest first, with its correction."""
    entries = _entries(case_file.id, kind.model)
    corrections = {e.supersedes_id: e for e in entries if e.supersedes_id is not None}
    return [
        EntryRow(kind, entry, corrections.get(entry.id))
        for entry in entries
        if access.covers(kind.section, kind.scope_key(kind.values_of(entry)))
    ]


def section_rows(
    case_file: CaseFile, access: Access, section: Section
) -> dict[str, list[EntryRow]]:
    return {kind.name: kind_rows(case_file, access, kind) for kind in kinds_of(section)}


def overview_rows(
    case_file: CaseFile, access: Access, section: Section
) -> dict[str, list[EntryRow]]:
    """What holds now: current entries; of a dated state only the latest (per parent entry)."""
    shown = {}
    for name, rows in section_rows(case_file, access, section).items():
        current = [row for row in rows if row.current]
        shown[name] = latest_states(current) if KINDS[name].dated_state else current
    return shown


def latest_states(rows: list[EntryRow]) -> list[EntryRow]:
    latest: dict[Any, EntryRow] = {}
    for row in rows:
        group = getattr(row.entry, row.kind.parent[0]) if row.kind.parent else None
        best = latest.get(group)
        if best is None or (row.entry.since, row.entry.id) >= (best.entry.since, best.entry.id):
            latest[group] = row
    return list(latest.values())


def get_entry(case_file: CaseFile, kind: EntryKind, entry_id: int) -> Any | None:
    entry = db.session.get(kind.model, entry_id)
    return entry if entry is not None and entry.case_file_id == case_file.id else None


def is_corrected(kind: EntryKind, entry: Any) -> bool:
    query = select(kind.model.id).where(kind.model.supersedes_id == entry.id)  # type: ignore[attr-defined]
    return db.session.scalar(query) is not None


def current_version_id(kind: EntryKind, entry_id: int | None) -> int | None:
    """Follow corrections from ``entry_id`` to the newest version of that entry."""
    seen: set[int] = set()
    while entry_id is not None and entry_id not in seen:
        seen.add(entry_id)
        newer = db.session.scalar(
            select(kind.model.id).where(kind.model.supersedes_id == entry_id)  # type: ignore[attr-defined]
        )
        if newer is None:
            return entry_id
        entry_id = newer
    return entry_id


def correction_defaults(kind: EntryKind, entry: Any) -> dict[str, Any]:
    """The form's starting values when correcting ``entry``: its own, pointing at the newest
    version of the entry it hangs off."""
    values = kind.values_of(entry)
    if kind.parent is not None:
        field, parent_kind = kind.parent
        values[field] = current_version_id(KINDS[parent_kind], values[field])
    return values


def parent_choices(case_file: CaseFile, access: Access, kind: EntryKind) -> list[tuple[int, str]]:
    """The current entries a new entry of ``kind`` may hang off, as (id, label)."""
    if kind.parent is None:
        return []
    parent = KINDS[kind.parent[1]]
    rows = [row for row in kind_rows(case_file, access, parent) if row.current]
    return [(row.entry.id, parent_label(row.entry)) for row in rows]


def parent_label(entry: Any) -> str:
    for attribute in ("title", "description"):
        if hasattr(entry, attribute):
            return str(getattr(entry, attribute))
    return str(entry.id)


# -- audit ---------------------------------------------------------------------------------------


def audit_trail(case_file: CaseFile) -> list[AuditEntry]:
    """Newest first: who looked at or changed the file."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.subject_key == case_file.subject_key)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(AUDIT_PAGE_SIZE)
    )
    return list(db.session.scalars(query))
