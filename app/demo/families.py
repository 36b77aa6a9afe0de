"""Families in the demo: a third of the adult newcomers came with their children.

Each child is a person of their own, kept on behalf by the district's coordinator (no account,
no requests or offers), with the consent a parent signed for them; the consent's note names the
parent, which is where the family link is recorded. The children have their own generator, so
adding them changes nothing else the demo draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.accounts.models import User
from app.demo import reference
from app.demo.randomness import Draw
from app.profiles.models import (
    Consent,
    ConsentPurpose,
    Goal,
    Person,
    PersonGoal,
    PersonLanguage,
    RefugeeProfile,
    RightToWork,
)

FAMILY_SEED = 20151001  # the month Osnabrück's first reception centre opened for families
FAMILY_SHARE_OF_ELIGIBLE = 0.4  # of newcomers aged 20 to 52: about a third of all adults
PARENT_AGES = range(20, 53)
YOUNGEST_PARENT_AT_BIRTH = 18
OLDEST_PARENT_AT_BIRTH = 45
CHILDREN_PER_FAMILY = {1: 0.35, 2: 0.33, 3: 0.2, 4: 0.12}
# Refugee families are young: many children under six (Kita), fewer teenagers.
AGE_WEIGHTS = {age: 1.6 if age < 6 else 1.0 if age < 12 else 0.7 for age in range(18)}
SCHOOL_GERMAN = {"A1": 0.3, "A2": 0.35, "B1": 0.25, "B2": 0.1}
MINIMUM_WORKING_AGE = 15  # Jugendarbeitsschutzgesetz: no employment of children under 15
DAYCARE_FROM_AGE = 1  # the legal claim to a daycare place starts at one (§ 24 SGB VIII)


@dataclass(frozen=True)
class Parent:
    person: Person
    group: dict[str, Any]


def add_families(
    parents: list[Parent], coordinator: User, today: date, draw: Draw | None = None
) -> list[Person]:
    """Children for about a third of the adult newcomers; return them (not yet added)."""
    draw = draw or Draw(FAMILY_SEED)
    children: list[Person] = []
    for parent in parents:
        age = parent.person.age_on(today) or 0
        eligible = parent.person.refugee_profile is not None and age in PARENT_AGES
        if eligible and draw.chance(FAMILY_SHARE_OF_ELIGIBLE):
            ages = child_ages(draw, age, draw.weighted(CHILDREN_PER_FAMILY))
            family = [child(draw, parent, a, today, coordinator) for a in ages]
            describe_family(parent.person, ages)
            children.extend(family)
        else:
            drop_childcare_goal(parent.person)
    return children


def child_ages(draw: Draw, parent_age: int, count: int) -> list[int]:
    """``count`` different ages (siblings are not twins here) that fit the parent's age."""
    youngest = max(0, parent_age - OLDEST_PARENT_AT_BIRTH)
    oldest = min(17, parent_age - YOUNGEST_PARENT_AT_BIRTH)
    weights = {a: w for a, w in AGE_WEIGHTS.items() if youngest <= a <= oldest}
    ages = []
    for _ in range(min(count, len(weights))):
        age = draw.weighted(weights)
        ages.append(age)
        del weights[age]
    return sorted(ages, reverse=True)


def born(draw: Draw, today: date, age: int) -> date:
    """A date of birth that makes the child exactly ``age`` years old today."""
    latest = years_before(today, age) - timedelta(days=14 if age == 0 else 0)
    earliest = years_before(today, age + 1) + timedelta(days=1)
    return earliest + timedelta(days=draw.between(0, (latest - earliest).days))


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def child(draw: Draw, parent: Parent, age: int, today: date, coordinator: User) -> Person:
    """One child at the parent's address, kept on behalf by the coordinator."""
    adult = parent.person
    gender = "female" if draw.chance(0.49) else "male"
    person = Person(
        given_name=draw.pick(reference.names(parent.group["group"])[gender]),
        family_name=family_name(adult.family_name, gender, parent.group["group"]),
        gender=gender,
        date_of_birth=born(draw, today, age),
        postcode=adult.postcode,
        town=adult.town,
        lat=adult.lat,
        lon=adult.lon,
        region=adult.region,
        created_by_id=coordinator.id,
    )
    person.languages = child_languages(draw, adult, age)
    person.consents = [
        Consent(
            purpose=ConsentPurpose.PROFILE.value,
            recorded_by_id=coordinator.id,
            note=consent_note(adult),
        )
    ]
    if adult.refugee_profile is not None:
        person.refugee_profile = child_profile(adult.refugee_profile, person.date_of_birth, age)
    return person


def family_name(name: str, gender: str, group: str) -> str:
    """Russian family names end in -a for women and girls: Iwanow, Iwanowa."""
    if group != "russian_speaking":
        return name
    stem = name[:-1] if name.endswith(("owa", "ewa", "ina")) else name
    return stem + "a" if gender == "female" and stem.endswith(("ow", "ew", "in")) else stem


def consent_note(parent: Person) -> str:
    """The family link: who signed for the child."""
    who = "der Mutter" if parent.gender == "female" else "des Vaters"
    return f"Einwilligung {who} {parent.full_name} für das Kind im Beratungsgespräch unterschrieben"


def child_languages(draw: Draw, parent: Person, age: int) -> list[PersonLanguage]:
    """The family's first language; children at school have learnt some German."""
    first = next((lang.code for lang in parent.languages if lang.level == "native"), None)
    languages = [PersonLanguage(code=first, level="native")] if first and age >= 1 else []
    if age >= 7:
        languages.append(PersonLanguage(code="de", level=draw.weighted(SCHOOL_GERMAN)))
    return languages


def child_profile(family: RefugeeProfile, date_of_birth: date | None, age: int) -> RefugeeProfile:
    """The parent's origin and status (family asylum); a child born here arrived at birth."""
    arrival = family.arrival_date
    if arrival is not None and date_of_birth is not None and date_of_birth > arrival:
        arrival = date_of_birth
    return RefugeeProfile(
        origin_country=family.origin_country,
        arrival_date=arrival,
        residence_status=family.residence_status,
        right_to_work=(
            family.right_to_work if age >= MINIMUM_WORKING_AGE else RightToWork.NOT_ALLOWED.value
        ),
        residence_obligation_region=family.residence_obligation_region,
    )


def describe_family(parent: Person, ages: list[int]) -> None:
    """The parent's wishes name the children; daycare or school is a goal when a child is old
    enough for either."""
    listed = ", ".join(age_in_words(a) for a in ages)
    children = "einem Kind" if len(ages) == 1 else f"{len(ages)} Kindern"
    profile = parent.refugee_profile
    if profile is not None:
        profile.goals_text = f"Wir sind als Familie hier, mit {children} ({listed})."
    if max(ages) >= DAYCARE_FROM_AGE:
        if all(g.goal != Goal.CHILDCARE_SCHOOL.value for g in parent.goals):
            parent.goals.append(PersonGoal(goal=Goal.CHILDCARE_SCHOOL.value))
    else:
        drop_childcare_goal(parent)


def age_in_words(age: int) -> str:
    return "ein Baby" if age == 0 else "1 Jahr" if age == 1 else f"{age} Jahre"


def drop_childcare_goal(person: Person) -> None:
    """No child in the demo, so no daycare or school place to look for."""
    kept = [g for g in person.goals if g.goal != Goal.CHILDCARE_SCHOOL.value]
    if len(kept) != len(person.goals):
        person.goals = kept or [PersonGoal(goal=Goal.GERMAN_COURSE.value)]
