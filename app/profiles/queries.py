"""Reads about people, always scoped to what the asking user may see."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select

from app.accounts.models import User
from app.accounts.queries import coordinated_region_ids
from app.extensions import db
from app.profiles.models import Person, RefugeeProfile

PAGE_SIZE = 25


def people_visible_to(coordinator: User) -> Select[tuple[Person]]:
    """People living in the regions the coordinator's organisations cover."""
    return select(Person).where(Person.region_id.in_(coordinated_region_ids(coordinator)))


def list_people_for_coordinator(
    coordinator: User, search: str = "", page: int = 1
) -> tuple[list[Person], int]:
    query = people_visible_to(coordinator)
    if search:
        pattern = f"%{search.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Person.given_name).like(pattern),
                func.lower(Person.family_name).like(pattern),
                func.lower(Person.town).like(pattern),
            )
        )
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.order_by(Person.family_name, Person.given_name, Person.id)
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
    )
    return list(rows), total


def get_person_for_coordinator(coordinator: User, person_id: int) -> Person | None:
    """The person, or None when they do not exist or live outside the coordinator's regions."""
    return db.session.scalar(people_visible_to(coordinator).where(Person.id == person_id))


def get_own_person(user: User) -> Person | None:
    return db.session.scalar(select(Person).where(Person.user_id == user.id))


def get_refugee_profile(person: Person) -> RefugeeProfile | None:
    return db.session.get(RefugeeProfile, person.id)
