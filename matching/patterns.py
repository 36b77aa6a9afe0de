"""Pattern tables: rules and scores on pairs of *distinct profiles* instead of pairs of people.

People share a handful of language profiles, weekly time patterns and skill sets. Numbering the
distinct rows on each side and precomputing the pairwise value for every pair of patterns turns
a bitset computation per pair of people into one table lookup. When there are too many distinct
patterns for a table, the lookup falls back to computing from the bitsets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

#: Largest table built (entries); beyond it values are computed per pair from the bitsets.
MAX_TABLE = 1 << 24

Rows = npt.NDArray[np.uint64]
Values = npt.NDArray[Any]
Pairwise = Callable[[Rows, Rows], Values]


def distinct_rows(rows: Rows) -> tuple[Rows, npt.NDArray[np.int32]]:
    """The distinct rows and, for each input row, the index of its pattern."""
    if rows.shape[0] == 0:
        return rows, np.zeros(0, dtype=np.int32)
    unique, inverse = np.unique(rows, axis=0, return_inverse=True)
    return unique, inverse.reshape(-1).astype(np.int32)


@dataclass(frozen=True)
class PairTable:
    """f(seeker row, offer row) for every pair of patterns, or the means to compute it."""

    seeker_pattern: npt.NDArray[np.int32]
    offer_pattern: npt.NDArray[np.int32]
    seeker_rows: Rows
    offer_rows: Rows
    table: Values | None
    pairwise: Pairwise

    def __call__(self, si: npt.NDArray[Any], oi: npt.NDArray[Any]) -> Values:
        ps, po = self.seeker_pattern[si], self.offer_pattern[oi]
        if self.table is not None:
            return np.asarray(self.table[ps, po])
        return self.pairwise(self.seeker_rows[ps], self.offer_rows[po])


def pair_table(seeker_rows: Rows, offer_rows: Rows, pairwise: Pairwise) -> PairTable:
    """Number the patterns on both sides and tabulate ``pairwise`` when the table is small."""
    s_rows, s_pat = distinct_rows(seeker_rows)
    o_rows, o_pat = distinct_rows(offer_rows)
    table = None
    n_s, n_o = s_rows.shape[0], o_rows.shape[0]
    if n_s * n_o <= MAX_TABLE and n_s and n_o:
        # Chunks of seeker patterns bound the (patterns × patterns × words) temporaries.
        step = max(1, (1 << 22) // (n_o * max(1, s_rows.shape[1] + o_rows.shape[1])))
        table = np.concatenate(
            [
                pairwise(s_rows[k : k + step, None, :], o_rows[None, :, :])
                for k in range(0, n_s, step)
            ]
        )
    return PairTable(s_pat, o_pat, s_rows, o_rows, table, pairwise)
