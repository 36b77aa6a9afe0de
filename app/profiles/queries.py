"""Reads about people, always scoped to what the asking user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from app.accounts.models import User
from app.accounts.policy import acts_in_region, coordinated_region_ids
from app.core.pages import page_number, page_offset
from app.extensions import db
from app.places.postcodes import lookup
from app.places.regions import municipality_named
from app.profiles.models import (
    MentorProfile,
    Person,
    PersonGoal,
    PersonLanguage,
    RefugeeProfile,
    VolunteerProfile,
)

PAGE_SIZE = 25
ROLE_FILTERS = {
    "newcomer": RefugeeProfile,
    "volunteer": VolunteerProfile,
    "mentor": MentorProfile,
}


@dataclass(frozen=True)
class PeopleFilter:
    text: str = ""
    role: str = ""
    language: str = ""
    goal: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> PeopleFilter:
        return cls(
            text=args.get("q", "")[:100].strip(),
            role=args.get("role", "")[:20],
            language=args.get("language", "")[:8],
            goal=args.get("goal", "")[:30],
            page=page_number(args.get("page")),
        )

    def as_args(self, **changes: Any) -> dict[str, Any]:
        values = {
            "q": self.text,
            "role": self.role,
            "language": self.language,
            "goal": self.goal,
            "page": self.page,
            **changes,
        }
        return {key: value for key, value in values.items() if value}


def people_visible_to(coordinator: User) -> Select[tuple[Person]]:
    """People living in the regions the coordinator's organisations cover."""
    return select(Person).where(Person.region_id.in_(coordinated_region_ids(coordinator)))


def apply_filter(query: Select[tuple[Person]], filters: PeopleFilter) -> Select[tuple[Person]]:
    if filters.text:
        pattern = f"%{filters.text.lower()}%"
        query = query.where(
            or_(
                func.lower(Person.given_name).like(pattern),
                func.lower(Person.family_name).like(pattern),
                func.lower(Person.town).like(pattern),
            )
        )
    if filters.role in ROLE_FILTERS:
        model = ROLE_FILTERS[filters.role]
        query = query.where(select(model.person_id).where(model.person_id == Person.id).exists())
    if filters.language:
        query = query.where(
            select(PersonLanguage.id)
            .where(PersonLanguage.person_id == Person.id, PersonLanguage.code == filters.language)
            .exists()
        )
    if filters.goal:
        query = query.where(
            select(PersonGoal.person_id)
            .where(PersonGoal.person_id == Person.id, PersonGoal.goal == filters.goal)
            .exists()
        )
    return query


def list_people_for_coordinator(
    coordinator: User, filters: PeopleFilter
) -> tuple[list[Person], int]:
    query = apply_filter(people_visible_to(coordinator), filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.options(selectinload(Person.languages))  # the list shows each one's languages
        .order_by(Person.family_name, Person.given_name, Person.id)
        .limit(PAGE_SIZE)
        .offset(page_offset(filters.page, PAGE_SIZE))
    )
    return list(rows), total


def get_person_for_coordinator(coordinator: User, person_id: int) -> Person | None:
    """The person, or None when they do not exist or live outside the coordinator's regions."""
    return db.session.scalar(people_visible_to(coordinator).where(Person.id == person_id))


def postcode_in_coordinated_regions(coordinator: User, postcode: str) -> bool:
    place = lookup(postcode)
    region = municipality_named(place.town) if place else None
    return region is not None and acts_in_region(coordinator, region.id)


def get_own_person(user: User) -> Person | None:
    return db.session.scalar(select(Person).where(Person.user_id == user.id))


def get_refugee_profile(person: Person) -> RefugeeProfile | None:
    return db.session.get(RefugeeProfile, person.id)
