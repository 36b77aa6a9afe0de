"""Work the engine does once instead of twice gives the same answer as doing it again.

Candidate generation records, for every request left without a candidate, how many hard rules
one offer nearby passes; the diagnosis then reads it instead of running the rules again. Both
ways must name the same rule for every such request.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings

from matching import parse_problem
from matching.benchgen import generate_problem
from matching.candidates import generate, request_nodes
from matching.compiled import compile_problem
from matching.diagnosis import diagnose
from tests.matching.builders import scored_problem


def _both(data: dict[str, Any]) -> tuple[dict[int, str], dict[int, str]]:
    c = compile_problem(parse_problem(data))
    nodes = request_nodes(c)
    cs = generate(c, nodes, top_k=2)
    counts = np.bincount(cs.node, minlength=len(nodes)) + (cs.pruned_max >= 0)
    lonely = np.flatnonzero(counts == 0).astype(np.int32)
    return diagnose(c, nodes, lonely), diagnose(c, nodes, lonely, cs.depth)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scored_problem(max_seekers=10, max_offers=8))
def test_recorded_depths_name_the_same_rule_as_running_the_rules_again(
    data: dict[str, Any],
) -> None:
    again, recorded = _both(data)
    assert recorded == again


def test_on_a_generated_instance_every_cause_agrees() -> None:
    again, recorded = _both(generate_problem(400, 11))
    assert len(set(again.values())) >= 4  # several rules really are named
    assert recorded == again
