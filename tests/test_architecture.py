"""The boundaries of the architecture, checked by import-linter (contracts in .importlinter):
matching stays a pure library, app.core imports no domain, the domains sit in layers (and
scripts/domain_graph.py, built with grimp, finds no cycle between them), only the two bridges
call matching, app.privacy keeps its layers."""

from __future__ import annotations

import configparser
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = (ROOT / ".importlinter").read_text().count("[importlinter:contract:")
    assert f"{contracts} kept, 0 broken" in result.stdout


def load_domain_graph():
    """scripts/domain_graph.py, the command that prints the graph, loaded as a module."""
    spec = importlib.util.spec_from_file_location("domain_graph", ROOT / "scripts/domain_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def domain_packages() -> set[str]:
    app = ROOT / "app"
    return {p.parent.name for p in app.glob("*/__init__.py")}


def layered_domains() -> list[set[str]]:
    """The layers of the domain-layers contract, top first, each a set of domain names."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    lines = config["importlinter:contract:domain-layers"]["layers"].split("\n")
    return [
        {name.strip().removeprefix("app.") for name in line.split("|")}
        for line in lines
        if line.strip()
    ]


def test_every_domain_is_in_the_layers():
    listed = set().union(*layered_domains())
    assert listed == domain_packages()


def test_domains_import_only_downwards_and_form_no_cycle():
    # The allowed direction is the order of the layers; one import the other way (a new cycle
    # between domains, e.g. offers -> matches -> offers) fails here, named.
    graph = load_domain_graph()
    domains = domain_packages()
    edges = {d: t & domains for d, t in graph.domain_edges().items() if d in domains}
    assert graph.cycles(edges) == []
    level = {name: i for i, layer in enumerate(layered_domains()) for name in layer}
    upwards = sorted(
        (a, b) for a, targets in edges.items() for b in targets if level[b] <= level[a]
    )
    assert upwards == []


def test_the_cycle_check_finds_a_cycle_through_a_third_domain():
    graph = load_domain_graph()
    found = graph.cycles({"offers": {"profiles"}, "profiles": {"matches"}, "matches": {"offers"}})
    assert found == [("matches", "offers"), ("matches", "profiles"), ("offers", "profiles")]
    assert graph.cycles({"offers": {"profiles"}, "profiles": set()}) == []
