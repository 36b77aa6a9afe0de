"""Profile services: keep a person's details, languages, skills, weekly times and role profiles.

The acting user is passed in explicitly; services flush and never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import IO

from flask import current_app

from app.accounts.models import User
from app.accounts.policy import acting_organisation_id
from app.core.db import utcnow
from app.core.taxonomy import normalise_skill_text
from app.extensions import db
from app.places.postcodes import place_for
from app.places.regions import municipality_named
from app.profiles.models import (
    AvailabilitySlot,
    Consent,
    ConsentPurpose,
    MentorProfile,
    Person,
    PersonGoal,
    PersonLanguage,
    PersonSkill,
    ProfileChange,
    RefugeeProfile,
    VolunteerProfile,
)
from app.profiles.policy import keeps_on_behalf
from app.profiles.queries import get_own_person
from app.profiles.signals import mentor_places_changed, volunteer_help_changed

MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024
# What the first bytes of each accepted file type look like; the name alone proves nothing.
FILE_SIGNATURES = {b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpg"}


class InvalidUpload(ValueError):
    """The uploaded file is too large or not what its name says."""


class NotAllowed(Exception):
    """The acting user may not change this profile (``app.profiles.policy``)."""


@dataclass(frozen=True)
class Basics:
    given_name: str
    family_name: str
    gender: str
    date_of_birth: date | None
    phone: str | None
    postcode: str
    max_km: int | None


@dataclass(frozen=True)
class AboutMe:
    """Everything the "about me" form holds."""

    basics: Basics
    languages: list[tuple[str, str]]
    skills: list[tuple[str, int | None]]
    weekly: list[tuple[int, time | None, time | None]]  # (weekday, start, end); Monday = 0


@dataclass(frozen=True)
class NewcomerDetails:
    origin_country: str | None
    arrival_date: date | None
    residence_status: str | None
    right_to_work: str
    former_occupation: str | None
    goals: list[str]
    goals_text: str | None
    preferred_mentor_gender: str | None


@dataclass(frozen=True)
class HelpingDetails:
    interests: list[str]
    hours_per_week: int | None
    tandem_capacity: int | None
    certificate_issued_on: date | None


def split_name(display_name: str) -> tuple[str, str]:
    """Given and family name from an account's display name; the given name is never empty."""
    given, _space, family = display_name.strip().partition(" ")
    return given or display_name.strip() or "-", family.strip()


def ensure_person(user: User) -> Person:
    """The person profile of ``user``, created from the account's name on first use (an employer
    or adviser who offers something before writing a profile gets one the same way)."""
    person = get_own_person(user)
    if person is None:
        given, family = split_name(user.display_name)
        person = Person(
            user_id=user.id, given_name=given, family_name=family, created_by_id=user.id
        )
        db.session.add(person)
        db.session.flush()
    return person


def update_about_me(person: Person, about: AboutMe, locale: str) -> None:
    """Keep what the "about me" form says: basics, languages, skills and weekly times."""
    update_basics(person, about.basics)
    replace_languages(person, about.languages)
    replace_skills(person, about.skills, locale)
    replace_weekly_times(person, about.weekly)


def edit_on_behalf(
    coordinator: User, person: Person, about: AboutMe, locale: str
) -> ProfileChange | None:
    """A coordinator changes the profile of a person kept on behalf in its regions, and the
    change is audited: who, for which organisation, when, which fields (never their values).
    Returns None when nothing changed. Raises NotAllowed for anyone else's profile."""
    if not keeps_on_behalf(coordinator, person):
        raise NotAllowed(str(person.id))
    before = about_me_fields(person)
    update_about_me(person, about, locale)
    after = about_me_fields(person)
    changed = [name for name, value in after.items() if before[name] != value]
    if not changed:
        return None
    change = ProfileChange(
        person_id=person.id,
        actor_user_id=coordinator.id,
        actor_organisation_id=acting_organisation_id(coordinator),
        fields=",".join(changed),
    )
    db.session.add(change)
    db.session.flush()
    return change


# The person's basics as the "about me" form names them.
BASIC_FIELDS = ("given_name", "family_name", "gender", "date_of_birth", "phone", "postcode")


def basic_fields(person: Person) -> dict[str, object]:
    return {name: getattr(person, name) for name in BASIC_FIELDS}


def about_me_fields(person: Person) -> dict[str, object]:
    """What the "about me" form changes, by field, in a form to compare before and after."""
    return {
        **basic_fields(person),
        "max_km": person.max_km,
        "languages": sorted((row.code, row.level) for row in person.languages),
        "skills": sorted((row.original_text, row.years or 0) for row in person.skills),
        "weekly_times": sorted(
            (row.weekday, row.start_minute, row.end_minute) for row in person.availability
        ),
    }


def update_basics(person: Person, basics: Basics) -> None:
    """Set name, contact and place; the postcode gives town, coordinates and municipality."""
    person.given_name = basics.given_name.strip()
    person.family_name = basics.family_name.strip()
    person.gender = basics.gender
    person.date_of_birth = basics.date_of_birth
    person.phone = basics.phone or None
    person.max_km = float(basics.max_km) if basics.max_km else None
    place = place_for(basics.postcode, person.town)
    if place is None:
        raise ValueError(f"unknown postcode {basics.postcode!r}")
    person.postcode, person.town, person.lat, person.lon = (
        place.postcode,
        place.town,
        place.lat,
        place.lon,
    )
    region = municipality_named(place.town)
    person.region_id = region.id if region else None
    db.session.flush()


def _clear(collection: list[object]) -> None:
    """Empty a child collection and write the deletes first: the unit of work would otherwise
    insert the new rows before deleting the old ones and trip the unique constraints."""
    collection.clear()
    db.session.flush()


