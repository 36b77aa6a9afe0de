"""Fixtures for the offer tests: the offer builders and a small two-district world."""

from __future__ import annotations

import pytest

from tests.app.offers.builders import OfferBuilders, World, build_world


@pytest.fixture
def offers(app, build) -> OfferBuilders:
    return OfferBuilders(app, build)


@pytest.fixture
def world(build, offers) -> World:
    return build_world(build, offers)
