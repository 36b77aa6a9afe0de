"""Command-line tasks that belong to no domain."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.core.tasks import flush_outbox_mail


@click.command("mail-flush")
@with_appcontext
def mail_flush_command() -> None:
    """Deliver the mail still pending in the outbox (Celery beat does it every minute)."""
    sent = flush_outbox_mail()
    click.echo(f"{sent} mail(s) delivered")
