"""A person keeps their own profile: place from the postcode, languages, skills, weekly times."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.profiles.models import Person
from tests.app.profiles.conftest import about_me


def saved_person(app, user) -> Person:
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.user_id == user.id))
        # Touch what the tests read, while the session is open.
        _ = (person.languages, person.skills, person.availability, person.region)
        return person


def test_newcomer_fills_in_about_me(app, client, build, login, district):
    user = build.user(Role.REFUGEE)
    login(user)
    assert client.get("/me/edit").status_code == 200
    response = client.post("/me/edit", data=about_me())
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]

    person = saved_person(app, user)
    assert (person.postcode, person.town) == ("49565", "Bramsche")
    assert person.region.name == "Bramsche"
    assert 52.3 < person.lat < 52.5
    assert {(lang.code, lang.level) for lang in person.languages} == {
        ("ar", "native"),
        ("de", "A2"),
    }
    skills = {skill.original_text: skill.taxonomy_id for skill in person.skills}
    assert skills == {"Schneiderin": "occ.tailor", "Elektricker": "occ.electrician"}
    assert {(s.weekday, s.start_minute, s.end_minute) for s in person.availability} == {
        (0, 17 * 60, 19 * 60 + 30),
        (5, 600, 720),
    }


def test_saving_again_replaces_rows_instead_of_adding(app, client, build, login, district):
    user = build.user(Role.REFUGEE)
    login(user)
    client.post("/me/edit", data=about_me())
    client.post(
        "/me/edit",
        data=about_me(**{"languages-1-code": "", "languages-1-level": "", "skills-1-text": ""}),
    )
    person = saved_person(app, user)
    assert [lang.code for lang in person.languages] == ["ar"]
    assert [skill.original_text for skill in person.skills] == ["Schneiderin"]


def test_unknown_skill_keeps_the_persons_words_without_a_guess(app, client, build, login, district):
    user = build.user(Role.VOLUNTEER)
    login(user)
    client.post("/me/edit", data=about_me(**{"skills-0-text": "Raketenwissenschaft"}))
    [first, _] = saved_person(app, user).skills
    assert (first.original_text, first.taxonomy_id) == ("Raketenwissenschaft", None)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"postcode": ""}, "Please fill in this field."),
        ({"postcode": "00000"}, "This postcode does not exist in Germany."),
        ({"postcode": "4956"}, "This postcode does not exist in Germany."),
        ({"languages-0-level": "Z9"}, "Not a valid choice"),
        ({"languages-0-code": "xx"}, "Not a valid choice"),
        ({"languages-0-level": ""}, "Please choose how well you speak this language."),
        ({"languages-1-code": "ar"}, "Each language only once, please."),
        (
            {
                "languages-0-code": "",
                "languages-0-level": "",
                "languages-1-code": "",
                "languages-1-level": "",
            },
            "Please name at least one language you speak.",
        ),
        ({"weekly-0-end": "16:00"}, "The end must be after the start."),
        ({"weekly-0-end": ""}, "Please give both times, or none."),
        ({"date_of_birth": "2999-01-01"}, "Please enter a date that is not in the future."),
        ({"skills-0-years": "99"}, "Number must be between 0 and 60."),
        ({"given_name": ""}, "Please fill in this field."),
        ({"phone": "call me"}, "Please enter a phone number with digits."),
        ({"max_km": "0"}, "Number must be between 1 and 200."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    app, client, build, login, district, change, message
):
    user = build.user(Role.REFUGEE, locale="en")
    login(user)
    response = client.post("/me/edit", data=about_me(**change))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Person).where(Person.user_id == user.id)) is None


def test_the_form_keeps_what_was_typed_when_it_is_refused(client, build, login, district):
    login(build.user(Role.REFUGEE, locale="en"))
    page = client.post("/me/edit", data=about_me(postcode="00000")).get_data(as_text=True)
    assert 'value="Schneiderin"' in page and 'value="Haddad"' in page


def test_script_in_text_fields_is_shown_escaped(client, build, login, district):
    login(build.user(Role.REFUGEE))
    client.post(
        "/me/edit",
        data=about_me(
            given_name="<script>alert('x')</script>", **{"skills-0-text": "<img src=x onerror=1>"}
        ),
    )
    page = client.get("/me").get_data(as_text=True)
    assert "<script>alert(" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=1&gt;" in page


def test_message_in_arabic_for_a_postcode_that_does_not_exist(client, build, login, district):
    login(build.user(Role.REFUGEE, locale="ar"))
    page = client.post("/me/edit", data=about_me(postcode="00000")).get_data(as_text=True)
    assert 'dir="rtl"' in page
    assert "This postcode does not exist in Germany." not in page


def test_type_ahead_suggests_taxonomy_terms(client):
    assert "Elektriker/in" in client.get("/skills/suggest?q=Elektr").get_json()
    assert client.get("/skills/suggest?q=x").get_json() == []


def test_sections_need_about_me_first(client, build, login):
    login(build.user(Role.REFUGEE))
    response = client.get("/me/newcomer")
    assert response.status_code == 302 and response.location.endswith("/me/edit")
