"""Reads for the privacy pages: whose data a user may export or erase, and what is held."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import defer

from app.accounts.models import User
from app.casefile import queries as casefile_queries
from app.casefile.access.policy import Access, Section
from app.casefile.models import CaseFile
from app.extensions import db
from app.privacy.models import DataExport
from app.profiles.models import Person
from app.profiles.queries import get_own_person, get_person_for_coordinator


@dataclass(frozen=True)
class Subject:
    """Whose data: an account, a person profile, or both."""

    user: User | None
    person: Person | None

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user else None

    @property
    def person_id(self) -> int | None:
        return self.person.id if self.person else None

    @property
    def email(self) -> str | None:
        return self.user.email if self.user else None


def own_subject(user: User) -> Subject:
    return Subject(user=user, person=get_own_person(user))


def get_case_file(person: Person | None) -> CaseFile | None:
    return None if person is None else casefile_queries.get_case_file(person.id)


@dataclass(frozen=True)
class OnBehalf:
    """A person kept on behalf, and the access that lets a coordinator act for them."""

    subject: Subject
    access: Access | None  # None: the person has no case file


class NotYours(Exception):
    """The coordinator may not act for this person (answer 404: do not reveal the person)."""


class NotAllSections(Exception):
    """The coordinator's grants do not open the whole case file (answer 403)."""


def person_kept_on_behalf(coordinator: User, person_id: int) -> OnBehalf:
    """A person without an account in the coordinator's regions. With a case file, the
    coordinator's organisation needs a grant that opens every section of it, because the export
    and the erasure cover the whole file."""
    person = get_person_for_coordinator(coordinator, person_id)
    if person is None or person.user_id is not None:
        raise NotYours
    if get_case_file(person) is None:
        return OnBehalf(Subject(user=None, person=person), None)
    access = casefile_queries.access_of(coordinator, person)
    if access is None:
        raise NotYours
    if any(not access.may_read(section) for section in Section):
        raise NotAllSections
    return OnBehalf(Subject(user=None, person=person), access)


def data_page_opens(coordinator: User, person: Person) -> bool | None:
    """For a person's page: does the data page (export, erasure) open for the coordinator? None
    for a person not kept on behalf in their regions (no such page for them); False when it needs
    a consent first (a case file that the coordinator's grants do not open as a whole)."""
    if person.user_id is not None or get_person_for_coordinator(coordinator, person.id) is None:
        return None
    try:
        person_kept_on_behalf(coordinator, person.id)
    except (NotYours, NotAllSections):
        return False
    return True


# -- PDFs of the data ----------------------------------------------------------------------------


def subject_of(data_export: DataExport) -> Subject:
    """Whose data a PDF holds, loaded again (in the task that makes it)."""
    user = db.session.get(User, data_export.user_id) if data_export.user_id else None
    person = db.session.get(Person, data_export.person_id) if data_export.person_id else None
    return Subject(user=user, person=person)


def list_pdfs(subject: Subject) -> list[DataExport]:
    """The PDFs of ``subject``'s data, newest first, without their bytes."""
    query = (
        select(DataExport)
        .options(defer(DataExport.pdf))
        .where(DataExport.user_id == subject.user_id)
        .where(DataExport.person_id == subject.person_id)
        .order_by(DataExport.requested_at.desc(), DataExport.id.desc())
    )
    return list(db.session.scalars(query))


def get_pdf(export_id: int, with_bytes: bool = False) -> DataExport | None:
    query = select(DataExport).where(DataExport.id == export_id)
    if not with_bytes:
        query = query.options(defer(DataExport.pdf))
    return db.session.scalar(query)
