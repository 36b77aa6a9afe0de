"""The progress report's pieces: the timeline of a person's path and the language-level chart.

Labels stay lazy (``_l``) until a template prints them, so one timeline renders in whichever
locale is forced at that moment (German, then the person's language).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.casefile.documents.queries import GoalLine, current_rows, language_results
from app.casefile.models import (
    CaseFile,
    CourseEntry,
    LanguageTestResult,
    Qualification,
    RecognitionEntry,
    ResidenceObligationEntry,
    StatusEntry,
    WorkPermissionEntry,
)
from app.casefile.models.goals import GOAL_STATUS_LABELS
from app.casefile.models.learning import (
    COURSE_LABELS,
    COURSE_STATUS_LABELS,
    QUALIFICATION_KIND_LABELS,
    RECOGNITION_LABELS,
)
from app.casefile.models.status import lifecycle_label
from app.core.i18n import current_locale
from app.extensions import db
from app.profiles.models import RIGHT_TO_WORK_LABELS, LanguageLevel
from app.profiles.options import country_name

CEFR = [level.value for level in LanguageLevel if level is not LanguageLevel.NATIVE]


@dataclass(frozen=True)
class Event:
    """One dated step: what kind of step, and its parts (lazy labels or recorded text)."""

    on: date
    kind: Any
    parts: tuple[Any, ...]
    note: str | None = None
    year_only: bool = False  # a qualification known only by its year


def country_in_locale(code: str) -> LazyString:
    """The country's name in whichever language the template is rendered."""
    return LazyString(lambda: country_name(code, current_locale()))


def _status_events(case_file_id: int) -> Iterator[Event]:
    case_file = db.session.get(CaseFile, case_file_id)
    gender = case_file.person.gender if case_file else None
    for entry in current_rows(StatusEntry, case_file_id):
        label = lifecycle_label(entry.status, gender)
        yield Event(entry.since, _l("Residence status"), (label,), entry.note)
    for work in current_rows(WorkPermissionEntry, case_file_id):
        yield Event(work.since, _l("Right to work"), (RIGHT_TO_WORK_LABELS[work.right_to_work],))
    for obligation in current_rows(ResidenceObligationEntry, case_file_id):
        place = obligation.region.name if obligation.region else _l("no residence obligation")
        yield Event(obligation.since, _l("Residence obligation"), (place,), obligation.note)


def _learning_events(case_file_id: int) -> Iterator[Event]:
    for course in current_rows(CourseEntry, case_file_id):
        parts = (COURSE_LABELS[course.course], COURSE_STATUS_LABELS[course.status])
        start = course.started_on or course.recorded_at.date()
        yield Event(
            start, _l("Language course"), parts + ((course.provider,) if course.provider else ())
        )
        if course.ended_on:
            yield Event(course.ended_on, _l("Language course ended"), parts)
    for result in current_rows(LanguageTestResult, case_file_id):
        yield Event(result.taken_on, _l("Language test"), (result.test_name, result.level))


def _qualification_events(case_file_id: int) -> Iterator[Event]:
    qualifications = current_rows(Qualification, case_file_id)
    titles = {q.id: q.title for q in qualifications}
    for qualification in qualifications:
        year = qualification.year
        on = date(year, 1, 1) if year else qualification.recorded_at.date()
        parts = (
            qualification.title,
            QUALIFICATION_KIND_LABELS[qualification.kind],
            country_in_locale(qualification.country),
        )
        yield Event(on, _l("Qualification"), parts, year_only=bool(year))
    for entry in current_rows(RecognitionEntry, case_file_id):
        title = titles.get(entry.qualification_id, entry.qualification.title)
        yield Event(entry.since, _l("Recognition"), (title, RECOGNITION_LABELS[entry.status]))


def _goal_events(goals: Iterable[GoalLine]) -> Iterator[Event]:
    for line in goals:
        if line.goal.agreed_on:
            yield Event(line.goal.agreed_on, _l("Goal agreed"), (line.goal.title,))
        for entry in line.history:
            parts = (line.goal.title, GOAL_STATUS_LABELS[entry.status])
            yield Event(entry.since, _l("Goal"), parts, entry.note)


def timeline(case_file_id: int, goals: list[GoalLine]) -> list[Event]:
    """Every dated step of the path, oldest first."""
    events = [
        *_status_events(case_file_id),
        *_learning_events(case_file_id),
        *_qualification_events(case_file_id),
        *_goal_events(goals),
    ]
    return sorted(events, key=lambda event: event.on)


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    level: str
    on: date
    test_name: str


@dataclass(frozen=True)
class LevelChart:
    """Geometry of the German-level chart, laid out left to right (mirrored for RTL)."""

    width: int
    height: int
    points: list[ChartPoint]
    ticks: list[tuple[float, str]]  # (y, CEFR level)
    plot_start: int  # x where the grid lines start and end
    plot_end: int
    label_x: int  # x of the level labels: on the left, or on the right when mirrored
    label_anchor: str
    date_y: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


def level_chart(case_file_id: int, rtl: bool = False, width: int = 480) -> LevelChart | None:
    """German test results over time as points on a CEFR scale; None without a result."""
    results = [r for r in language_results(case_file_id) if r.level in CEFR]
    if not results:
        return None
    height, top, bottom, axis, inset = 200, 12, 44, 30, 30
    row = (height - top - bottom) / (len(CEFR) - 1)
    first, last = results[0].taken_on, results[-1].taken_on
    span = max((last - first).days, 1)
    usable = width - axis - 2 * inset

    def x_of(day: date) -> float:
        share = (day - first).days / span if last != first else 0.5
        offset = axis + inset + share * usable
        return round(width - offset if rtl else offset, 1)

    def y_of(level: str) -> float:
        return round(height - bottom - CEFR.index(level) * row, 1)

    points = [
        ChartPoint(x_of(r.taken_on), y_of(r.level), r.level, r.taken_on, r.test_name)
        for r in results
    ]
    ticks = [(y_of(level), level) for level in CEFR]
    plot = (0, width - axis) if rtl else (axis, width)
    label_x, anchor = (width - 4, "end") if rtl else (4, "start")
    return LevelChart(width, height, points, ticks, *plot, label_x, anchor, height - 24)
