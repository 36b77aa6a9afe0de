"""Candidate pairs: every (seeker, offer) that passes all hard rules, with its score.

Work grows with the number of candidates, not with seekers × offers: requests are grouped by the
kind they want and by spatial grid cell, each group is compared only with offers of that kind in
the cells within reach, and the distance and language rules are applied before anything else is
computed. Blocks are dense numpy matrices (the distance test is one matrix product); pairs within
reach are compacted, the language table is looked up for them, the remaining rules run on the
survivors, and only then are they scored.

A *request node* is one (seeker, kind wanted): a seeker gets at most one match per kind.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.compiled import I32, I64, Bool, Compiled
from matching.grid import Grid, make_grid
from matching.problem import CONTACT_KINDS, KINDS, WORK_KINDS
from matching.rules import LATE_RULES, RULES, Rule, within_reach
from matching.scoring import score_units

#: Pairs per dense block; bounds memory (a few arrays of this many float64) and keeps numpy busy.
BLOCK_PAIRS = 1 << 21


@dataclass(frozen=True)
class Nodes:
    """Request nodes: ``seeker[n]`` wants ``kind[n]`` (an index into KINDS)."""

    seeker: I32
    kind: npt.NDArray[np.int8]

    def __len__(self) -> int:
        return int(self.seeker.size)


def request_nodes(c: Compiled) -> Nodes:
    """One node per seeker and kind it wants, in seeker order."""
    wants = c.seekers.wants
    seekers, kinds = [], []
    for k in range(len(KINDS)):
        rows = np.flatnonzero(wants & (1 << k)).astype(np.int32)
        seekers.append(rows)
        kinds.append(np.full(rows.size, k, dtype=np.int8))
    seeker, kind = np.concatenate(seekers), np.concatenate(kinds)
    order = np.lexsort((kind, seeker))
    return Nodes(seeker[order], kind[order])


@dataclass(frozen=True)
class Block:
    """Candidate pairs found in one block: node, offer, integer score, and cos of the angle."""

    node: I32
    offer: I32
    score: I64


def _late_rules(c: Compiled, kind: int) -> tuple[Rule, ...]:
    """The rules that can fail for this kind in this problem (others are skipped for speed)."""
    skip = set()
    if KINDS[kind] != "job":
        skip.add("no_right_to_work")
    if KINDS[kind] not in WORK_KINDS or c.seekers.working_age.all():
        skip.add("under_working_age")
    if KINDS[kind] not in CONTACT_KINDS or not c.seekers.minor.any():
        skip.add("no_good_conduct_certificate")
    if KINDS[kind] != "mentor" or not c.seekers.mentor_gender.any():
        skip.add("mentor_gender_mismatch")
    if not c.seekers.people.region.any():
        skip.add("outside_residence_region")
    if c.rejected.size == 0:
        skip.add("rejected_before")
    return tuple(rule for rule in LATE_RULES if rule.reason not in skip)


def evaluate_block(
    c: Compiled, nodes: Nodes, rows: I32, cols: I32, kind: int, *, depths: I64 | None = None
) -> Block:
    """All candidates among request nodes ``rows`` × offers ``cols`` (all of kind ``kind``).

    With ``depths``, each row left without a candidate gets there how many hard rules (in the
    order of RULES, after the kind) at least one of the offers passes: the diagnosis of why it
    has none, found with the arrays this block computed anyway.
    """
    si = nodes.seeker[rows]
    cos = c.seekers.people.xyz[si] @ c.offers.people.xyz[cols].T
    ok = within_reach(c, si[:, None], cols[None, :], cos)
    # The language table is looked up only for the pairs within reach of each other.
    r, k = np.nonzero(ok)
    s_sel, o_sel = si[r], cols[k]
    speaks = np.asarray(c.tables.language(s_sel, o_sel) > 0, dtype=bool)
    reach = (r, k) if depths is not None else None
    r, k, s_sel, o_sel = r[speaks], k[speaks], s_sel[speaks], o_sel[speaks]
    cos_sel = cos[r, k]
    keep = np.ones(r.size, dtype=bool)
    late = _late_rules(c, kind)
    for rule in late:
        keep &= rule.check(c, s_sel, o_sel)
    r, o_sel, s_sel, cos_sel = r[keep], o_sel[keep], s_sel[keep], cos_sel[keep]
    if depths is not None and reach is not None:
        lonely = np.ones(rows.size, dtype=bool)
        lonely[r] = False
        if lonely.any():
            _lonely_depths(c, (si, cols), (*reach, speaks), lonely, late, out=(rows, depths))
    return Block(rows[r], o_sel, score_units(c, s_sel, o_sel, cos_sel))


def _lonely_depths(
    c: Compiled,
    block: tuple[I32, I32],
    reach: tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], Bool],
    lonely: Bool,
    late: tuple[Rule, ...],
    *,
    out: tuple[I32, I64],
) -> None:
    """``depths[rows[i]]`` for the rows without a candidate: the rules passed in order (1 for
    reach, then residence region, shared language, and the later rules; a rule this block skips
    cannot fail here)."""
    si, cols = block
    rows, depths = out
    pick = lonely[reach[0]]
    r, k, passed = reach[0][pick], reach[1][pick], reach[2][pick]
    depth = np.zeros(rows.size, dtype=np.int64)
    depth[r] = 1
    active = {rule.reason for rule in late}
    for level, rule in enumerate(RULES[2:], start=2):
        if rule.reason == "no_shared_language":
            ok = passed
        elif rule.reason in active:
            ok = rule.check(c, si[r], cols[k])
        else:
            ok = np.ones(r.size, dtype=bool)
        r, k, passed = r[ok], k[ok], passed[ok]
        if r.size == 0:
            break
        depth[r] = level
    depths[rows[lonely]] = depth[lonely]


def _runs(keys: I64) -> list[tuple[int, int, int]]:
    """(key, start, end) of each run of equal keys in a sorted array."""
    if keys.size == 0:
        return []
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], keys.size]
    return [(int(keys[s]), int(s), int(e)) for s, e in zip(starts, ends, strict=True)]


@dataclass(frozen=True)
class _KindIndex:
    """Offers of one kind, sorted by grid cell."""

    located: I32
    cells: dict[int, tuple[int, int]]
    everything: I32
    max_radius: float


def _kind_index(
    c: Compiled, grid: Grid, kind: int, lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64]
) -> _KindIndex:
    people = c.offers.people
    mine = (c.offers.kind == kind) & (c.offers.capacity > 0)
    located = np.flatnonzero(mine & people.has_location).astype(np.int32)
    keys = grid.keys(lat[located], lon[located])
    order = np.argsort(keys, kind="stable")
    located, keys = located[order], keys[order]
    cells = {key: (s, e) for key, s, e in _runs(keys)}
    everything = np.flatnonzero(mine).astype(np.int32)
    radius = people.radius[everything]
    return _KindIndex(located, cells, everything, float(radius.max()) if radius.size else 0.0)


def _groups(
    c: Compiled,
    grid: Grid,
    nodes: Nodes,
    kind: int,
    *,
    coords: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]],
    rows: I32 | None,
) -> Iterator[tuple[int | None, I32]]:
    mine = np.flatnonzero(nodes.kind == kind).astype(np.int32)
    if rows is not None:
        mine = np.intersect1d(mine, rows).astype(np.int32)
    has = c.seekers.people.has_location[nodes.seeker[mine]]
    if (~has).any():
        yield None, mine[~has]
    located = mine[has]
    si = nodes.seeker[located]
    keys = grid.keys(coords[0][si], coords[1][si])
    order = np.argsort(keys, kind="stable")
    located, keys = located[order], keys[order]
    for key, s, e in _runs(keys):
        yield key, located[s:e]


def _columns(c: Compiled, grid: Grid, index: _KindIndex, key: int | None, reach: float) -> I32:
    if key is None or not math.isfinite(reach):
        return index.everything
    parts = [
        index.located[slice(*index.cells[n])]
        for n in grid.neighbours(key, reach)
        if n in index.cells
    ]
    return np.sort(np.concatenate(parts)) if parts else np.array([], dtype=np.int32)


def blocks(c: Compiled, nodes: Nodes, rows: I32 | None = None) -> Iterator[Block]:
    """Every candidate pair of the request nodes ``rows`` (default: all), block by block.

    Each node's candidates come in exactly one block, so per-node work (best-k) can be done
    block by block.
    """
    for group, cols, kind in block_ranges(c, nodes, rows):
        yield evaluate_block(c, nodes, group, cols, kind)


def block_ranges(
    c: Compiled, nodes: Nodes, rows: I32 | None = None, max_pairs: int = BLOCK_PAIRS
) -> Iterator[tuple[I32, I32, int]]:
    """(request nodes, offers, kind) blocks that together hold every candidate of ``rows``."""
    people_s, people_o = c.seekers.people, c.offers.people
    lat_s, lon_s = _latlon(people_s.xyz)
    lat_o, lon_o = _latlon(people_o.xyz)
    radii = np.concatenate(
        [people_s.radius[people_s.has_location], people_o.radius[people_o.has_location]]
    )
    grid = make_grid(
        np.concatenate([lat_s[people_s.has_location], lat_o[people_o.has_location]]), radii
    )
    for kind in range(len(KINDS)):
        index = _kind_index(c, grid, kind, lat_o, lon_o)
        if index.everything.size == 0:
            continue
        for key, group in _groups(c, grid, nodes, kind, coords=(lat_s, lon_s), rows=rows):
            reach = min(float(people_s.radius[nodes.seeker[group]].max()), index.max_radius)
            cols = _columns(c, grid, index, key, reach)
            if cols.size == 0:
                continue
            step = max(1, max_pairs // cols.size)
            for start in range(0, group.size, step):
                yield group[start : start + step], cols, kind


def _latlon(
    xyz: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    lat = np.degrees(np.arcsin(np.clip(xyz[:, 2], -1.0, 1.0)))
    lon = np.degrees(np.arctan2(xyz[:, 1], xyz[:, 0]))
    return lat, lon


@dataclass(frozen=True)
class CandidateSet:
    """Candidate pairs as parallel arrays, grouped by node.

    ``total`` counts every candidate pair; when only the best ``k`` per node were kept,
    ``pruned_max[n]`` is the best score node n lost to pruning (-1 when it lost none).
    ``depth[n]``, for a node without any candidate, is how many hard rules in order one of the
    offers of its kind nearby passes (:func:`matching.diagnosis.diagnose`); ``None`` when not
    recorded.
    """

    node: I32
    offer: I32
    score: I64
    total: int
    pruned_max: I64
    depth: I64 | None = None

    def __len__(self) -> int:
        return int(self.node.size)


def _best_k(block: Block, k: int) -> tuple[Block, I32, I64]:
    """Each node's best k pairs (ties: lower offer first), and the best score each node lost."""
    # One int64 key (node, then descending score) sorts faster than a lexsort; the stable sort
    # keeps offers ascending within ties, as the block lists them in that order.
    span = int(block.score.max()) + 1 if block.score.size else 1
    key = block.node.astype(np.int64) * span + (span - 1 - block.score)
    order = np.argsort(key, kind="stable")
    node, offer, score = block.node[order], block.offer[order], block.score[order]
    first = np.r_[True, node[1:] != node[:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(node.size), 0))
    rank = np.arange(node.size) - start
    lost = rank == k
    keep = rank < k
    return Block(node[keep], offer[keep], score[keep]), node[lost], score[lost]