def replace_languages(person: Person, rows: list[tuple[str, str]]) -> None:
    _clear(person.languages)
    person.languages.extend(PersonLanguage(code=code, level=level) for code, level in rows)
    db.session.flush()


def replace_skills(person: Person, rows: list[tuple[str, int | None]], locale: str) -> None:
    """Keep the person's own words and the taxonomy entry they map to (none when unknown)."""
    skills = []
    for text, years in rows:
        if text and text.strip():
            match = normalise_skill_text(text, locale)
            skills.append(
                PersonSkill(original_text=text.strip(), taxonomy_id=match.taxonomy_id, years=years)
            )
    _clear(person.skills)
    person.skills.extend(skills)
    db.session.flush()


def replace_weekly_times(person: Person, rows: list[tuple[int, time | None, time | None]]) -> None:
    """(weekday, start, end) rows, several per weekday if wanted; a row without both times is
    skipped, and a day without any is not available."""
    _clear(person.availability)
    person.availability.extend(
        AvailabilitySlot(
            weekday=day,
            start_minute=start.hour * 60 + start.minute,
            end_minute=end.hour * 60 + end.minute,
        )
        for day, start, end in rows
        if start and end
    )
    db.session.flush()


def update_newcomer(person: Person, details: NewcomerDetails) -> RefugeeProfile:
    profile = person.refugee_profile or RefugeeProfile(person=person, waiting_since=date.today())
    db.session.add(profile)
    profile.origin_country = details.origin_country or None
    profile.arrival_date = details.arrival_date
    profile.residence_status = details.residence_status or None
    profile.right_to_work = details.right_to_work
    profile.former_occupation = (details.former_occupation or "").strip() or None
    profile.goals_text = details.goals_text or None
    profile.preferred_mentor_gender = details.preferred_mentor_gender or None
    _clear(person.goals)
    person.goals.extend(PersonGoal(goal=goal) for goal in dict.fromkeys(details.goals))
    db.session.flush()
    return profile


def update_helping(
    person: Person, details: HelpingDetails, *, volunteer: bool, mentor: bool
) -> None:
    """Keep what a volunteer or mentor offers; what a volunteer helps with and a mentor's tandem
    places each become an offer (kept by the offers domain, which listens)."""
    if volunteer:
        profile = person.volunteer_profile or VolunteerProfile(person=person)
        profile.interests = ", ".join(details.interests) or None
        profile.hours_per_week = float(details.hours_per_week) if details.hours_per_week else None
        db.session.add(profile)
        volunteer_help_changed.send(
            person, interests=list(details.interests), hours=profile.hours_per_week
        )
    if mentor:
        mentor_profile = person.mentor_profile or MentorProfile(person=person)
        mentor_profile.tandem_capacity = details.tandem_capacity or 0
        if details.certificate_issued_on != mentor_profile.conduct_certificate_issued_on:
            # A new certificate needs a new check by a coordinator.
            mentor_profile.conduct_certificate_issued_on = details.certificate_issued_on
            mentor_profile.conduct_certificate_checked_on = None
            mentor_profile.conduct_certificate_valid_until = None
        db.session.add(mentor_profile)
        mentor_places_changed.send(person, capacity=mentor_profile.tandem_capacity)
    db.session.flush()


def certificate_folder() -> Path:
    """Where the scans of certificates of good conduct are kept (under the instance folder)."""
    return Path(current_app.instance_path) / "uploads" / "certificates"


def store_certificate(person: Person, stream: IO[bytes], filename: str, folder: Path) -> None:
    """Keep the certificate scan under a random name after checking its size and type."""
    content = stream.read(MAX_CERTIFICATE_BYTES + 1)
    if len(content) > MAX_CERTIFICATE_BYTES:
        raise InvalidUpload("too large")
    kind = next((k for sig, k in FILE_SIGNATURES.items() if content.startswith(sig)), None)
    if kind is None:
        raise InvalidUpload("not a PDF, PNG or JPEG file")
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}.{kind}"
    (folder / stored).write_bytes(content)
    profile = person.mentor_profile or MentorProfile(person=person)
    remove_certificate_file(profile, folder)
    profile.conduct_certificate_file = stored
    profile.conduct_certificate_filename = filename[:255]
    db.session.add(profile)
    db.session.flush()


def remove_certificate_file(profile: MentorProfile, folder: Path) -> None:
    if profile.conduct_certificate_file:
        (folder / profile.conduct_certificate_file).unlink(missing_ok=True)
        profile.conduct_certificate_file = None


def confirm_certificate(coordinator: User, profile: MentorProfile, valid_until: date) -> None:
    """A coordinator has seen the certificate of good conduct and records until when it holds."""
    profile.conduct_certificate_checked_on = date.today()
    profile.conduct_certificate_checked_by_id = coordinator.id
    profile.conduct_certificate_valid_until = valid_until
    db.session.flush()


def record_consent(
    person: Person, purpose: ConsentPurpose, recorded_by: User, note: str | None = None
) -> Consent:
    consent = Consent(
        purpose=purpose.value, recorded_by_id=recorded_by.id, note=note, granted_at=utcnow()
    )
    person.consents.append(consent)
    db.session.flush()
    return consent


def create_person_on_behalf(coordinator: User, basics: Basics, consent_note: str) -> Person:
    """A newcomer without an account, kept by a coordinator who records the person's consent."""
    person = Person(given_name="", family_name="", created_by_id=coordinator.id)
    db.session.add(person)
    update_basics(person, basics)
    person.refugee_profile = RefugeeProfile(waiting_since=date.today())
    record_consent(person, ConsentPurpose.PROFILE, coordinator, consent_note)
    return person
