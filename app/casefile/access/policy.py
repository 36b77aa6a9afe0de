"""Who may read which section of a person's case file, and who may give or withdraw consent:
the one access rule, the one table of what each consent purpose opens, and the consent rule.

A user reads a section of person P's file when (a) the user is P (purpose "self", read only), or
(b) the user is a coordinator and a member of an organisation holding an active grant from P
whose purpose opens that section. Nobody else, administrators included.

Who grants and withdraws consent: see ``decides_own_consent`` and ``OnBehalf``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.accounts.policy import acting_organisation_id
from app.casefile.models.access import SELF, AccessPurpose
from app.profiles.models import Goal, Person
from app.profiles.policy import keeps_on_behalf


class Section(StrEnum):
    STATUS = "status"
    RESIDENCE = "residence"
    WORK = "work"
    QUALIFICATIONS = "qualifications"
    LANGUAGES = "languages"
    GOALS = "goals"
    NOTES = "notes"


SECTION_LABELS = {
    Section.STATUS: _l("Residence status"),
    Section.RESIDENCE: _l("Residence obligation"),
    Section.WORK: _l("Right to work"),
    Section.QUALIFICATIONS: _l("Qualifications and recognition"),
    Section.LANGUAGES: _l("Language courses and tests"),
    Section.GOALS: _l("Goals and measures"),
    Section.NOTES: _l("Notes"),
}

WORK_GOALS = frozenset(
    {Goal.JOB.value, Goal.APPRENTICESHIP.value, Goal.RECOGNITION.value, Goal.BUSINESS.value}
)
ALL_ROWS = None  # the whole section; otherwise only rows whose scope key is in the set

# What each purpose opens: section → ALL_ROWS, or the goal categories / note purposes it covers.
OPENS: dict[AccessPurpose, dict[Section, frozenset[str] | None]] = {
    AccessPurpose.COUNSELLING: dict.fromkeys(Section, ALL_ROWS),
    AccessPurpose.JOB_PLACEMENT: {
        Section.STATUS: ALL_ROWS,
        Section.RESIDENCE: ALL_ROWS,
        Section.WORK: ALL_ROWS,
        Section.QUALIFICATIONS: ALL_ROWS,
        Section.LANGUAGES: ALL_ROWS,
        Section.GOALS: WORK_GOALS,
    },
    AccessPurpose.MENTORING: {
        Section.LANGUAGES: ALL_ROWS,
        Section.GOALS: ALL_ROWS,
        Section.NOTES: frozenset({AccessPurpose.MENTORING.value}),
    },
}
# When several grants open a section, the audit names the broadest purpose.
PURPOSE_ORDER = (AccessPurpose.COUNSELLING, AccessPurpose.JOB_PLACEMENT, AccessPurpose.MENTORING)


@dataclass(frozen=True)
class Grant:
    """An active grant as the policy needs it."""

    purpose: AccessPurpose
    organisation_id: int


@dataclass(frozen=True)
class Access:
    """What one user may do with one person's file during this request."""

    person_id: int
    is_self: bool
    grants: tuple[Grant, ...] = ()

    def _grants_for(self, section: Section) -> list[Grant]:
        held = [g for g in self.grants if section in OPENS[g.purpose]]
        return sorted(held, key=lambda g: PURPOSE_ORDER.index(g.purpose))

    def may_read(self, section: Section) -> bool:
        return self.is_self or bool(self._grants_for(section))

    def may_write(self, section: Section) -> bool:
        return not self.is_self and bool(self._grants_for(section))

    def readable_sections(self) -> list[Section]:
        return [section for section in Section if self.may_read(section)]

    def scope(self, section: Section) -> frozenset[str] | None:
        """ALL_ROWS, or the scope keys (goal categories, note purposes) this access covers."""
        if self.is_self:
            return ALL_ROWS
        scopes = [OPENS[g.purpose][section] for g in self._grants_for(section)]
        if any(scope is ALL_ROWS for scope in scopes):
            return ALL_ROWS
        return frozenset().union(*(s for s in scopes if s is not None))

    def covers(self, section: Section, scope_key: str | None) -> bool:
        scope = self.scope(section)
        return self.may_read(section) and (scope is ALL_ROWS or scope_key in scope)

    def purpose(self, section: Section | None = None) -> str:
        """The purpose an audit entry names: "self", or the broadest purpose at hand."""
        if self.is_self:
            return SELF
        held = self._grants_for(section) if section else self._sorted_grants()
        return held[0].purpose.value if held else self._sorted_grants()[0].purpose.value

    def organisation_id(self, section: Section | None = None) -> int | None:
        if self.is_self:
            return None
        held = self._grants_for(section) if section else self._sorted_grants()
        return (held or self._sorted_grants())[0].organisation_id

    def note_purposes(self) -> list[AccessPurpose]:
        """The purposes a coordinator may file a note under."""
        return [
            purpose
            for purpose in PURPOSE_ORDER
            if any(g.purpose == purpose for g in self.grants)
            and self.covers(Section.NOTES, purpose.value)
        ]

    def _sorted_grants(self) -> list[Grant]:
        return sorted(self.grants, key=lambda g: PURPOSE_ORDER.index(g.purpose))


