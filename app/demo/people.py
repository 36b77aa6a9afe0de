"""Build the demo's people: newcomers, volunteers, mentors, and the contacts of employers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.core.taxonomy import taxonomy_id_of
from app.demo import reference
from app.demo.randomness import Draw
from app.profiles.models import (
    AvailabilitySlot,
    Consent,
    ConsentPurpose,
    Goal,
    MentorProfile,
    Person,
    PersonGoal,
    PersonLanguage,
    PersonSkill,
    RefugeeProfile,
    VolunteerProfile,
)

# Residence status and right to work as they are typical for each origin group.
STATUS_BY_GROUP: dict[str, dict[tuple[str, str], float]] = {
    "ukrainian": {("temporary_protection", "allowed"): 1.0},
    "russian_speaking": {
        ("temporary_protection", "allowed"): 0.7,
        ("asylum_seeker", "needs_approval"): 0.3,
    },
    "syrian_arabic": {
        ("recognised", "allowed"): 0.5,
        ("subsidiary_protection", "allowed"): 0.45,
        ("asylum_seeker", "needs_approval"): 0.05,
    },
    "afghan": {
        ("recognised", "allowed"): 0.4,
        ("asylum_seeker", "needs_approval"): 0.45,
        ("duldung", "needs_approval"): 0.15,
    },
    "iraqi": {
        ("subsidiary_protection", "allowed"): 0.3,
        ("asylum_seeker", "needs_approval"): 0.4,
        ("duldung", "not_allowed"): 0.3,
    },
    "kurdish_kurmanji": {("recognised", "allowed"): 0.5, ("asylum_seeker", "needs_approval"): 0.5},
    "turkish": {("asylum_seeker", "needs_approval"): 0.7, ("recognised", "allowed"): 0.3},
    "eritrean_tigrinya": {("recognised", "allowed"): 0.9, ("asylum_seeker", "needs_approval"): 0.1},
    "somali": {("subsidiary_protection", "allowed"): 0.6, ("asylum_seeker", "needs_approval"): 0.4},
}
ARRIVAL_YEARS = {"ukrainian": (2022, 2025), "russian_speaking": (2022, 2025)}
WEEKDAY_EVENINGS = [(d, 17 * 60, 20 * 60) for d in range(5)]
DAYTIME = [(d, 9 * 60, 12 * 60) for d in range(5)] + [(5, 10 * 60, 14 * 60)]
SECOND_LANGUAGE_LEVELS = {"A2": 0.3, "B1": 0.35, "B2": 0.25, "C1": 0.1}


def place(draw: Draw, person: Person, towns: list[dict[str, Any]]) -> None:
    town = draw.town(towns)
    person.town = town["name"]
    person.postcode = draw.pick(town["postcodes"])
    person.lat, person.lon = draw.near(town["lat"], town["lon"])


def availability(
    draw: Draw, slots: list[tuple[int, int, int]], count: int
) -> list[AvailabilitySlot]:
    chosen = sorted(draw.sample(slots, count))
    return [AvailabilitySlot(weekday=d, start_minute=s, end_minute=e) for d, s, e in chosen]


def birth_date(draw: Draw, today: date, youngest: int, oldest: int) -> date:
    return today - timedelta(days=draw.between(youngest * 365 + 30, oldest * 365))


def newcomer(draw: Draw, group: dict[str, Any], today: date, towns: list[dict[str, Any]]) -> Person:
    """One refugee with languages, skills, status and wishes drawn for their origin group."""
    key = group["group"]
    names = reference.names(key)
    gender = "female" if draw.chance(0.45) else "male"
    person = Person(
        given_name=draw.pick(names[gender]),
        family_name=draw.pick(names["family"]),
        gender=gender,
        date_of_birth=birth_date(draw, today, 15 if draw.chance(0.1) else 18, 62),
        max_km=float(draw.pick([10, 15, 20, 30])),
    )
    place(draw, person, towns)
    person.languages = newcomer_languages(draw, group, key)
    person.skills = newcomer_skills(draw, key)
    person.availability = availability(draw, WEEKDAY_EVENINGS + DAYTIME, draw.between(2, 4))
    person.goals = newcomer_goals(draw)
    # Kept by the integration office, which asked the person for consent in a counselling session.
    person.consents = [
        Consent(
            purpose=ConsentPurpose.PROFILE.value,
            note="Einwilligungserklärung im Beratungsgespräch unterschrieben",
        )
    ]
    status, right_to_work = draw.weighted(STATUS_BY_GROUP[key])
    first, last = ARRIVAL_YEARS.get(key, (2015, 2025))
    arrival = date(draw.between(first, last), draw.between(1, 12), draw.between(1, 28))
    person.refugee_profile = RefugeeProfile(
        origin_country=draw.pick(group["countries"]),
        arrival_date=arrival,
        residence_status=status,
        right_to_work=right_to_work,
        preferred_mentor_gender="female" if gender == "female" and draw.chance(0.4) else None,
        former_occupation=person.skills[0].original_text if person.skills else None,
        waiting_since=today - timedelta(days=draw.between(3, 400)),
    )
    return person


GOAL_SHARES = {
    Goal.GERMAN_COURSE: 0.7,
    Goal.JOB: 0.55,
    Goal.MENTOR: 0.4,
    Goal.HOUSING: 0.3,
    Goal.RECOGNITION: 0.2,
    Goal.APPRENTICESHIP: 0.15,
    Goal.FRIENDS_LEISURE: 0.3,
    Goal.CHILDCARE_SCHOOL: 0.25,
    Goal.BUSINESS: 0.08,
    Goal.DRIVING_LICENCE: 0.2,
}


def newcomer_goals(draw: Draw) -> list[PersonGoal]:
    goals = [goal for goal, share in GOAL_SHARES.items() if draw.chance(share)]
    return [PersonGoal(goal=goal.value) for goal in goals or [Goal.GERMAN_COURSE]]


def newcomer_languages(draw: Draw, group: dict[str, Any], key: str) -> list[PersonLanguage]:
    first = draw.weighted(group["first_language"])
    languages = {first: PersonLanguage(code=first, level="native")}
    for code, share in group["second_languages"].items():
        if code not in languages and draw.chance(share):
            languages[code] = PersonLanguage(code=code, level=draw.weighted(SECOND_LANGUAGE_LEVELS))
    german = draw.weighted(reference.skills_of(key)["german_level_distribution"])
    if german != "none":
        languages["de"] = PersonLanguage(code="de", level=german)
    return list(languages.values())


def newcomer_skills(draw: Draw, key: str) -> list[PersonSkill]:
    entries = reference.skills_of(key)["skills"]
    weights = {index: entry["weight"] for index, entry in enumerate(entries)}
    chosen = {draw.weighted(weights) for _ in range(draw.between(1, 2))}
    return [
        # The id is given here too: grown districts write these rows in bulk, past the ORM hook.
        PersonSkill(
            original_text=entries[i]["text"],
            taxonomy_id=taxonomy_id_of(entries[i]["text"]),
            years=draw.between(1, 15),
        )
        for i in sorted(chosen)
    ]


def helper_person(draw: Draw, today: date, towns: list[dict[str, Any]]) -> Person:
    """A volunteer or mentor: mostly German, some with a migrant background and its language."""
    mix = reference.load("language_mix")["volunteers"]
    gender = "female" if draw.chance(0.6) else "male"  # most volunteers are women
    names = reference.names("german")
    person = Person(
        given_name=draw.pick(names[gender]),
        family_name=draw.pick(names["family"]),
        gender=gender,
        date_of_birth=birth_date(draw, today, 19, 75),
        max_km=float(draw.pick([5, 10, 15, 25])),
    )
    place(draw, person, towns)
    languages = {"de": PersonLanguage(code="de", level="native")}
    if draw.chance(mix["migrant_background_share"]):
        code = draw.weighted(mix["migrant_background_languages"])
        languages[code] = PersonLanguage(code=code, level="native")
    for code, share in mix["speaks_share"].items():
        if code not in languages and draw.chance(share):
            languages[code] = PersonLanguage(code=code, level=draw.weighted(SECOND_LANGUAGE_LEVELS))
    person.languages = list(languages.values())
    person.availability = availability(draw, WEEKDAY_EVENINGS + DAYTIME, draw.between(1, 3))
    return person


def volunteer(draw: Draw, today: date, towns: list[dict[str, Any]]) -> Person:
    person = helper_person(draw, today, towns)
    interests = reference.load("goals_and_topics")["volunteer_interests"]
    person.volunteer_profile = VolunteerProfile(
        hours_per_week=float(draw.pick([2, 3, 4, 6])),
        interests=", ".join(i["id"] for i in draw.sample(interests, draw.between(1, 3))),
    )
    return person


def mentor(draw: Draw, today: date, towns: list[dict[str, Any]]) -> Person:
    """A mentor; most have a checked certificate of good conduct, some expired or none yet."""
    person = helper_person(draw, today, towns)
    profile = MentorProfile(tandem_capacity=draw.pick([1, 1, 2, 2, 3]))
    state = draw.weighted({"valid": 0.6, "expired": 0.2, "none": 0.2})
    if state != "none":
        issued = today - timedelta(
            days=draw.between(30, 1500) if state == "expired" else draw.between(10, 900)
        )
        profile.conduct_certificate_issued_on = issued
        profile.conduct_certificate_checked_on = issued + timedelta(days=14)
        # Organisations usually accept a certificate for five years at most; we use three.
        profile.conduct_certificate_valid_until = issued + timedelta(days=3 * 365)
        if state == "expired":
            profile.conduct_certificate_valid_until = today - timedelta(days=draw.between(1, 200))
    person.mentor_profile = profile
    return person


def contact_person(draw: Draw, today: date) -> Person:
    names = reference.names("german")
    gender = "female" if draw.chance(0.5) else "male"
    return Person(
        given_name=draw.pick(names[gender]),
        family_name=draw.pick(names["family"]),
        gender=gender,
        date_of_birth=birth_date(draw, today, 25, 63),
    )
