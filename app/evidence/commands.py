"""``flask count-needs``: count the newcomers' needs of every region now (as the task does)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.core.db import utcnow
from app.evidence.snapshot import refresh_snapshot
from app.extensions import db


@click.command("count-needs")
@with_appcontext
def count_needs_command() -> None:
    """Count every region's needs afresh for the dashboards and the open figures."""
    regions = refresh_snapshot(utcnow().date())
    db.session.commit()
    click.echo(f"Needs counted in {regions} regions.")
