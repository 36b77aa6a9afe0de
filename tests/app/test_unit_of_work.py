"""Mail and tasks leave only after the commit: a failed commit sends nothing, a savepoint is no
boundary, and no module but app.core.unit_of_work sends a Celery task."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.accounts.models import Region
from app.core.outbox import OutboxMail
from app.core.unit_of_work import after_commit
from app.extensions import db

APP = Path(__file__).resolve().parents[2] / "app"
SENDS_A_TASK = re.compile(r"\.delay\(|\.apply_async\(")


def test_only_the_unit_of_work_sends_celery_tasks():
    sending = sorted(
        str(path.relative_to(APP.parent))
        for path in APP.rglob("*.py")
        if SENDS_A_TASK.search(path.read_text(encoding="utf-8"))
    )
    assert sending == ["app/core/unit_of_work.py"]


REGISTRATION = {
    "display_name": "Olena",
    "email": "olena@example.org",
    "role": "refugee",
    "password": "a long enough secret",
    "password_again": "a long enough secret",
    "accept_privacy": "y",
}


def fail_the_next_commit() -> None:
    """The next commit flushes a region without a name: the database refuses it (NOT NULL)."""

    def add_invalid_row(session: Session) -> None:
        session.add(Region(name=None, kind="district"))

    event.listen(Session, "before_commit", add_invalid_row, once=True)


def test_a_request_whose_commit_fails_sends_no_mail(app, client, outbox):
    fail_the_next_commit()
    with pytest.raises(IntegrityError):
        client.post("/register", headers={"Accept-Language": "en"}, data=REGISTRATION)
    assert outbox.messages() == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMail)) == 0


def test_the_same_request_sends_its_mail_once_it_commits(app, client, outbox):
    response = client.post("/register", headers={"Accept-Language": "en"}, data=REGISTRATION)
    assert response.status_code == 302
    assert "/confirm/" in outbox.link_in_last_to("olena@example.org")
    with app.app_context():
        [mail] = db.session.scalars(select(OutboxMail)).all()
        assert mail.sent_at is not None and mail.attempts == 1


def test_callbacks_run_once_in_order_after_the_outermost_commit(app):
    ran: list[str] = []
    with app.app_context():
        after_commit(lambda: ran.append("first"))
        after_commit(lambda: ran.append("second"))
        db.session.add(Region(name="Landkreis Test", kind="district"))
        db.session.flush()
        assert ran == []
        db.session.commit()
        assert ran == ["first", "second"]
        db.session.commit()
    assert ran == ["first", "second"]


def test_a_rollback_drops_the_callbacks(app):
    ran: list[str] = []
    with app.app_context():
        db.session.add(Region(name="Landkreis Test", kind="district"))
        db.session.flush()
        after_commit(lambda: ran.append("rolled back"))
        db.session.rollback()
        db.session.commit()
    assert ran == []


def test_a_savepoint_is_no_boundary(app):
    ran: list[str] = []
    with app.app_context():
        db.session.add(Region(name="Landkreis Test", kind="district"))
        db.session.flush()
        with db.session.begin_nested():
            after_commit(lambda: ran.append("released"))
        assert ran == []  # released, but the outer transaction may still roll back
        savepoint = db.session.begin_nested()
        after_commit(lambda: ran.append("rolled back"))
        savepoint.rollback()
        db.session.commit()
    assert ran == ["released"]


def test_a_released_savepoint_rolled_back_with_its_transaction_sends_nothing(app):
    ran: list[str] = []
    with app.app_context():
        db.session.add(Region(name="Landkreis Test", kind="district"))
        db.session.flush()
        with db.session.begin_nested():
            after_commit(lambda: ran.append("released"))
        db.session.rollback()
        db.session.commit()
    assert ran == []
