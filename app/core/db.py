"""Declarative base with a constraint naming convention, and time helpers."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, MetaData, TypeDecorator, event
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.orm import DeclarativeBase, Session, registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every engine (SQLite drops the zone on its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use app.core.db.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime},
    )


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """SQLite enforces foreign keys only when asked, per connection; WAL lets readers and one
    writer work at the same time (the dev server and background tasks share the file)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "savepoint")
def _sqlite_savepoint_inside_a_transaction(connection: Connection, _name: str | None) -> None:
    """On SQLite a savepoint (``begin_nested()``) must never run outside a transaction.

    pysqlite opens a transaction only before an INSERT/UPDATE/DELETE, so a SAVEPOINT could come
    first; SQLite then opens a transaction for it whose RELEASE commits for good, and a request
    that failed afterwards still kept the booking. SQLAlchemy's pysqlite recipe (BEGIN on every
    transaction) closes that too, but measured here it costs either way: a deferred BEGIN made
    some of 200 concurrent approvals fail with "database is locked" (a read snapshot cannot
    be upgraded once another writer committed), BEGIN IMMEDIATE made every reader wait behind any
    writer (the round's progress page froze). So only a savepoint begins the transaction itself,
    IMMEDIATE because a savepoint is taken to write."""
    if connection.dialect.name != "sqlite":
        return
    dbapi_connection = connection.connection.dbapi_connection
    if isinstance(dbapi_connection, sqlite3.Connection) and not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN IMMEDIATE")


@event.listens_for(Engine, "connect")
def _sqlite_secure_delete(dbapi_connection: object, _record: object) -> None:
    """Deleted rows are overwritten with zeros, not just marked free: after an erasure the
    person's name must not be readable in the database file."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA secure_delete=ON")


def checkpoint_after_commit(session: Session) -> None:
    """Once ``session`` commits, write SQLite's write-ahead log back into the database file and
    empty it, so that deleted rows leave no copy in the -wal file (nothing to do elsewhere)."""
    if session.get_bind().dialect.name != "sqlite":
        return

    def checkpoint(committed: Session) -> None:
        # The session's transaction is over; the checkpoint runs on a pooled DBAPI connection
        # outside any transaction (no BEGIN may precede it) and waits, up to the busy timeout,
        # for readers that still see the old pages.
        connection = committed.get_bind().raw_connection()
        try:
            connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    event.listen(session, "after_commit", checkpoint, once=True)


def enum_values_sql(values: type[StrEnum]) -> str:
    """The members of a string enum as an SQL list, for CHECK constraints: 'a', 'b', 'c'."""
    return ", ".join(f"'{member.value}'" for member in values)
