"""Erasure leaves no copy of the person behind outside the tables: no kept mail that names them
(to them or to anyone else), and on SQLite neither the database file nor its write-ahead log
holds their name in deleted pages."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

import app.core.db  # noqa: F401  (registers the connection settings under test)
from app.core.mail import build_message, deliver
from tests.app.builders import Builders
from tests.app.privacy.rich import EMAIL, FAMILY, GIVEN, PHONE

SENDER = "noreply@bruecke.example"


def erase_own(client, login, rich):
    login(rich.user)
    response = client.post("/me/delete", data={"password": Builders.PASSWORD, "confirm": "y"})
    assert response.status_code == 302 and response.location.endswith("/erased")


def kept_mail(app, to: str, subject: str, body: str) -> None:
    deliver(app.config, app.instance_path, build_message(SENDER, to, subject, body))


def test_erasure_removes_mails_to_others_that_name_the_person(app, client, login, rich, outbox):
    mentor, other = rich.mentor.email, rich.other.email
    # umlauts make the body quoted-printable or base64 in the file: found all the same
    kept_mail(app, mentor, "Tandem", f"Ein Koordinator schlägt ein Tandem vor: {GIVEN}.")
    kept_mail(app, other, "Termin", f"Rückruf unter {PHONE.replace(' ', '')} erbeten.")
    kept_mail(app, mentor, "Termin", "Ihr Termin am Montag ist bestätigt.")
    login(rich.user)
    page = client.get("/me/delete").get_data(as_text=True)
    assert "Kept e-mails to other people that name you: 2" in page
    erase_own(client, login, rich)
    left = [(m["To"], m["Subject"]) for m in outbox.messages()]
    assert (mentor, "Termin") in left
    for message in outbox.messages():
        text = f"{message['To']} {message['Subject']} {message.get_content()}"
        for needle in (EMAIL, FAMILY, PHONE, PHONE.replace(" ", "")):
            assert needle not in text, (needle, text)


SCAN = """
import sys
from pathlib import Path
paths, needles = sys.argv[1:3], sys.argv[3:]
for path in map(Path, paths):
    if path.exists():
        data = path.read_bytes()
        for needle in needles:
            if needle.encode() in data:
                print(f"{path.name}: {needle}")
"""


def sqlite_files(app) -> list[Path]:
    database = Path(make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database or "")
    return [database, database.with_name(database.name + "-wal")]


def test_on_sqlite_the_name_is_in_neither_the_database_file_nor_its_log(app, client, login, rich):
    if make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() != "sqlite":
        pytest.skip("the files of an SQLite database")
    files = sqlite_files(app)

    def traces() -> list[str]:
        # Read in another process: opening and closing the database file here would drop every
        # POSIX lock this process's SQLite connections hold on it (SQLite's documented pitfall),
        # and a later connection, believing itself the last, deletes the -shm under the others
        # ("disk I/O error" for every app made after this test).
        found = subprocess.run(
            [sys.executable, "-c", SCAN, *map(str, files), GIVEN, FAMILY, EMAIL, PHONE],
            capture_output=True,
            text=True,
            check=True,
        )
        return found.stdout.splitlines()

    assert traces(), "the person should be in the files before erasure"
    erase_own(client, login, rich)
    # Read while the application's connections are still open: closing the last one would
    # checkpoint and delete the log by itself and hide whether erasure did.
    assert traces() == []


def test_sqlite_connections_overwrite_deleted_rows_whatever_the_build_default(tmp_path):
    """Debian builds SQLite with secure delete on (so the test above passes here either way);
    other builds (python.org, Homebrew) leave it off. A connection that starts with it off is
    switched on."""

    def connection_with_it_off() -> sqlite3.Connection:
        connection = sqlite3.connect(tmp_path / "other-build.sqlite")
        connection.execute("PRAGMA secure_delete=OFF")
        return connection

    engine = create_engine("sqlite://", creator=connection_with_it_off)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    engine.dispose()
