"""A round's duration reaches the metrics, by its final status (issue 12, item 5)."""

from __future__ import annotations

from tests.app.matches.test_match_pages import start_round
from tests.app.test_observability import sample


def test_a_finished_round_adds_its_duration_to_the_metrics(world, login, client):
    coordinator = login(world.coordinator_os)
    name = "bruecke_matching_round_duration_seconds_count"
    before = sample(coordinator, name, status="finished")
    start_round(coordinator, world)  # runs in process: no broker in the tests
    assert sample(coordinator, name, status="finished") == before + 1
