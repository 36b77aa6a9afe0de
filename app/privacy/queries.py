"""Reads for the privacy pages: whose data a user may export or erase, and what is held."""

from __future__ import annotations

from dataclasses import dataclass

from app.accounts.models import User
from app.casefile import queries as casefile_queries
from app.casefile.models import CaseFile
from app.casefile.policy import Access, Section
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
