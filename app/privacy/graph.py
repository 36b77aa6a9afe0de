"""The rows that belong to a person: a walk over the foreign keys of ``db.metadata``.

Starting at the account's and the person's rows, the walk fetches, for every OWNED foreign key
(and key link) of ``catalogue``, the rows that reference rows already collected, until nothing
new turns up. SHARED rows are fetched but not followed; ACTOR foreign keys give references only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Table, select

from app.extensions import db
from app.privacy.catalogue import KEY_LINKS, LINKS, ROOTS, Kind, Link, in_reading_order

Key = tuple[Any, ...]
Rows = dict[Key, dict[str, Any]]


@dataclass(frozen=True)
class Edge:
    """``child.column`` holds values of ``parent.target``: a foreign key or a key link."""

    child: Table
    column: Column[Any]
    parent: Table
    target: Column[Any]
    link: Link | None

    @property
    def name(self) -> str:
        return f"{self.child.name}.{self.column.name}"

    @property
    def kind(self) -> Kind | None:
        return self.link.kind if self.link else None


def tables() -> dict[str, Table]:
    return {table.name: table for table in db.metadata.sorted_tables}


def foreign_key_edges() -> Iterator[Edge]:
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            yield Edge(
                table,
                fk.parent,
                fk.column.table,
                fk.column,
                LINKS.get(f"{table.name}.{fk.parent.name}"),
            )


def key_link_edges() -> Iterator[Edge]:
    by_name = tables()
    for name, key_link in KEY_LINKS.items():
        child, column = name.split(".")
        parent, target = key_link.source.split(".")
        if child in by_name and parent in by_name:
            child_table, parent_table = by_name[child], by_name[parent]
            link = Link(Kind.OWNED, key_link.why)
            yield Edge(
                child_table, child_table.c[column], parent_table, parent_table.c[target], link
            )


def all_edges() -> list[Edge]:
    return [*foreign_key_edges(), *key_link_edges()]


def primary_key(table: Table, row: dict[str, Any]) -> Key:
    return tuple(row[column.name] for column in table.primary_key.columns)


@dataclass
class Holdings:
    """What the walk found: the person's rows, shared rows, and references to them as actor."""

    owned: dict[str, Rows] = field(default_factory=dict)
    shared: dict[str, Rows] = field(default_factory=dict)
    references: dict[str, list[Key]] = field(default_factory=dict)

    def add(self, bucket: dict[str, Rows], table: Table, rows: list[dict[str, Any]]) -> bool:
        known = bucket.setdefault(table.name, {})
        before = len(known)
        for row in rows:
            known.setdefault(primary_key(table, row), row)
        return len(known) > before

    def values(self, table: Table, column: Column[Any]) -> set[Any]:
        rows = self.owned.get(table.name, {}).values()
        return {row[column.name] for row in rows if row[column.name] is not None}

    def counts(self) -> dict[str, int]:
        """Rows per table, in the catalogue's reading order (account, profile, … case file)."""
        return in_reading_order({name: len(rows) for name, rows in self.owned.items() if rows})


def fetch(table: Table, column: Column[Any], values: set[Any]) -> list[dict[str, Any]]:
    statement = select(table).where(column.in_(sorted(values)))
    return [dict(row) for row in db.session.execute(statement).mappings()]


def collect(user_id: int | None, person_id: int | None) -> Holdings:
    """Everything the database holds about the account ``user_id`` and the person ``person_id``."""
    holdings = Holdings()
    by_name = tables()
    for name, key in zip(ROOTS, (user_id, person_id), strict=True):
        if key is not None:
            table = by_name[name]
            holdings.add(holdings.owned, table, fetch(table, table.c.id, {key}))
    edges = all_edges()
    _follow(holdings, [e for e in edges if e.kind == Kind.OWNED])
    for edge in edges:
        values = holdings.values(edge.parent, edge.target)
        if not values:
            continue
        if edge.kind == Kind.SHARED:
            holdings.add(holdings.shared, edge.child, fetch(edge.child, edge.column, values))
        elif edge.kind == Kind.ACTOR:
            # The person's own rows that name them as actor (their own consent) are no reference.
            own = holdings.owned.get(edge.child.name, {})
            keys = [primary_key(edge.child, r) for r in fetch(edge.child, edge.column, values)]
            if keys := [key for key in keys if key not in own]:
                holdings.references[edge.name] = keys
    return holdings


def _follow(holdings: Holdings, owned_edges: list[Edge]) -> None:
    """Fetch rows along OWNED edges until no edge finds anything new."""
    asked: dict[str, set[Any]] = {}
    grown = True
    while grown:
        grown = False
        for edge in owned_edges:
            values = holdings.values(edge.parent, edge.target)
            if not values or values == asked.get(edge.name):
                continue
            asked[edge.name] = values
            grown |= holdings.add(
                holdings.owned, edge.child, fetch(edge.child, edge.column, values)
            )
