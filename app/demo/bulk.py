"""Write many new ORM objects at once: Core ``insert()`` executemany instead of the unit of work.

The demo's builders return ordinary (transient) model objects with their relationships. Flushing
a hundred thousand of them through the session takes many minutes (identity map, one RETURNING
per row for the ids); here the ids are handed out in advance and each table gets one executemany
per batch, which is an order of magnitude faster. Only for seeding: nothing else may insert into
the same tables while it runs (the ids are taken from ``max(id)``, the sequences set afterwards).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Table, func, insert, inspect, select
from sqlalchemy.orm import Mapper
from sqlalchemy.orm.interfaces import MANYTOMANY, MANYTOONE

from app.extensions import db

Row = dict[str, Any]


class BulkWriter:
    """Collects objects, gives them ids, and writes them table by table in dependency order."""

    def __init__(self) -> None:
        self.rows: dict[Table, list[Row]] = defaultdict(list)
        self.next_ids: dict[Table, int] = {}
        self.written: dict[str, int] = defaultdict(int)
        # Keeps the queued objects alive until written: a freed object's id() could be reused.
        self.seen: dict[int, Any] = {}

    def add(self, obj: Any) -> None:
        """Queue ``obj`` and everything it owns (one-to-many and one-to-one children)."""
        if id(obj) in self.seen:
            return
        self.seen[id(obj)] = obj
        mapper: Mapper[Any] = inspect(obj).mapper
        table = mapper.local_table
        self.give_id(obj, mapper, table)
        self.take_parent_keys(obj, mapper)
        self.rows[table].append(self.row_of(obj, mapper))  # type: ignore[index]
        for relationship in mapper.relationships:
            value = obj.__dict__.get(relationship.key)
            if value is None or relationship.viewonly or relationship.direction is MANYTOONE:
                continue
            children = value if isinstance(value, list) else [value]
            if relationship.direction is MANYTOMANY:
                self.link(obj, relationship, children)
                continue
            for child in children:
                for local, remote in relationship.local_remote_pairs:
                    setattr(
                        child, attribute_of(inspect(child).mapper, remote), row_value(obj, local)
                    )
                self.add(child)

    def give_id(self, obj: Any, mapper: Mapper[Any], table: Any) -> None:
        primary_key = list(table.primary_key.columns)
        if len(primary_key) != 1 or primary_key[0].name != "id" or obj.__dict__.get("id"):
            return
        if table not in self.next_ids:
            self.next_ids[table] = (db.session.scalar(select(func.max(table.c.id))) or 0) + 1
        obj.id = self.next_ids[table]
        self.next_ids[table] += 1

    @staticmethod
    def take_parent_keys(obj: Any, mapper: Mapper[Any]) -> None:
        """Foreign keys from many-to-one relationships set on the object (its parents have ids)."""
        for relationship in mapper.relationships:
            parent = obj.__dict__.get(relationship.key)
            if relationship.direction is MANYTOONE and parent is not None:
                for local, remote in relationship.local_remote_pairs:
                    setattr(obj, attribute_of(mapper, local), row_value(parent, remote))

    @staticmethod
    def row_of(obj: Any, mapper: Mapper[Any]) -> Row:
        row: Row = {}
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            value = obj.__dict__.get(prop.key)
            if value is None and column.default is not None:
                default = column.default
                value = default.arg(None) if default.is_callable else default.arg  # type: ignore[attr-defined]
                setattr(obj, prop.key, value)  # e.g. a case file's subject key, read by its audit
            row[column.key] = value
        return row

    def link(self, obj: Any, relationship: Any, others: list[Any]) -> None:
        secondary = relationship.secondary
        for other in others:
            row: Row = {}
            for parent_column, secondary_column in relationship.synchronize_pairs:
                row[secondary_column.key] = row_value(obj, parent_column)
            for other_column, secondary_column in relationship.secondary_synchronize_pairs:
                row[secondary_column.key] = row_value(other, other_column)
            self.rows[secondary].append(row)

    def write(self) -> None:
        """Insert what is queued, parents before children, and forget it."""
        for table in db.metadata.sorted_tables:
            rows = self.rows.pop(table, None)
            if rows:
                insert_rows(table, rows)
                self.written[table.name] += len(rows)
        self.seen.clear()

    def finish(self) -> None:
        """Move PostgreSQL's sequences past the ids handed out here."""
        self.write()
        if db.session.get_bind().dialect.name != "postgresql":
            return
        for table in self.next_ids:
            sequence = func.pg_get_serial_sequence(f'"{table.name}"', "id")
            db.session.execute(
                select(func.setval(sequence, select(func.max(table.c.id)).scalar_subquery()))
            )


def insert_rows(table: Table, rows: list[Row]) -> None:
    """COPY on PostgreSQL (several times faster than executemany there), else executemany."""
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        db.session.execute(insert(table), rows)
        return
    columns = list(rows[0])
    names = ", ".join(f'"{name}"' for name in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])


def attribute_of(mapper: Mapper[Any], column: Any) -> str:
    return mapper.get_property_by_column(column).key


def row_value(obj: Any, column: Any) -> Any:
    return getattr(obj, attribute_of(inspect(obj).mapper, column))
