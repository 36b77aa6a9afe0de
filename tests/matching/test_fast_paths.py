"""The engine's fast paths give the answers of the plain way of doing the same work.

- Candidate generation records, for every request left without a candidate, how many hard rules
  one offer nearby passes; the diagnosis then reads it instead of running the rules again. Both
  ways must name the same rule for every such request.
- Pruning to each request's best k is done on batches of blocks: the same pairs as taking each
  request's k best of all its candidates, and the same best score lost.
- Explanations share equal reasons between pairs: explaining many pairs at once says what
  explaining each alone says.
- Capacity advice is grouped by numpy: the same groups, values and counts as grouping offer by
  offer and request by request in dicts; the nearest towns, found in slices, are the towns
  nearest by great-circle distance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import parse_problem
from matching.benchgen import generate_problem
from matching.candidates import generate, request_nodes
from matching.capacity import group_advice, nearest_towns
from matching.compiled import Compiled, compile_problem, default_offer_languages
from matching.diagnosis import diagnose
from matching.explain import explain_match, explain_pairs
from matching.geo import nearest_town, unit_vectors
from matching.problem import KINDS
from matching.result import GroupAdvice
from matching.scoring import to_points
from matching.taxonomy.languages import comparison_code
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


def _best_k_plainly(all_pairs: Any, k: int) -> tuple[set[tuple[int, int, int]], dict[int, int]]:
    """Each node's k best pairs (ties: lower offer first) and the best score it lost."""
    by_node: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for node, offer, score in zip(
        all_pairs.node.tolist(), all_pairs.offer.tolist(), all_pairs.score.tolist(), strict=True
    ):
        by_node[node].append((-score, offer))
    kept, lost = set(), {}
    for node, pairs in by_node.items():
        ranked = sorted(pairs)
        kept |= {(node, offer, -score) for score, offer in ranked[:k]}
        if len(ranked) > k:
            lost[node] = -ranked[k][0]
    return kept, lost


def _pruning_agrees(data: dict[str, Any], k: int, prune_every: int) -> None:
    c = compile_problem(parse_problem(data))
    nodes = request_nodes(c)
    everything = generate(c, nodes)
    pruned = generate(c, nodes, k, prune_every=prune_every)
    kept, lost = _best_k_plainly(everything, k)
    got = zip(pruned.node.tolist(), pruned.offer.tolist(), pruned.score.tolist(), strict=True)
    assert set(got) == kept and len(pruned) == len(kept)
    assert {n: s for n, s in enumerate(pruned.pruned_max.tolist()) if s >= 0} == lost
    assert pruned.total == len(everything)
    assert np.array_equal(pruned.depth, everything.depth)
    # Grouped by node, best first within a node.
    order = np.lexsort((pruned.offer, -pruned.score, pruned.node))
    assert np.array_equal(order, np.arange(len(pruned)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scored_problem(max_seekers=10, max_offers=8), st.integers(1, 3), st.sampled_from([1, 7]))
def test_pruning_in_batches_keeps_each_requests_best_k(
    data: dict[str, Any], k: int, prune_every: int
) -> None:
    _pruning_agrees(data, k, prune_every)


def test_pruning_in_batches_on_a_generated_instance() -> None:
    data = generate_problem(400, 11)
    for prune_every in (1, 500, 1 << 21):
        _pruning_agrees(data, 3, prune_every)


def _all_pairs(c: Compiled) -> tuple[np.ndarray, np.ndarray]:
    nodes = request_nodes(c)
    cs = generate(c, nodes)
    return nodes.seeker[cs.node], cs.offer


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scored_problem(max_seekers=8, max_offers=6))
def test_explaining_pairs_together_says_what_explaining_each_alone_says(
    data: dict[str, Any],
) -> None:
    c = compile_problem(parse_problem(data))
    seekers, offers = _all_pairs(c)
    together = explain_pairs(c, seekers, offers)
    alone = [explain_match(c, s, o) for s, o in zip(seekers.tolist(), offers.tolist(), strict=True)]
    assert together == alone


