"""The demo district's case files: the demo newcomer's path, twenty more, consent for the
coordinators' organisations, and pages that open for the demo logins."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.accounts.models import User
from app.casefile.models import AccessGrant, CaseFile, LanguageTestResult, StatusEntry
from app.core.permissions import Role
from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from app.extensions import db
from app.profiles.models import Person
from tests.app.two_factor import log_in

TODAY = date(2026, 11, 26)


def test_the_demo_has_case_files_with_history_and_consent(app, make_client):
    with app.app_context():
        seed_demo(TODAY)
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(CaseFile)) == 21
        newcomer = db.session.scalar(
            select(Person)
            .join(User, Person.user_id == User.id)
            .where(User.email == DEMO_LOGINS[Role.REFUGEE])
        )
        case_file = db.session.scalar(select(CaseFile).where(CaseFile.person_id == newcomer.id))
        statuses = db.session.scalars(
            select(StatusEntry.status)
            .where(StatusEntry.case_file_id == case_file.id)
            .order_by(StatusEntry.since)
        )
        assert list(dict.fromkeys(statuses))[:2] == ["arrived", "asylum_procedure"]
        levels = db.session.scalars(
            select(LanguageTestResult.level).where(LanguageTestResult.case_file_id == case_file.id)
        )
        assert set(levels) <= {"A2", "B1"}
        purposes = set(
            db.session.scalars(
                select(AccessGrant.purpose).where(AccessGrant.person_id == newcomer.id)
            )
        )
        assert purposes == {"counselling", "job_placement", "mentoring"}
        person_id = newcomer.id

    coordinator = make_client()
    log_in(coordinator, app, DEMO_LOGINS[Role.COORDINATOR], DEMO_PASSWORD)
    coordinator.post("/language", data={"locale": "en"})
    page = coordinator.get(f"/people/{person_id}/file")
    assert page.status_code == 200
    assert "DTZ" in page.get_data(as_text=True)
    newcomer_client = make_client()
    newcomer_client.post(
        "/login", data={"email": DEMO_LOGINS[Role.REFUGEE], "password": DEMO_PASSWORD}
    )
    assert newcomer_client.get("/me/file").status_code == 200
    assert newcomer_client.get("/me/file/audit").status_code == 200
