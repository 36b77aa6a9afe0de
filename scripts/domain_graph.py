"""Print the import graph between the app's domains (app.<domain> -> app.<domain>), direct
imports only, as a table: one line per domain with the domains it imports, then the cycles.

    .venv/bin/python scripts/domain_graph.py

Built with grimp, the library import-linter uses, so it sees what the contracts see."""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def domain_edges() -> dict[str, set[str]]:
    """Each domain of app with the set of other domains it imports directly."""
    graph = grimp.build_graph("app", cache_dir=None)
    domains = sorted(m.split(".")[1] for m in graph.find_children("app"))
    edges: dict[str, set[str]] = {d: set() for d in domains}
    for importer in graph.modules:
        parts = importer.split(".")
        if len(parts) < 2:
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            target = imported.split(".")
            if len(target) >= 2 and target[0] == "app" and target[1] != parts[1]:
                edges[parts[1]].add(target[1])
    return edges


def cycles(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Pairs of domains that import each other, directly or through others."""
    reach = {d: set(targets) for d, targets in edges.items()}
    changed = True
    while changed:
        changed = False
        for d, seen in reach.items():
            more = set().union(*(reach.get(t, set()) for t in seen)) - seen
            if more:
                seen |= more
                changed = True
    return sorted((a, b) for a in reach for b in reach[a] if a < b and a in reach.get(b, set()))


def main() -> None:
    edges = domain_edges()
    width = max(len(d) for d in edges)
    for domain, targets in edges.items():
        print(f"{domain:<{width}} -> {', '.join(sorted(targets)) or '-'}")
    found = cycles(edges)
    print(f"\n{len(found)} pairs of domains in a cycle (direct or through others):")
    for a, b in found:
        print(f"  {a} <-> {b}")


if __name__ == "__main__":
    main()
