"""Checks that ``catalogue`` covers the schema: every foreign key that reaches a person's rows is
named, and each kind has the ON DELETE rule erasure relies on. The test suite runs them."""

from __future__ import annotations

from app.privacy import graph
from app.privacy.catalogue import KEY_LINKS, LINKS, ROOTS, TABLE_LABELS, UNLINKED, Kind

# Column names that suggest a link to a person even without a foreign key.
SUSPICIOUS_NAMES = ("subject_key", "person_id", "user_id")


def reachable_tables() -> set[str]:
    """Tables whose rows can belong to a person: the roots and what OWNED edges lead to."""
    reached, edges = set(ROOTS), graph.all_edges()
    grown = True
    while grown:
        before = len(reached)
        reached |= {
            e.child.name for e in edges if e.kind == Kind.OWNED and e.parent.name in reached
        }
        grown = len(reached) > before
    return reached


def unnamed_edges() -> list[str]:
    """Foreign keys into a person's rows that the catalogue does not name."""
    reached = reachable_tables()
    return sorted(
        f"{e.name} -> {e.parent.name} is not in app/privacy/catalogue.LINKS"
        for e in graph.foreign_key_edges()
        if e.parent.name in reached and e.link is None
    )


def stale_names() -> list[str]:
    names = {e.name for e in graph.foreign_key_edges()}
    tables = graph.tables()
    stale = [f"{n} is no foreign key" for n in LINKS if n not in names]
    stale += [
        f"{n} is no column"
        for n in [*KEY_LINKS, *UNLINKED]
        if n.split(".")[0] not in tables or n.split(".")[1] not in tables[n.split(".")[0]].c
    ]
    return sorted(stale)


def wrong_delete_rules() -> list[str]:
    """Erasure deletes the roots and lets the database do the rest: OWNED and OTHERS rows must
    go with them (CASCADE), ACTOR columns must be emptied (SET NULL)."""
    problems = []
    for edge in graph.foreign_key_edges():
        fk = next(iter(edge.column.foreign_keys))
        rule = (fk.ondelete or "NO ACTION").upper()
        if edge.kind in (Kind.OWNED, Kind.OTHERS) and edge.child.name not in ROOTS:
            if rule != "CASCADE":
                problems.append(f"{edge.name}: {edge.kind} needs ON DELETE CASCADE, has {rule}")
        elif edge.kind in (Kind.ACTOR, Kind.SHARED) and rule != "SET NULL":
            problems.append(f"{edge.name}: {edge.kind} needs ON DELETE SET NULL, has {rule}")
    return problems


def unlinked_columns() -> list[str]:
    """Columns named like a link to a person without a foreign key and not named anywhere."""
    named = {*KEY_LINKS, *UNLINKED, *(k.source for k in KEY_LINKS.values())}
    return sorted(
        f"{table.name}.{column.name}: a link to a person? Name it in KEY_LINKS or UNLINKED"
        for table in graph.tables().values()
        for column in table.c
        if column.name in SUSPICIOUS_NAMES
        and not column.foreign_keys
        and f"{table.name}.{column.name}" not in named
    )


def unlabelled_tables() -> list[str]:
    exported = reachable_tables() | {
        e.child.name for e in graph.all_edges() if e.kind == Kind.SHARED
    }
    return sorted(f"{name} has no label in TABLE_LABELS" for name in exported - set(TABLE_LABELS))


def problems() -> list[str]:
    return [
        *unnamed_edges(),
        *stale_names(),
        *wrong_delete_rules(),
        *unlinked_columns(),
        *unlabelled_tables(),
    ]
