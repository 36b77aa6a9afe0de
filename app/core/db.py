"""Declarative base with a constraint naming convention, and time helpers."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, MetaData, TypeDecorator, event
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.orm import DeclarativeBase, registry

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
    writer work at the same time (the dev server and background tasks share the file).

    pysqlite also opens transactions on its own, only before an INSERT/UPDATE/DELETE, so a
    SAVEPOINT (``begin_nested()``) ran outside any transaction and its RELEASE committed the
    work for good: a request that failed afterwards still kept it. SQLAlchemy's documented
    recipe ("Serializable isolation / Savepoints / Transactional DDL"): switch pysqlite's
    handling off here and let SQLAlchemy say BEGIN itself (``_sqlite_begin``)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock at the start, so concurrent requests wait their turn (up to
    # the busy timeout). A deferred BEGIN lets two requests read and then refuses the second
    # one's write at once ("database is locked": a snapshot may not be upgraded once another
    # writer committed); 200 concurrent approvals showed exactly that. No slower on our tests.
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def enum_values_sql(values: type[StrEnum]) -> str:
    """The members of a string enum as an SQL list, for CHECK constraints: 'a', 'b', 'c'."""
    return ", ".join(f"'{member.value}'" for member in values)
