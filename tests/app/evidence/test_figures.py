"""The dashboard's figures against the hand-made district with known counts."""

from __future__ import annotations

import csv
import io

from app.evidence import queries


def evidence(app, region_id, today):
    with app.app_context():
        return queries.build_evidence(queries.get_region(region_id), today, "de")


def test_german_course_needs_by_level_against_newest_places(app, district):
    rows = {r.key: r for r in evidence(app, district.ids.district, district.today).language_rows()}
    assert {k: r.need for k, r in rows.items()} == {"A1": 3, "A2": 2, "B1": 0, "B2": 0, "C1": 1}
    assert rows["A1"].recorded == 10  # Bramsche's newest 4 and Melle's 6
    assert rows["A1"].gap == -7


def test_children_by_age_and_places(app, district):
    result = evidence(app, district.ids.district, district.today)
    assert dict(result.needs.child_ages) == {2: 1, 4: 1, 7: 1, 12: 1, 16: 1}
    rows = {r.key: r for r in result.place_rows()}
    assert (rows["daycare"].need, rows["daycare"].recorded) == (2, 1)
    assert (rows["school"].need, rows["school"].recorded) == (3, 0)
    assert rows["housing"].need == 11


def test_jobs_by_occupation_and_offers(app, district):
    result = evidence(app, district.ids.district, district.today)
    assert dict(result.job_rows()) == {"Schneider/in": 2, "Koch/Köchin": 1}
    assert {r.key: r.offered for r in result.place_rows()}["job"] == 0  # drafts do not count


def test_mentor_waits_and_offered_places(app, district):
    result = evidence(app, district.ids.district, district.today)
    assert result.needs.mentor == 3  # waiting 10, 50 and 100 days
    assert dict(result.wait_rows()) == {30: 1, 90: 1, 180: 1, 365: 0, 0: 0}
    assert {r.key: r.offered for r in result.place_rows()}["mentor"] == 2


def test_matches_per_month_and_time_to_match(app, district):
    result = evidence(app, district.ids.district, district.today)
    assert sum(n for _, n in result.matched_per_month) == 2
    assert len(result.matched_per_month) == 12
    assert result.median_days_to_match == 30


def test_each_municipality_counts_its_own(app, district):
    result = evidence(app, district.ids.district, district.today)
    parts = {region.name: (needs, recorded) for region, needs, recorded in result.parts}
    assert parts["Melle"][0].housing == 7 and parts["Quakenbrück"][0].housing == 1
    assert parts["Bramsche"][1] == {"language_course_A1": 4, "daycare": 1}
    melle = evidence(app, district.ids.m, district.today)
    assert melle.needs.housing == 7 and melle.recorded == {"language_course_A1": 6}


def test_csv_export(client, login, district):
    login(district.coordinator)
    response = client.get(f"/evidence/{district.ids.district}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["region", "section", "item", "need", "recorded", "offered"]
    assert ["Landkreis Test", "german_course", "A1", "3", "10", ""] in rows
    assert ["Landkreis Test", "places", "daycare", "2", "1", ""] in rows
    assert ["Melle", "municipality", "housing", "7", "", ""] in rows


def test_dashboard_page_shows_tables_and_charts(client, login, district):
    login(district.coordinator)
    page = client.get(f"/evidence/{district.ids.district}").get_data(as_text=True)
    assert page.count("<svg") == 5
    assert 'data-region="Quakenbrück"' in page and "tailor" in page


def test_dashboard_in_arabic_mirrors_the_charts(client, build, login, district):
    login(district.coordinator)
    client.post("/language", data={"locale": "ar", "next": "/"})
    page = client.get(f"/evidence/{district.ids.district}").get_data(as_text=True)
    assert 'dir="rtl"' in page and 'text-anchor="end"' in page
