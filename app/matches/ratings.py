"""Reads for the ratings page: average stars per mentor, per employer and per organisation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, case, func, select

from app.accounts.models import Membership, Organisation
from app.extensions import db
from app.matches.models import Rating
from app.offers.models import EMPLOYMENT_KINDS, Offer, OfferKind
from app.profiles.models import AdviserProfile, EmployerProfile, Person

NO_ORGANISATION = _l("no organisation")


@dataclass(frozen=True)
class Average:
    """The average stars of a mentor, employer or organisation; ``note`` says more (the
    employer's organisation, or that an offer's person belongs to none)."""

    name: str
    stars: float
    count: int
    note: str | None = None


MENTOR_KINDS = (OfferKind.MENTORING.value, OfferKind.VOLUNTEERING.value)
EMPLOYER_KINDS = tuple(kind.value for kind in EMPLOYMENT_KINDS)


def _best_first(averages: list[Average]) -> list[Average]:
    return sorted(averages, key=lambda a: (-a.stars, -a.count, a.name))


def _offer_organisation() -> ColumnElement[int | None]:
    """The organisation an offer stands for: its own, else that of the person's employer or
    adviser profile, else the first organisation the person's account is a member of."""
    membership = (
        select(func.min(Membership.organisation_id))
        .where(Membership.user_id == Person.user_id)
        .scalar_subquery()
    )
    return func.coalesce(
        Offer.organisation_id,
        EmployerProfile.organisation_id,
        AdviserProfile.organisation_id,
        membership,
    )


def _rated_offers(region_ids: set[int]) -> Any:
    """One row per rating of an offer in the regions: stars, kind, owner, organisation."""
    return (
        select(
            Rating.stars,
            Offer.kind,
            Offer.owner_id.label("owner_id"),
            _offer_organisation().label("organisation_id"),
        )
        .join(Offer, Offer.id == Rating.offer_id)
        .join(Person, Person.id == Offer.owner_id)
        .outerjoin(EmployerProfile, EmployerProfile.person_id == Person.id)
        .outerjoin(AdviserProfile, AdviserProfile.person_id == Person.id)
        .where(Offer.region_id.in_(region_ids))
        .subquery()
    )


def rating_averages_by_person(region_ids: set[int], kinds: tuple[str, ...]) -> list[Average]:
    """Average stars per person offering these kinds (mentors, or employers' contacts), with
    the organisation each stands for as the note. Names come by join, never by a list of ids."""
    rated = _rated_offers(region_ids)
    query = (
        select(
            Person.given_name,
            Person.family_name,
            Organisation.name,
            func.avg(rated.c.stars),
            func.count(),
        )
        .select_from(rated)
        .join(Person, Person.id == rated.c.owner_id)
        .outerjoin(Organisation, Organisation.id == rated.c.organisation_id)
        .where(rated.c.kind.in_(kinds))
        .group_by(rated.c.owner_id, rated.c.organisation_id)
        .group_by(Person.given_name, Person.family_name, Organisation.name)
    )
    return _best_first(
        [
            Average(f"{given} {family}", float(avg), int(n), organisation)
            for given, family, organisation, avg, n in db.session.execute(query)
        ]
    )


def rating_averages_by_organisation(region_ids: set[int]) -> list[Average]:
    """Average stars per organisation behind the rated offers; an offer that stands for no
    organisation is counted under its person."""
    rated = _rated_offers(region_ids)
    alone = case((rated.c.organisation_id.is_(None), rated.c.owner_id))
    query = (
        select(
            Organisation.name,
            Person.given_name,
            Person.family_name,
            func.avg(rated.c.stars),
            func.count(),
        )
        .select_from(rated)
        .outerjoin(Organisation, Organisation.id == rated.c.organisation_id)
        .outerjoin(Person, Person.id == alone)
        .group_by(rated.c.organisation_id, alone)
        .group_by(Organisation.name, Person.given_name, Person.family_name)
    )
    return _best_first(
        [
            Average(organisation, float(avg), int(n))
            if organisation is not None
            else Average(f"{given} {family}", float(avg), int(n), str(NO_ORGANISATION))
            for organisation, given, family, avg, n in db.session.execute(query)
        ]
    )
