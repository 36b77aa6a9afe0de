"""Mail goes through SMTP when a server is configured (a real SMTP server on loopback here)."""

from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from sqlalchemy import select

from app import create_app
from app.core.db import utcnow
from app.core.outbox import GIVE_UP_AFTER, SWEEP_AFTER, OutboxMail
from app.core.tasks import flush_outbox_mail
from app.extensions import db
from tests.app.conftest import app_config
from tests.app.outbox import Outbox


class Collect(Message):
    def __init__(self) -> None:
        super().__init__()
        self.received: list[object] = []

    def handle_message(self, message: object) -> None:
        self.received.append(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_registration_mail_goes_to_the_smtp_server(smtp_server, tmp_path, database_url):
    controller, handler = smtp_server
    smtp_app = create_app(
        app_config(
            tmp_path,
            database_url,
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=controller.port,
            MAIL_USE_TLS=False,
        )
    )
    client = smtp_app.test_client()
    response = client.post(
        "/register",
        headers={"Accept-Language": "en"},
        data={
            "display_name": "Olena",
            "email": "olena@example.org",
            "role": "refugee",
            "password": "a long enough secret",
            "password_again": "a long enough secret",
            "accept_privacy": "y",
        },
    )
    assert response.status_code == 302
    [message] = handler.received
    assert message["To"] == "olena@example.org"
    assert "/confirm/" in message.get_payload(decode=True).decode()
    assert not (tmp_path / "outbox").exists()


def test_mail_sent_while_the_broker_is_down_waits_and_goes_out_on_the_sweep(tmp_path, database_url):
    # A real Celery configuration whose Redis does not answer: nothing listens on the port.
    down = f"redis://127.0.0.1:{free_port()}/8"
    web = create_app(app_config(tmp_path, database_url, CELERY_BROKER_URL=down))
    response = web.test_client().post(
        "/register",
        headers={"Accept-Language": "en"},
        data={
            "display_name": "Olena",
            "email": "olena@example.org",
            "role": "refugee",
            "password": "a long enough secret",
            "password_again": "a long enough secret",
            "accept_privacy": "y",
        },
    )
    assert response.status_code == 302  # stored, not failed
    outbox = Outbox(web)
    assert outbox.messages() == []
    with web.app_context():
        [mail] = db.session.scalars(select(OutboxMail)).all()
        assert mail.to_address == "olena@example.org" and mail.sent_at is None
        assert flush_outbox_mail() == 0  # too young: its own task may still be on the way
        mail.created_at = utcnow() - SWEEP_AFTER
        db.session.commit()
        assert flush_outbox_mail() == 1
        assert db.session.get(OutboxMail, mail.id).sent_at is not None
        assert flush_outbox_mail() == 0  # sent once
    assert "/confirm/" in outbox.link_in_last_to("olena@example.org")
    assert len(outbox.messages()) == 1


def test_mail_flush_delivers_pending_mail_and_gives_up_on_a_mail_refused_too_often(app, outbox):
    old = utcnow() - SWEEP_AFTER
    with app.app_context():
        db.session.add_all(
            [
                OutboxMail(to_address="amina@example.org", subject="S", body="B", created_at=old),
                OutboxMail(
                    to_address="bad@example.org",
                    subject="S",
                    body="B",
                    created_at=old,
                    attempts=GIVE_UP_AFTER,
                ),
            ]
        )
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["mail-flush"])
    assert result.exit_code == 0, result.output
    assert "1 mail(s) delivered" in result.output
    assert [m["To"] for m in outbox.messages()] == ["amina@example.org"]
