"""The demo district: realistic volume, deterministic, idempotent, one login per role."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.accounts.models import Region, User
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from app.profiles.models import Person, PersonLanguage

TODAY = date(2026, 11, 26)


def snapshot() -> list[tuple]:
    rows = db.session.execute(
        select(
            Person.given_name, Person.family_name, Person.town, Person.lat, Person.date_of_birth
        ).order_by(Person.id)
    )
    return [tuple(row) for row in rows]


def test_seed_fills_the_district_and_a_second_run_adds_nothing(app):
    with app.app_context():
        first = seed_demo(TODAY)
        db.session.commit()
        assert first["newcomers"] == 200
        assert first["volunteers"] == 60
        assert first["mentors"] == 40
        assert first["employer contacts"] == 20
        assert first["job offers"] == 50
        assert first["advisers"] == 5
        assert seed_demo(TODAY) == first

        district = db.session.scalar(select(Region).where(Region.name == "Landkreis Osnabrück"))
        towns = {child.name for child in district.children}
        assert {"Bramsche", "Melle", "Quakenbrück", "Georgsmarienhütte"} <= towns
        assert len(towns) == 34
        codes = set(db.session.scalars(select(PersonLanguage.code)))
        assert {"ar", "prs", "ps", "kmr", "ti", "uk", "ru", "tr", "so"} <= codes


def test_seed_is_deterministic(app):
    with app.app_context():
        seed_demo(TODAY)
        db.session.commit()
        first = snapshot()
    with app.app_context():
        from tests.app.conftest import empty_all_tables

        empty_all_tables()
        seed_demo(TODAY)
        db.session.commit()
        assert snapshot() == first


def test_every_demo_login_works(app, client):
    with app.app_context():
        seed_demo(TODAY)
        db.session.commit()
        assert db.session.scalar(select(func.count(User.id))) >= len(DEMO_LOGINS)
    for role, email in DEMO_LOGINS.items():
        response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, role
        assert client.get("/me").status_code == 200
        client.post("/logout")
