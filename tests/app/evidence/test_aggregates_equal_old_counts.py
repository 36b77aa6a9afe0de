"""The figures counted by the database equal those main counted person by person in Python
(tests/app/evidence/legacy_counts.py), on the hand-made district and on the demo."""

from __future__ import annotations

from datetime import date

import pytest

from app.demo.seed import seed_demo
from app.evidence import queries
from app.evidence.disclosure import suppress_table
from app.extensions import db
from tests.app.evidence import legacy_counts as old

DEMO_DAY = date(2026, 11, 26)


def assert_same_needs(new, before):
    assert new.newcomers == before.newcomers
    assert +new.german == +before.german
    assert +new.child_ages == +before.child_ages
    assert +new.jobs == +before.jobs
    assert new.job_seekers == sum(before.jobs.values())
    assert {k: new.occupation_labels[k] for k in before.jobs} == {
        k: before.occupation_labels[k] for k in before.jobs
    }
    assert +new.mentor_waits == +before.wait_groups()
    assert new.housing == before.housing


def assert_same_evidence(region_id, today):
    region = queries.get_region(region_id)
    evidence = queries.build_evidence(region, today, "de")
    assert_same_needs(evidence.needs, old.old_needs(region, today, "de"))
    for part, needs, _ in evidence.parts:
        assert_same_needs(needs, old.old_needs(part, today, "de"))
    assert evidence.median_days_to_match == old.old_median_days(region)
    before = old.old_per_month(region)
    assert evidence.matched_per_month == [(m, before[m]) for m, _ in evidence.matched_per_month]


def assert_same_open_tables(today):
    tables = queries.open_tables(today)
    assert [d.name for d, _, _ in tables] == [d.name for d in old.list_districts()]
    for (district, rows, totals), region in zip(tables, old.list_districts(), strict=True):
        before = old.old_open_rows(region, today)
        cells, before_totals = suppress_table([c for _, c in before], queries.OPEN_COLUMNS)
        assert rows == list(zip([n for n, _ in before], cells, strict=True))
        assert totals == before_totals
        assert district.id == region.id


def test_the_hand_made_district_counts_the_same(app, district):
    with app.app_context():
        for region_id in (district.ids.district, district.ids.b, district.ids.m):
            assert_same_evidence(region_id, district.today)
        assert_same_open_tables(district.today)


@pytest.fixture
def demo(app):
    with app.app_context():
        seed_demo(DEMO_DAY)
        db.session.commit()


def test_the_demo_counts_the_same(app, demo):
    with app.app_context():
        for district in old.list_districts():
            assert_same_evidence(district.id, DEMO_DAY)
            for part in district.children[:3]:
                assert_same_evidence(part.id, DEMO_DAY)
        assert_same_open_tables(DEMO_DAY)
