"""Deterministic draws for the demo: one seeded generator, weighted choices, places."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import Any, TypeVar

T = TypeVar("T")
SEED = 20160822  # the day of the Osnabrück integration conference that Brücke grew from


class Draw:
    def __init__(self, seed: int = SEED) -> None:
        self.random = random.Random(seed)  # nosec B311  # demo data: reproducible, not secret
        self._towns: tuple[Sequence[dict[str, Any]], list[float]] | None = None

    def chance(self, probability: float) -> bool:
        return self.random.random() < probability

    def pick(self, items: Sequence[T]) -> T:
        return items[self.random.randrange(len(items))]

    def weighted(self, weights: Mapping[T, float]) -> T:
        keys = list(weights)
        return self.random.choices(keys, weights=[weights[k] for k in keys])[0]

    def between(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def sample(self, items: Sequence[T], count: int) -> list[T]:
        return self.random.sample(list(items), min(count, len(items)))

    def town(self, towns: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """A town, the larger ones more likely (people live where the housing is)."""
        # The running sums are kept for the last list of towns (growing the demo asks for one
        # town per person); choices() draws the same with them as with the weights.
        if self._towns is None or self._towns[0] is not towns:
            self._towns = (towns, list(accumulate(t["population"] for t in towns)))
        return self.random.choices(towns, cum_weights=self._towns[1])[0]

    def near(self, lat: float, lon: float, km: float = 1.5) -> tuple[float, float]:
        """A point within about ``km`` of a town centre, so people do not share one spot."""
        dlat = self.random.uniform(-km, km) / 111.0
        dlon = self.random.uniform(-km, km) / 68.0  # a degree of longitude at 52° N
        return round(lat + dlat, 5), round(lon + dlon, 5)