def test_explaining_a_generated_round_together_and_alone() -> None:
    c = compile_problem(parse_problem(generate_problem(1000, 5)))
    seekers, offers = _all_pairs(c)
    together = explain_pairs(c, seekers, offers)
    assert len(together) > 1500
    alone = [explain_match(c, s, o) for s, o in zip(seekers.tolist(), offers.tolist(), strict=True)]
    assert together == alone
    keys = Counter(r.key for m in together for r in m.reasons)
    assert {"shared_language", "distance_km", "skill_match", "common_time"} <= set(keys)


def _advice_plainly(
    c: Compiled, values: np.ndarray, unmet_nodes: np.ndarray, node_seeker: Any, node_kind: Any
) -> list[GroupAdvice]:
    """Group advice the plain way: a dict entry per offer and language, per request and
    language."""
    names, offer_town = nearest_towns(c.offers.people.xyz, c.offers.people.has_location)
    best: dict[tuple[str, str, str], int] = defaultdict(int)
    count: Counter[tuple[str, str, str]] = Counter()
    for offer, town, value in zip(c.problem.offers, offer_town, values.tolist(), strict=True):
        for lang in {comparison_code(x.code) for x in default_offer_languages(offer)}:
            key = (offer.kind, lang, names[town])
            best[key] = max(best[key], value)
            count[key] += 1
    unmet: Counter[tuple[str, str, str]] = Counter()
    seekers = node_seeker[unmet_nodes]
    _, seeker_town = nearest_towns(
        c.seekers.people.xyz[seekers], c.seekers.people.has_location[seekers]
    )
    for s, k, town in zip(
        seekers.tolist(), node_kind[unmet_nodes].tolist(), seeker_town.tolist(), strict=True
    ):
        for lang in {comparison_code(x.code) for x in c.problem.seekers[s].languages}:
            unmet[(KINDS[k], lang, names[town])] += 1
    keys = [k for k in set(best) | set(unmet) if best.get(k, 0) > 0 or unmet[k] > 0]
    advice = [
        GroupAdvice(*key, float(to_points(best.get(key, 0))), unmet[key], count[key])
        for key in keys
    ]
    return sorted(advice, key=lambda a: (-a.value, -a.unmet, a.kind, a.language, a.town))


def _advice_agrees(data: dict[str, Any], seed: int) -> list[GroupAdvice]:
    c = compile_problem(parse_problem(data))
    nodes = request_nodes(c)
    rng = np.random.default_rng(seed)
    # Values as the duals give them: mostly zero, some positive, in integer units.
    values = rng.integers(-3, 4000, len(c.problem.offers)) * (
        rng.random(len(c.problem.offers)) < 0.5
    )
    unmet = np.flatnonzero(rng.random(len(nodes)) < 0.5).astype(np.int32)
    fast = group_advice(c, values, unmet, nodes.seeker, nodes.kind)
    assert fast == _advice_plainly(c, values, unmet, nodes.seeker, nodes.kind)
    return fast


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scored_problem(max_seekers=10, max_offers=8), st.integers(0, 2**32 - 1))
def test_advice_grouped_by_numpy_is_the_advice_grouped_plainly(
    data: dict[str, Any], seed: int
) -> None:
    _advice_agrees(data, seed)


def test_advice_on_a_generated_instance() -> None:
    advice = _advice_agrees(generate_problem(1000, 3), 1)
    assert len(advice) > 100
    assert len({a.town for a in advice}) > 5 and len({a.language for a in advice}) > 3


def test_nearest_towns_in_slices_name_each_points_nearest_town() -> None:
    """Many points (several slices of the product): each gets the name of the town nearest by
    great-circle distance; a point without a location gets '-'."""
    rng = np.random.default_rng(4)
    lat, lon = rng.uniform(51.5, 53.5, 2500), rng.uniform(6.8, 9.5, 2500)
    located = rng.random(2500) < 0.9
    names, where = nearest_towns(unit_vectors(lat, lon), located)
    expected = [
        nearest_town(a, b).name if ok else "-"
        for a, b, ok in zip(lat.tolist(), lon.tolist(), located.tolist(), strict=True)
    ]
    assert [names[i] for i in where.tolist()] == expected
    assert len(set(expected)) > 20
