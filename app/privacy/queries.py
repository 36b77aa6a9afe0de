"""Reads for the privacy pages: whose data a user may export or erase, and what is held."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.accounts.models import Membership, User
from app.casefile.models import AccessGrant, CaseFile
from app.casefile.policy import Access, Section, access_for
from app.core.permissions import Role
from app.extensions import db
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


def own_subject(user: User) -> Subject:
    return Subject(user=user, person=get_own_person(user))


def get_case_file(person: Person | None) -> CaseFile | None:
    if person is None:
        return None
    return db.session.scalar(select(CaseFile).where(CaseFile.person_id == person.id))


def coordinator_access(coordinator: User, person: Person) -> Access | None:
    """The coordinator's access to the person's case file under the case-file policy."""
    organisations = db.session.scalars(
        select(Membership.organisation_id).where(Membership.user_id == coordinator.id)
    )
    grants = db.session.execute(
        select(AccessGrant.purpose, AccessGrant.organisation_id).where(
            AccessGrant.person_id == person.id, AccessGrant.withdrawn_at.is_(None)
        )
    )
    return access_for(
        person_id=person.id,
        person_user_id=person.user_id,
        user_id=coordinator.id,
        is_coordinator=coordinator.has_role(Role.COORDINATOR),
        organisation_ids=list(organisations),
        active_grants=[(purpose, organisation) for purpose, organisation in grants],
    )


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
    access = coordinator_access(coordinator, person)
    if access is None:
        raise NotYours
    if any(not access.may_read(section) for section in Section):
        raise NotAllSections
    return OnBehalf(Subject(user=None, person=person), access)