def generate(
    c: Compiled, nodes: Nodes, top_k: int | None = None, *, prune_every: int = BLOCK_PAIRS
) -> CandidateSet:
    """All candidates, or only each node's best ``top_k`` (ties: lower offer index first).

    Blocks are small where people are spread out (a hundred pairs each at 10k), so they are
    pruned together once they hold ``prune_every`` pairs: one sort instead of one per block.
    """
    pruned_max = np.full(len(nodes), -1, dtype=np.int64)
    # A node that no block reaches has no offer of its kind within reach: depth 0, too far.
    depth = np.zeros(len(nodes), dtype=np.int64)
    blocks = (
        evaluate_block(c, nodes, group, cols, kind, depths=depth)
        for group, cols, kind in block_ranges(c, nodes)
    )
    if top_k is None:
        kept = list(blocks)
        return _assemble(kept, sum(b.node.size for b in kept), pruned_max, depth)
    kept, total = [], 0
    for batch in _batches(blocks, prune_every):
        total += batch.node.size
        best, lost_nodes, lost_scores = _best_k(batch, top_k)
        pruned_max[lost_nodes] = lost_scores
        kept.append(best)
    return _assemble(kept, total, pruned_max, depth)


def _batches(blocks: Iterator[Block], pairs: int) -> Iterator[Block]:
    """The blocks joined into batches of at least ``pairs`` pairs (the last may hold fewer)."""
    batch: list[Block] = []
    size = 0
    for block in blocks:
        batch.append(block)
        size += block.node.size
        if size >= pairs:
            yield _joined(batch)
            batch, size = [], 0
    if batch:
        yield _joined(batch)


