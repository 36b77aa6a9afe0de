"""Fixtures for the privacy tests: the rich person and her surroundings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.offers.builders import OfferBuilders
from tests.app.privacy.rich import RichBuilder, RichWorld


@pytest.fixture
def certificate_folder(app) -> Path:
    return Path(app.instance_path) / "uploads" / "certificates"


@pytest.fixture
def rich(app, build, certificate_folder) -> RichWorld:
    return RichBuilder(build, OfferBuilders(app, build)).world(certificate_folder)
