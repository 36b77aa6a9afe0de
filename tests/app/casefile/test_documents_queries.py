"""What the documents read from the history: only current rows, corrections followed, status
entries of an older version kept with the version that replaced it, matches of either side."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.casefile.documents.queries import list_goal_lines, list_match_lines
from app.casefile.documents.timeline import level_chart, timeline
from app.casefile.models import CaseGoal, GoalStatusEntry, Measure
from app.extensions import db
from tests.app.casefile.document_world import GOAL_JOB, build_document_world
from tests.app.offers.builders import OfferBuilders


@pytest.fixture
def docs(app, build):
    return build_document_world(app, build, OfferBuilders(app, build), locale="uk")


def test_a_corrected_goal_appears_once_with_its_history_and_measures(app, docs):
    with app.app_context():
        old = db.session.scalar(select(CaseGoal).filter_by(title=GOAL_JOB))
        new = CaseGoal(
            case_file_id=old.case_file_id,
            category="job",
            title="Arbeit als Elektronikerin finden",
            agreed_on=old.agreed_on,
            supersedes_id=old.id,
        )
        db.session.add(new)
        db.session.flush()
        db.session.add(
            GoalStatusEntry(
                case_file_id=old.case_file_id, goal_id=new.id, status="met", since=date(2026, 3, 1)
            )
        )
        db.session.commit()
        lines = {line.goal.title: line for line in list_goal_lines(old.case_file_id, True)}
    assert GOAL_JOB not in lines
    corrected = lines["Arbeit als Elektronikerin finden"]
    assert [entry.status for entry in corrected.history] == ["in_progress", "met"]
    assert corrected.status == "met"
    assert [item.measure.description for item in corrected.measures] == [
        "Anerkennung bei der HWK beantragen"
    ]


def test_a_corrected_measure_replaces_the_old_one(app, docs):
    with app.app_context():
        old = db.session.scalar(select(Measure).filter_by(due_on=date(2026, 12, 31)))
        fields = {"case_file_id": old.case_file_id, "goal_id": old.goal_id}
        db.session.add(
            Measure(description="Neu", due_on=date(2026, 6, 30), supersedes_id=old.id, **fields)
        )
        db.session.commit()
        [job] = [line for line in list_goal_lines(old.case_file_id) if line.goal.title == GOAL_JOB]
    assert [item.measure.description for item in job.measures] == ["Neu"]


def test_timeline_chart_and_matches(app, docs):
    with app.app_context():
        goals = list_goal_lines(docs.case_file.id)
        events = timeline(docs.case_file.id, goals)
        chart = level_chart(docs.case_file.id)
        mirrored = level_chart(docs.case_file.id, rtl=True)
        matches = list_match_lines(docs.person.id)
    assert [event.on for event in events] == sorted(event.on for event in events)
    assert [point.level for point in chart.points] == ["A1", "A2", "B1"]
    assert chart.points[0].x < chart.points[-1].x and chart.points[0].y > chart.points[-1].y
    assert mirrored.points[0].x > mirrored.points[-1].x  # time runs right to left in RTL
    [match] = matches
    assert match.as_seeker and [rating.stars for rating in match.ratings] == [5]
