"""The assignment instance the solvers see: request nodes, offers and scored arcs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.candidates import CandidateSet, Nodes
from matching.compiled import F64, I32, I64, Compiled
from matching.problem import KINDS
from matching.rules import load_hours
from matching.scoring import to_int


@dataclass(frozen=True)
class Instance:
    """Arcs grouped by node; ``load`` in hours, ``score`` in integer units."""

    nodes: Nodes
    capacity: I64
    node: I32
    offer: I32
    score: I64
    load: F64
    total: int
    pruned_max: I64
    #: Per node without candidates: rules passed in order (see CandidateSet.depth), or None.
    depth: I64 | None = None

    @property
    def n_nodes(self) -> int:
        return len(self.nodes)

    def with_arcs(self, node: I32, offer: I32, score: I64, load: F64) -> tuple[Instance, I64]:
        """This instance with extra arcs, kept grouped by node, and where each arc went.

        The second value is the permutation applied to the old arcs followed by the new ones, so
        that masks over arcs can follow (``np.concatenate([old_mask, new_mask])[order]``). The
        extra arcs must not be in the instance yet (the pricing step guarantees it).
        """
        all_node = np.concatenate([self.node, node])
        order = np.argsort(all_node, kind="stable")
        grown = Instance(
            self.nodes,
            self.capacity,
            all_node[order],
            np.concatenate([self.offer, offer])[order],
            np.concatenate([self.score, score])[order],
            np.concatenate([self.load, load])[order],
            self.total,
            self.pruned_max,
            self.depth,
        )
        return grown, order


def capacities(c: Compiled) -> I64:
    return np.array([o.capacity for o in c.problem.offers], dtype=np.int64)


def from_candidates(c: Compiled, nodes: Nodes, cs: CandidateSet) -> Instance:
    """The instance of scored candidate pairs."""
    load = load_hours(c, nodes.seeker[cs.node], cs.offer)
    return Instance(
        nodes, capacities(c), cs.node, cs.offer, cs.score, load, cs.total, cs.pruned_max, cs.depth
    )


def from_pairs(c: Compiled) -> Instance:
    """The instance of explicit ``pairs``: a node per seeker and kind of offer it is paired with."""
    problem = c.problem
    seeker_index = {s.id: i for i, s in enumerate(problem.seekers)}
    offer_index = {o.id: j for j, o in enumerate(problem.offers)}
    pairs = problem.pairs or ()
    s = np.array([seeker_index[p.seeker] for p in pairs], dtype=np.int64)
    o = np.array([offer_index[p.offer] for p in pairs], dtype=np.int32)
    kind = c.offers.kind[o].astype(np.int64)
    node_keys, node_of_pair = np.unique(s * len(KINDS) + kind, return_inverse=True)
    nodes = Nodes(
        (node_keys // len(KINDS)).astype(np.int32), (node_keys % len(KINDS)).astype(np.int8)
    )
    node = node_of_pair.astype(np.int32)
    score = to_int(np.array([p.score for p in pairs], dtype=np.float64))
    load: npt.NDArray[np.float64] = np.array([p.load for p in pairs], dtype=np.float64)
    order = np.lexsort((o, node))
    empty = np.full(len(nodes), -1, dtype=np.int64)
    return Instance(
        nodes, capacities(c), node[order], o[order], score[order], load[order], len(pairs), empty
    )
