"""The needs kept in ``needs_snapshot``: the dashboard, its CSV and the open figures read the kept
counts instead of counting every newcomer on each request (at 100,000 people main's counts took
seconds per request and a cache miss of the public figures as long), and the kept counts give the
same figures as counting afresh, also days later."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.evidence import queries
from app.evidence.models import NeedsSnapshot
from app.evidence.needs import needs_by_region, tally_by_region
from app.evidence.snapshot import refresh_snapshot
from app.evidence.tasks import refresh_needs
from app.extensions import db
from tests.app.evidence.conftest import person
from tests.app.statements import recorded

# What counting needs reads: every newcomer's profile, goals, languages and skills. (Matched
# requests are still counted per page: there are few of them, found by an index.)
PEOPLE_TABLES = ("refugee_profile", "person_goal", "person_language", "person_skill")


def reads_people(statements) -> list[str]:
    return [
        s
        for s, _ in statements.sent
        if any(f"FROM {t}" in s or f"JOIN {t}" in s for t in PEOPLE_TABLES)
    ]


@pytest.fixture
def kept(app, monkeypatch):
    monkeypatch.setitem(app.config, "EVIDENCE_SNAPSHOT_SECONDS", 300)
    queries.forget_open_figures()
    yield
    queries.forget_open_figures()


def test_pages_read_the_kept_counts_and_no_profiles(app, client, login, district, kept):
    login(district.coordinator)
    with app.app_context():
        refresh_snapshot(district.today)
        db.session.commit()
        engine = db.engine
    paths = [f"/evidence/{district.ids.district}", f"/evidence/{district.ids.district}.csv"]
    for path in [*paths, "/figures"]:
        with recorded(engine) as statements:
            assert client.get(path).status_code == 200
        assert reads_people(statements) == [], path
    kept_csv = client.get(paths[1]).get_data(as_text=True)
    app.config["EVIDENCE_SNAPSHOT_SECONDS"] = 0
    assert kept_csv == client.get(paths[1]).get_data(as_text=True)  # counted afresh: the same
    assert "occupation" in kept_csv


def test_kept_counts_give_the_fresh_figures_on_later_days(app, district):
    with app.app_context():
        refresh_snapshot(district.today)
        db.session.commit()
        kept = {r.region_id: r.tally for r in db.session.scalars(select(NeedsSnapshot))}
        assert kept  # regions with newcomers are kept
        for days in (0, 1, 5, 40, 95, 200, 366, 400, 3000):  # children grow up, waits grow
            later = district.today + timedelta(days=days)
            fresh = needs_by_region(None, later, "de")
            from_kept = queries.needs_in(None, later, "de")  # setting 0: counted afresh
            assert from_kept == fresh
            tallies = tally_by_region(None, district.today)
            assert {r: t.needs(later, "de") for r, t in tallies.items()} == fresh


def test_dashboard_from_kept_counts_equals_the_fresh_one(app, district, monkeypatch):
    with app.app_context():
        region = queries.get_region(district.ids.district)
        fresh = queries.build_evidence(region, district.today, "de")
        refresh_snapshot(district.today)
        db.session.commit()
        monkeypatch.setitem(app.config, "EVIDENCE_SNAPSHOT_SECONDS", 300)
        with recorded(db.engine) as statements:
            from_kept = queries.build_evidence(region, district.today, "de")
        assert reads_people(statements) == []
        assert from_kept.needs == fresh.needs
        assert [(p.id, n) for p, n, _ in from_kept.parts] == [(p.id, n) for p, n, _ in fresh.parts]
        assert queries.open_tables(district.today) == _fresh_open_tables(app, district)


def _fresh_open_tables(app, district):
    app.config["EVIDENCE_SNAPSHOT_SECONDS"] = 0
    return queries.open_tables(district.today)


def test_a_change_shows_after_the_next_count(app, district, kept):
    with app.app_context():
        refresh_snapshot(district.today)
        db.session.commit()
        region = queries.get_region(district.ids.district)
        before = queries.build_evidence(region, district.today, "de").needs.housing
        person(db.session.merge(region.children[0]), district.today, goals=["housing"])
        db.session.commit()
        assert queries.build_evidence(region, district.today, "de").needs.housing == before
        assert refresh_needs.delay().get() >= 3  # the task, run eagerly here
        assert queries.build_evidence(region, district.today, "de").needs.housing == before + 1


def test_without_any_kept_counts_the_pages_count_afresh(app, district, kept):
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NeedsSnapshot)) == 0
        region = queries.get_region(district.ids.district)
        assert queries.build_evidence(region, district.today, "de").needs.housing == 11


def test_the_command_counts_every_region(app, district):
    result = app.test_cli_runner().invoke(args=["count-needs"])
    with app.app_context():
        kept = db.session.scalar(select(func.count()).select_from(NeedsSnapshot))
    assert result.exit_code == 0, result.output
    assert f"Needs counted in {kept} regions." in result.output
    assert kept >= 3


def test_each_count_is_read_once_per_process(app, district, kept):
    with app.app_context():
        refresh_snapshot(district.today)
        db.session.commit()
        region = queries.get_region(district.ids.district)
        first = queries.build_evidence(region, district.today, "de")
        with recorded(db.engine) as again:
            second = queries.build_evidence(region, district.today, "de")
        assert second.needs == first.needs
        assert not any("needs_snapshot.tally" in s for s, _ in again.sent)  # only asked: newer?
        refresh_snapshot(district.today)
        db.session.commit()
        with recorded(db.engine) as after_count:
            queries.build_evidence(region, district.today, "de")
        assert any("needs_snapshot.tally" in s for s, _ in after_count.sent)
