"""Between forms and services: a form's data as service values, a person as form defaults."""

from __future__ import annotations

from datetime import time
from typing import Any

from app.accounts.models import User
from app.profiles import forms
from app.profiles.models import Person
from app.profiles.services import (
    AboutMe,
    Basics,
    HelpingDetails,
    NewcomerDetails,
    basic_fields,
)


def basics_from(form: forms.AboutMeForm) -> Basics:
    return Basics(
        given_name=form.given_name.data,
        family_name=form.family_name.data,
        gender=form.gender.data,
        date_of_birth=form.date_of_birth.data,
        phone=form.phone.data,
        postcode=form.postcode.data.strip(),
        max_km=form.max_km.data,
    )


def about_me_from(form: forms.AboutMeForm) -> AboutMe:
    return AboutMe(basics_from(form), language_rows(form), skill_rows(form), weekly_rows(form))


def language_rows(form: forms.AboutMeForm) -> list[tuple[str, str]]:
    return [
        (row.form.code.data, row.form.level.data) for row in form.languages if row.form.code.data
    ]


def skill_rows(form: forms.AboutMeForm) -> list[tuple[str, int | None]]:
    return [
        (row.form.text.data, row.form.years.data)
        for row in form.skills
        if (row.form.text.data or "").strip()
    ]


def weekly_rows(form: forms.AboutMeForm) -> list[tuple[int, time | None, time | None]]:
    """(weekday, start, end) for every row: row i is weekday i % 7 (Monday = 0)."""
    return [(i % 7, row.form.start.data, row.form.end.data) for i, row in enumerate(form.weekly)]


def newcomer_from(form: forms.NewcomerForm) -> NewcomerDetails:
    return NewcomerDetails(
        origin_country=form.origin_country.data,
        arrival_date=form.arrival_date.data,
        residence_status=form.residence_status.data,
        right_to_work=form.right_to_work.data,
        former_occupation=form.former_occupation.data,
        goals=list(form.goals.data or []),
        goals_text=form.goals_text.data,
        preferred_mentor_gender=form.preferred_mentor_gender.data,
    )


def helping_from(form: forms.HelpingForm) -> HelpingDetails:
    return HelpingDetails(
        interests=list(form.interests.data or []),
        hours_per_week=form.hours_per_week.data,
        tandem_capacity=form.tandem_capacity.data,
        certificate_issued_on=form.certificate_issued_on.data,
    )


def _minutes_to_time(minutes: int) -> time:
    return time(minutes // 60 % 24, minutes % 60) if minutes < 1440 else time(23, 59)


def about_me_defaults(person: Person | None, user: User | None) -> dict[str, Any]:
    """Form defaults: the saved profile, or the account's name for a new one."""
    if person is None:
        given, _, family = (user.display_name if user else "").partition(" ")
        return {"given_name": given, "family_name": family}
    weekly: list[dict[str, Any]] = [{} for _ in range(7 * forms.WINDOWS_PER_DAY)]
    used = [0] * 7  # times of each weekday placed so far
    for slot in sorted(person.availability, key=lambda s: (s.weekday, s.start_minute)):
        if used[slot.weekday] < forms.WINDOWS_PER_DAY:
            weekly[slot.weekday + 7 * used[slot.weekday]] = {
                "start": _minutes_to_time(slot.start_minute),
                "end": _minutes_to_time(slot.end_minute),
            }
            used[slot.weekday] += 1
    return {
        **basic_fields(person),
        "max_km": int(person.max_km) if person.max_km else None,
        "languages": [{"code": lang.code, "level": lang.level} for lang in person.languages],
        "skills": [{"text": skill.original_text, "years": skill.years} for skill in person.skills],
        "weekly": weekly,
    }


def newcomer_defaults(person: Person) -> dict[str, Any]:
    profile = person.refugee_profile
    if profile is None:
        return {}
    return {
        "origin_country": profile.origin_country or "",
        "arrival_date": profile.arrival_date,
        "residence_status": profile.residence_status or "",
        "right_to_work": profile.right_to_work,
        "former_occupation": profile.former_occupation,
        "goals": [goal.goal for goal in person.goals],
        "goals_text": profile.goals_text,
        "preferred_mentor_gender": profile.preferred_mentor_gender or "",
    }


def helping_defaults(person: Person) -> dict[str, Any]:
    volunteer, mentor = person.volunteer_profile, person.mentor_profile
    return {
        "interests": (volunteer.interests or "").split(", ") if volunteer else [],
        "hours_per_week": int(volunteer.hours_per_week)
        if volunteer and volunteer.hours_per_week
        else None,
        "tandem_capacity": mentor.tandem_capacity if mentor else None,
        "certificate_issued_on": mentor.conduct_certificate_issued_on if mentor else None,
    }
