"""The demo's draws stay the same when the weights of towns are summed once: growing the same
database to the same N keeps giving the same rows."""

from __future__ import annotations

import random

from app.demo.randomness import Draw


def test_town_draws_are_the_weighted_choices_of_before():
    small = [{"name": "A", "population": 10}, {"name": "B", "population": 3000}]
    large = [{"name": f"T{i}", "population": 100 + 37 * i} for i in range(40)]
    draw, before = Draw(7), random.Random(7)  # nosec B311
    for round_ in range(2000):
        towns = large if round_ % 3 else small  # the kept sums follow a change of the list
        expected = before.choices(towns, weights=[t["population"] for t in towns])[0]
        assert draw.town(towns) is expected
