"""The migrations build exactly the models' schema, and go down to nothing and up again.

Runs on a scratch database of the same engine as the suite (SQLite, or PostgreSQL in CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from app.extensions import db
from tests.app.conftest import app_config


@pytest.fixture
def scratch_url(database_url: str, tmp_path) -> Iterator[str]:
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path}/migrations.sqlite"
        return
    url = make_url(database_url)
    scratch = url.set(database="bruecke_migrations_test")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS bruecke_migrations_test"))
        connection.execute(text("CREATE DATABASE bruecke_migrations_test"))
    yield scratch.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS bruecke_migrations_test WITH (FORCE)"))
    admin.dispose()


def schema_differences() -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def user_tables() -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_matches_the_models_then_down_and_up_again(scratch_url, tmp_path):
    scratch_app = create_app(app_config(tmp_path / "instance", scratch_url))
    with scratch_app.app_context():
        upgrade()
        assert user_tables() == set(db.metadata.tables)
        assert schema_differences() == []

        downgrade(revision="base")
        assert user_tables() == set()

        upgrade()
        assert schema_differences() == []
        db.engine.dispose()


def test_the_skills_migration_stores_the_taxonomy_id_of_every_existing_row(scratch_url, tmp_path):
    scratch_app = create_app(app_config(tmp_path / "instance", scratch_url))
    with scratch_app.app_context():
        upgrade(revision="5b1300000002")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO person (id, given_name, family_name, gender, created_at,"
                    " updated_at) VALUES (1, 'A', 'B', 'unspecified', :now, :now)"
                ),
                {"now": datetime(2026, 12, 1, tzinfo=UTC)},
            )
            connection.execute(
                text(
                    "INSERT INTO person_skill (person_id, original_text, taxonomy_id) VALUES"
                    " (1, 'Elektricker', NULL), (1, ' Schweisser ', 'occ.baker'),"
                    " (1, 'Raketenwissenschaft', 'occ.welder')"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT original_text, taxonomy_id FROM person_skill ORDER BY id")
            )
            assert [tuple(r) for r in rows] == [
                ("Elektricker", "occ.electrician"),
                (" Schweisser ", "occ.welder"),
                ("Raketenwissenschaft", None),
            ]
        downgrade(revision="base")
        db.engine.dispose()


def test_proposals_already_stale_lapse_on_upgrade_with_their_cause(scratch_url, tmp_path):
    """5b1400000002: undecided proposals whose request was withdrawn or whose offer is no longer
    published or full leave the queue with that cause; their requests wait for a round again."""
    scratch_app = create_app(app_config(tmp_path / "instance", scratch_url))
    tables = db.metadata.tables
    with scratch_app.app_context():
        upgrade(revision="5b1300000002")
        with db.engine.begin() as connection:

            def add(table: str, **values: object) -> int:
                return connection.execute(
                    tables[table].insert().values(**values)
                ).inserted_primary_key[0]

            person = add("person", given_name="Amal", family_name="A")
            offers = {  # "full": published, with every place taken
                name: add(
                    "offer",
                    kind="mentoring",
                    status="published" if name == "full" else name,
                    owner_id=person,
                    title=name,
                    capacity=2,
                    filled=2 if name == "full" else 0,
                )
                for name in ("published", "draft", "filled", "full")
            }
            cases = {
                "withdrawn": ("withdrawn", offers["published"]),
                "draft": ("in_round", offers["draft"]),
                "filled": ("in_round", offers["filled"]),
                "full": ("in_round", offers["full"]),
                "fine": ("in_round", offers["published"]),
            }
            proposals = {}
            for name, (request_status, offer_id) in cases.items():
                request = add(
                    "request",
                    person_id=add("person", given_name=name, family_name="B"),
                    kind="mentoring",
                    status=request_status,
                )
                proposals[name] = (add("proposal", request_id=request, offer_id=offer_id), request)
        upgrade()
        with db.engine.connect() as connection:
            rows = {
                name: connection.execute(
                    text(
                        "SELECT p.status, p.lapse_cause, r.status FROM proposal p JOIN request r "
                        "ON r.id = p.request_id WHERE p.id = :id"
                    ),
                    {"id": proposal_id},
                ).one()
                for name, (proposal_id, _) in proposals.items()
            }
        assert rows == {
            "withdrawn": ("lapsed", "request_withdrawn", "withdrawn"),
            "draft": ("lapsed", "offer_unpublished", "open"),
            "filled": ("lapsed", "offer_full", "open"),
            "full": ("lapsed", "offer_full", "open"),
            "fine": ("proposed", None, "in_round"),
        }
        db.engine.dispose()
