"""Offline postcode data and distances."""

from __future__ import annotations

import pytest

from app.places.distance import bounding_box, km_between
from app.places.postcodes import lookup, place_for


@pytest.mark.parametrize(
    ("postcode", "town"),
    [("49565", "Bramsche"), (" 49324", "Melle"), ("49074", "Osnabrück"), ("10115", "Berlin")],
)
def test_known_postcodes_give_town_and_coordinates(postcode, town):
    place = lookup(postcode)
    assert place is not None and place.town == town
    assert 47 < place.lat < 55.1 and 5.8 < place.lon < 15.1  # inside Germany


@pytest.mark.parametrize("postcode", ["00000", "4956", "495655", "abcde", "", "99999"])
def test_malformed_or_unknown_postcodes_give_nothing(postcode):
    assert lookup(postcode) is None


def test_chosen_town_comes_first_when_a_postcode_has_several():
    place = lookup("78267")
    assert place is not None
    assert place_for("78267", place.towns[-1]).town == place.towns[-1]


def test_distance_bramsche_to_melle_is_about_35_km():
    bramsche, melle = lookup("49565"), lookup("49324")
    assert 30 < km_between(bramsche.lat, bramsche.lon, melle.lat, melle.lon) < 40


def test_bounding_box_contains_the_circle():
    min_lat, max_lat, min_lon, max_lon = bounding_box(52.4, 8.0, 10)
    assert km_between(52.4, 8.0, max_lat, 8.0) == pytest.approx(10, rel=1e-3)
    assert km_between(52.4, 8.0, 52.4, max_lon) == pytest.approx(10, rel=1e-2)
    assert min_lat < 52.4 < max_lat and min_lon < 8.0 < max_lon
