"""``flask seed-demo``: fill the database with the demo district (deterministic, idempotent)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from app.config import is_production
from app.core.mail import outbox_dir
from app.extensions import db


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Create the demo district with its people, offers and one login per role."""
    from app.demo.seed import DEMO_LOGINS, DEMO_PASSWORD, seed_demo

    if is_production(current_app.config):
        # The demo logins have a published password: an administrator among them would be a
        # way in for anybody who read the README.
        raise click.ClickException(
            "seed-demo refuses to run with BRUECKE_ENV=production: its logins share a public "
            "password."
        )
    counts = seed_demo()
    db.session.commit()
    for name, count in counts.items():
        click.echo(f"  {name:<24} {count:>5}")
    if not current_app.config.get("MAIL_SERVER"):
        click.echo(f"Mail is written to {outbox_dir(current_app.instance_path)}/ (*.eml)")
    click.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for role, email in DEMO_LOGINS.items():
        click.echo(f"  {role:<12} {email}")
