"""``flask seed-demo``: fill the database with the demo district (deterministic, idempotent)."""

from __future__ import annotations

import time
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from app.config import is_production
from app.core.mail import outbox_dir
from app.extensions import db


@click.command("seed-demo")
@click.option(
    "--people",
    "people",
    type=click.IntRange(min=1),
    default=None,
    help="Grow the demo district to this many people (bulk inserts; tops up, never removes).",
)
@with_appcontext
def seed_demo_command(people: int | None) -> None:
    """Create the demo district with its people, offers and one login per role."""
    from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, demo_counts, seed_demo

    if is_production(current_app.config):
        # The demo logins have a published password: an administrator among them would be a
        # way in for anybody who read the README.
        raise click.ClickException(
            "seed-demo refuses to run with BRUECKE_ENV=production: its logins share a public "
            "password."
        )
    counts = seed_demo()
    db.session.commit()
    if people is not None:
        grow_to(people)
        counts = demo_counts(date.today())
    after_bulk_load()
    for name, count in counts.items():
        click.echo(f"  {name:<24} {count:>9}")
    if not current_app.config.get("MAIL_SERVER"):
        click.echo(f"Mail is written to {outbox_dir(current_app.instance_path)}/ (*.eml)")
    click.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for role, email in DEMO_LOGINS.items():
        click.echo(f"  {role:<12} {email}")
    click.echo("Coordinators and the administrator also need a code: flask demo-code")


def grow_to(people: int) -> None:
    from app.demo.grow import grow_demo

    def progress(done: int, total: int, seconds: float) -> None:
        click.echo(f"  {done:>9} of {total} people added  {seconds:7.1f} s")

    started = time.perf_counter()
    added = grow_demo(people, date.today(), progress)
    if added == 0:
        click.echo(f"The demo district already holds {people} people or more: nothing added.")
    else:
        click.echo(f"Added {added} people in {time.perf_counter() - started:.1f} s.")


def after_bulk_load() -> None:
    """Give PostgreSQL's planner the new row counts at once (autovacuum analyses only after a
    while, and until then it plans joins over 100,000 rows as if they were empty), and count the
    needs the evidence pages read."""
    from app.core.db import utcnow
    from app.evidence.snapshot import refresh_snapshot

    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    refresh_snapshot(utcnow().date())
    db.session.commit()


@click.command("demo-code")
def demo_code_command() -> None:
    """Print the code the demo coordinators and administrator log in with now."""
    import pyotp

    from app.demo.seed import DEMO_SECOND_FACTOR_SECRET

    click.echo(pyotp.TOTP(DEMO_SECOND_FACTOR_SECRET).now())