def _joined(parts: list[Block]) -> Block:
    """Blocks as one (each node's pairs stay together: a node is in one block only)."""
    if not parts:
        return Block(np.array([], np.int32), np.array([], np.int32), np.array([], np.int64))
    if len(parts) == 1:
        return parts[0]
    return Block(
        np.concatenate([b.node for b in parts]),
        np.concatenate([b.offer for b in parts]),
        np.concatenate([b.score for b in parts]),
    )


def _assemble(
    parts: list[Block], total: int, pruned_max: I64, depth: I64 | None = None
) -> CandidateSet:
    joined = _joined(parts)
    node, offer, score = joined.node, joined.offer, joined.score
    # Blocks hold whole nodes, so a stable sort by node keeps each node's order from its block.
    # Pruned pairs come sorted already (one batch holds every block up to 10k × 10k).
    if not np.all(node[1:] >= node[:-1]):
        order = np.argsort(node, kind="stable")
        node, offer, score = node[order], offer[order], score[order]
    return CandidateSet(
        node.astype(np.int32), offer.astype(np.int32), score, total, pruned_max, depth
    )


def filtered(c: Compiled, nodes: Nodes, rows: I32, keep: Callable[[Block], Bool]) -> CandidateSet:
    """The candidates of nodes ``rows`` for which ``keep`` is true (used by the dual check)."""
    parts = []
    for block in blocks(c, nodes, rows):
        mask = keep(block)
        parts.append(Block(block.node[mask], block.offer[mask], block.score[mask]))
    return _assemble(parts, 0, np.full(len(nodes), -1, dtype=np.int64))