def access_for(
    *,
    person_id: int,
    person_user_id: int | None,
    user_id: int,
    is_coordinator: bool,
    organisation_ids: Iterable[int],
    active_grants: Iterable[tuple[str, int]],
) -> Access | None:
    """The one access rule. ``None`` means the file is not there for this user (answer 404)."""
    if person_user_id is not None and person_user_id == user_id:
        return Access(person_id=person_id, is_self=True)
    if not is_coordinator:
        return None
    member_of = set(organisation_ids)
    grants = tuple(
        Grant(AccessPurpose(purpose), organisation_id)
        for purpose, organisation_id in active_grants
        if organisation_id in member_of
    )
    return Access(person_id=person_id, is_self=False, grants=grants) if grants else None


# -- consent: who gives and withdraws it --------------------------------------------------------


def decides_own_consent(user: User, person: Person) -> bool:
    """Only the person gives and withdraws their own consents (their own account, no proxy)."""
    return person.user_id is not None and person.user_id == user.id


@dataclass(frozen=True)
class OnBehalf:
    """What a coordinator may do with a person's consents on the person's behalf.

    Record a consent: only for a person kept on behalf (no account of their own) who lives in
    the coordinator's regions, and only
    - for the coordinator's own organisation (the one it acts for), or
    - for another organisation the person named; then the reason they gave for it is required
      and kept with the grant (``named_reason``).
    Withdraw a consent: only a grant recorded on behalf (``on_behalf``) of a person kept on behalf
    in the coordinator's regions, whichever organisation holds it, because such a person has no
    other way to withdraw. A grant the person gave through their own account (should they have
    had one) is theirs alone.
    Holding a grant gives no say over consents: the holder sees the list (a read, audited) but
    adds and withdraws nothing, for no organisation, its own included. A person with their own
    account decides everything themselves (``decides_own_consent``).
    """

    keeps_person: bool
    own_organisation_id: int | None

    @property
    def may_record(self) -> bool:
        return self.keeps_person and self.own_organisation_id is not None

    def needs_named_reason(self, organisation_id: int | None) -> bool:
        """A grant for an organisation other than the coordinator's own needs the person's
        reason for naming it."""
        return organisation_id != self.own_organisation_id

    def may_grant(self, organisation_id: int | None, named_reason: str | None) -> bool:
        named = bool(named_reason and named_reason.strip())
        return self.may_record and (named or not self.needs_named_reason(organisation_id))

    def may_withdraw(self, *, recorded_on_behalf: bool) -> bool:
        return self.keeps_person and recorded_on_behalf

    def may_see_consents(self, *, holds_grant: bool) -> bool:
        """The consent page: for the organisation holding a grant (to read), or to record one."""
        return holds_grant or self.may_record


def on_behalf_of(user: User, person: Person) -> OnBehalf:
    """What ``user`` may do with ``person``'s consents on the person's behalf."""
    return OnBehalf(
        keeps_person=keeps_on_behalf(user, person),
        own_organisation_id=acting_organisation_id(user),
    )
