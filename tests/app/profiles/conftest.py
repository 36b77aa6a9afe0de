"""Fixtures for profile tests: a district with real towns, and a complete 'about me' form."""

from __future__ import annotations

import pytest


@pytest.fixture
def district(build):
    return build.district("Landkreis Osnabrück", ("Bramsche", "Melle", "Belm"))


@pytest.fixture
def other_district(build):
    return build.district("Landkreis Emsland", ("Meppen",))


def about_me(**changes: str) -> dict[str, str]:
    """A complete, valid 'about me' form as a browser sends it."""
    data = {
        "given_name": "Amina",
        "family_name": "Haddad",
        "gender": "female",
        "date_of_birth": "1991-04-12",
        "phone": "+49 170 1234567",
        "postcode": "49565",
        "max_km": "15",
        "languages-0-code": "ar",
        "languages-0-level": "native",
        "languages-1-code": "de",
        "languages-1-level": "A2",
        "skills-0-text": "Schneiderin",
        "skills-0-years": "8",
        "skills-1-text": "Elektricker",
        "weekly-0-start": "17:00",
        "weekly-0-end": "19:30",
        "weekly-5-start": "10:00",
        "weekly-5-end": "12:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
