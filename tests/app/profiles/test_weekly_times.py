"""Several times a week on one day: a morning and an evening on Monday (issue 15: one time
window per weekday only). Row i of the form is weekday i % 7, so rows 0–6 stay Monday–Sunday."""

from __future__ import annotations

from sqlalchemy import select

from app.core.permissions import Role
from app.extensions import db
from app.profiles.models import Person
from tests.app.profiles.conftest import about_me

MONDAY_TWICE = {
    "weekly-0-start": "09:00",
    "weekly-0-end": "12:00",
    "weekly-7-start": "17:00",
    "weekly-7-end": "20:00",
    "weekly-14-start": "12:00",  # touching the morning is fine
    "weekly-14-end": "13:00",
}


def times(app, user) -> list[tuple[int, int, int]]:
    with app.app_context():
        person = db.session.scalar(select(Person).where(Person.user_id == user.id))
        if person is None:
            return []
        return sorted((s.weekday, s.start_minute, s.end_minute) for s in person.availability)


def test_three_times_on_one_day_are_kept_and_shown_again(app, client, build, login, district):
    user = build.user(Role.VOLUNTEER, locale="en")
    login(user)
    assert client.post("/me/edit", data=about_me(**MONDAY_TWICE)).status_code == 302
    assert times(app, user) == [(0, 540, 720), (0, 720, 780), (0, 1020, 1200), (5, 600, 720)]
    profile = client.get("/me").get_data(as_text=True)
    assert profile.count("Mon 09:00–12:00") + profile.count("Mon 12:00–13:00") == 2
    form = client.get("/me/edit").get_data(as_text=True)
    for value in ("09:00", "12:00", "13:00", "17:00", "20:00"):
        assert f'value="{value}"' in form
    assert '<details class="mb-2 weekly-more" open>' in form  # Monday's further times unfolded
    assert form.count('<details class="mb-2 weekly-more">') == 6  # the other days fold away
    # Saving the form as it came back keeps the same times (the rows are read back in order).
    assert client.post("/me/edit", data=about_me(**MONDAY_TWICE)).status_code == 302
    assert len(times(app, user)) == 4


def test_overlapping_times_of_one_day_are_refused(app, client, build, login, district):
    user = build.user(Role.VOLUNTEER, locale="en")
    login(user)
    data = about_me(**{**MONDAY_TWICE, "weekly-7-start": "11:00"})
    response = client.post("/me/edit", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "This time overlaps another time of the same day." in response.get_data(as_text=True)
    assert times(app, user) == []
    # The same times on different days do not overlap.
    data = about_me(**{"weekly-1-start": "09:00", "weekly-1-end": "12:00"})
    data |= {"weekly-0-start": "09:00", "weekly-0-end": "12:00"}
    assert client.post("/me/edit", data=data).status_code == 302
