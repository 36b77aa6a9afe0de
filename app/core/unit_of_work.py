"""Side effects after the commit: the only place that sends Celery tasks.

A mail or a task that leaves while the request's transaction is still open can describe work that
never happens: the commit fails (a constraint, a lost connection, a serialisation error) and the
user is mailed a confirmation link for an account that does not exist, or a worker looks for a
round that was never stored. So a service registers what should happen with ``after_commit`` and
the session runs it once the outermost transaction has committed; a rollback (or a session closed
without commit) drops it.

Savepoints (``begin_nested()``) are no boundary: a released savepoint can still be rolled back with
its enclosing transaction, so its callbacks wait for the outermost commit; a savepoint rolled back
drops the callbacks registered inside it.

The callbacks run in ``after_transaction_end`` of the outermost transaction, not in
``after_commit``: in the embedded default a task runs eagerly in the same session, and during
``after_commit`` that session may not emit SQL yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from kombu.exceptions import OperationalError
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from app.extensions import db

log = logging.getLogger(__name__)

PENDING = "bruecke.after_commit.pending"
DUE = "bruecke.after_commit.due"


@dataclass
class _Registered:
    callback: Callable[[], object]
    # The innermost savepoint open when it was registered (None: the outermost transaction).
    savepoint: SessionTransaction | None


def after_commit(callback: Callable[[], object], session: Session | None = None) -> None:
    """Run ``callback`` once the outermost transaction of ``session`` (the request's or the
    task's) has committed; drop it if that transaction rolls back."""
    session = session if session is not None else db.session()
    registered = _Registered(callback, session.get_nested_transaction())
    session.info.setdefault(PENDING, []).append(registered)


def send_after_commit(task: Any, *args: object) -> None:
    """Send the Celery ``task`` with ``args`` once the transaction commits.

    With the broker down the work is already stored (a queued round, a pending mail), so the
    request does not fail: the send is logged and the work is picked up again by its sweep.
    """
    after_commit(lambda: _send(task, args))


def send_now(task: Any, *args: object) -> bool:
    """Send the Celery ``task`` at once, for a caller that has committed already and must know
    whether the broker took it (a round the coordinator just started); False when it did not."""
    return _send(task, args)


def _send(task: Any, args: tuple[object, ...]) -> bool:
    # The task as bound to this Flask app's Celery (its broker, eager or not), not to whichever
    # Celery app was made last in the process: a shared task follows the latest default.
    bound = current_app.extensions["celery"].tasks[task.name]
    try:
        bound.apply_async(args)
    except OperationalError as error:
        log.warning("broker unreachable, %s%r not sent: %s", task.name, args, error)
        return False
    return True


def _pending(session: Session) -> list[_Registered]:
    found: list[_Registered] = session.info.get(PENDING, [])
    return found


def _nearest_savepoint(transaction: SessionTransaction) -> SessionTransaction | None:
    parent = transaction.parent
    while parent is not None and not parent.nested:
        parent = parent.parent
    return parent


@event.listens_for(Session, "after_commit")
def _on_commit(session: Session) -> None:
    released = session.get_nested_transaction()
    if released is not None:
        # A savepoint released: its callbacks now belong to the enclosing transaction.
        enclosing = _nearest_savepoint(released)
        for registered in _pending(session):
            if registered.savepoint is released:
                registered.savepoint = enclosing
        return
    session.info[DUE] = [registered.callback for registered in _pending(session)]
    session.info[PENDING] = []


@event.listens_for(Session, "after_soft_rollback")
def _on_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.nested:
        kept = [r for r in _pending(session) if r.savepoint is not previous]
        session.info[PENDING] = kept
    elif previous.parent is None:
        session.info[PENDING] = []


@event.listens_for(Session, "after_transaction_end")
def _on_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    due = session.info.pop(DUE, [])
    # Closed without commit (or rolled back): nothing registered in it may run.
    session.info[PENDING] = []
    for callback in due:
        callback()
