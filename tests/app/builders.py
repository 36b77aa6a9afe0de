"""Builders for test data: users with roles, regions, organisations and people."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, has_app_context

from app.accounts import services
from app.accounts.models import Membership, Organisation, Region, User
from app.accounts.second_factor.policy import STAFF_ROLES
from app.core.db import utcnow
from app.core.permissions import Role
from app.extensions import db
from app.profiles.models import Person, PersonLanguage, RefugeeProfile
from tests.app.two_factor import give_factor

_counter = itertools.count(1)
T = TypeVar("T")


def in_app_context(method: Callable[..., T]) -> Callable[..., T]:
    """Run a builder inside an application context unless one is open already."""

    @wraps(method)
    def run(self: Builders, *args: Any, **kwargs: Any) -> T:
        if has_app_context():
            return method(self, *args, **kwargs)
        with self.app.app_context():
            return method(self, *args, **kwargs)

    return run


class Builders:
    """Each builder commits; the objects it returns stay readable afterwards (the session does not
    expire them on commit)."""

    PASSWORD = "correct horse battery"

    def __init__(self, app: Flask) -> None:
        self.app = app

    @in_app_context
    def user(
        self,
        *roles: Role,
        email: str | None = None,
        confirmed: bool = True,
        locale: str | None = "en",
        name: str = "Test User",
        second_factor: bool | None = None,
    ) -> User:
        """``second_factor``: staff get a confirmed one unless False; others only if True."""
        address = email or f"user{next(_counter)}@example.org"
        user = services.create_user(address, self.PASSWORD, name, set(roles), locale)
        if confirmed:
            user.confirmed_at = utcnow()
        if second_factor or (second_factor is None and set(roles) & set(STAFF_ROLES)):
            give_factor(user)
        db.session.commit()
        return user

    @in_app_context
    def district(self, name: str, towns: tuple[str, ...] = ()) -> Region:
        district = Region(name=name, kind="district")
        district.children = [Region(name=town, kind="municipality") for town in towns]
        db.session.add(district)
        db.session.commit()
        return district

    @in_app_context
    def organisation(
        self, name: str, *regions: Region, kind: str = "municipal_office"
    ) -> Organisation:
        organisation = Organisation(name=name, kind=kind)
        organisation.regions = [db.session.merge(region) for region in regions]
        db.session.add(organisation)
        db.session.commit()
        return organisation

    @in_app_context
    def coordinator(self, organisation: Organisation, **kwargs: Any) -> User:
        user = self.user(Role.COORDINATOR, **kwargs)
        db.session.add(Membership(user_id=user.id, organisation_id=organisation.id))
        db.session.commit()
        return user

    @in_app_context
    def refugee_person(
        self,
        region: Region,
        given_name: str = "Amina",
        family_name: str = "Haddad",
        user: User | None = None,
    ) -> Person:
        person = Person(
            given_name=given_name,
            family_name=family_name,
            region_id=region.id,
            user_id=user.id if user else None,
            gender="female",
            date_of_birth=date(1990, 5, 1),
            town=region.name,
        )
        person.languages = [PersonLanguage(code="ar", level="native")]
        db.session.add(person)
        db.session.flush()
        db.session.add(RefugeeProfile(person_id=person.id, right_to_work="needs_approval"))
        db.session.commit()
        return person
