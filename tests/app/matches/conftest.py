"""Fixtures for the match tests."""

from __future__ import annotations

import pytest

from tests.app.matches.builders import MatchWorld, build_match_world
from tests.app.offers.builders import OfferBuilders


@pytest.fixture
def offers(app, build) -> OfferBuilders:
    return OfferBuilders(app, build)


@pytest.fixture
def world(build, offers) -> MatchWorld:
    return build_match_world(build, offers)
