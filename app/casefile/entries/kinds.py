"""The kinds of case-file entries: their table, section, form, the entry they hang off, and the
key that decides which purposes see them (a goal's category, a note's purpose)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.fields.core import UnboundField

from app.casefile.access.policy import Section
from app.casefile.entries import forms
from app.casefile.models import (
    CaseGoal,
    CaseNote,
    CourseEntry,
    EntryMixin,
    GoalStatusEntry,
    LanguageTestResult,
    Measure,
    MeasureStatusEntry,
    Qualification,
    RecognitionEntry,
    ResidenceObligationEntry,
    StatusEntry,
    WorkPermissionEntry,
)
from app.core.forms import AppForm
from app.extensions import db


def goal_category(goal_id: int | None) -> str | None:
    goal = db.session.get(CaseGoal, goal_id) if goal_id else None
    return goal.category if goal else None


def measure_category(measure_id: int | None) -> str | None:
    measure = db.session.get(Measure, measure_id) if measure_id else None
    return goal_category(measure.goal_id) if measure else None


@dataclass(frozen=True)
class EntryKind:
    name: str
    model: type[EntryMixin]
    section: Section
    label: Any
    form: type[AppForm]
    # The field naming the entry this one hangs off, and the kind of that entry.
    parent: tuple[str, str] | None = None
    # From the entry's values to its scope key (see policy.OPENS); None: the section as a whole.
    scope_key: Callable[[dict[str, Any]], str | None] = lambda values: None
    # A state that holds from a date on (status, right to work): the overview shows the latest
    # one (per parent entry), the history page all of them.
    dated_state: bool = False

    def values_of(self, entry: EntryMixin) -> dict[str, Any]:
        return {name: getattr(entry, name) for name in self.fields}

    @cached_property
    def fields(self) -> list[str]:
        unbound = {
            name: field
            for name in dir(self.form)
            if isinstance(field := getattr(self.form, name, None), UnboundField)
        }
        return sorted(unbound, key=lambda name: unbound[name].creation_counter)


KINDS: dict[str, EntryKind] = {
    kind.name: kind
    for kind in (
        EntryKind(
            "status", StatusEntry, Section.STATUS, _l("Status"), forms.StatusForm, dated_state=True
        ),
        EntryKind(
            "residence",
            ResidenceObligationEntry,
            Section.RESIDENCE,
            _l("Residence obligation"),
            forms.ResidenceForm,
            dated_state=True,
        ),
        EntryKind(
            "work",
            WorkPermissionEntry,
            Section.WORK,
            _l("Right to work"),
            forms.WorkForm,
            dated_state=True,
        ),
        EntryKind(
            "qualification",
            Qualification,
            Section.QUALIFICATIONS,
            _l("Qualification"),
            forms.QualificationForm,
        ),
        EntryKind(
            "recognition",
            RecognitionEntry,
            Section.QUALIFICATIONS,
            _l("Recognition step"),
            forms.RecognitionForm,
            parent=("qualification_id", "qualification"),
        ),
        EntryKind("course", CourseEntry, Section.LANGUAGES, _l("Course"), forms.CourseForm),
        EntryKind(
            "test",
            LanguageTestResult,
            Section.LANGUAGES,
            _l("Test result"),
            forms.LanguageTestForm,
        ),
        EntryKind(
            "goal",
            CaseGoal,
            Section.GOALS,
            _l("Goal"),
            forms.GoalForm,
            scope_key=lambda values: values.get("category"),
        ),
        EntryKind(
            "goal_status",
            GoalStatusEntry,
            Section.GOALS,
            _l("Goal status"),
            forms.GoalStatusForm,
            dated_state=True,
            parent=("goal_id", "goal"),
            scope_key=lambda values: goal_category(values.get("goal_id")),
        ),
        EntryKind(
            "measure",
            Measure,
            Section.GOALS,
            _l("Measure"),
            forms.MeasureForm,
            parent=("goal_id", "goal"),
            scope_key=lambda values: goal_category(values.get("goal_id")),
        ),
        EntryKind(
            "measure_status",
            MeasureStatusEntry,
            Section.GOALS,
            _l("Measure status"),
            forms.MeasureStatusForm,
            dated_state=True,
            parent=("measure_id", "measure"),
            scope_key=lambda values: measure_category(values.get("measure_id")),
        ),
        EntryKind(
            "note",
            CaseNote,
            Section.NOTES,
            _l("Note"),
            forms.NoteForm,
            scope_key=lambda values: values.get("purpose"),
        ),
    )
}


def kinds_of(section: Section) -> list[EntryKind]:
    return [kind for kind in KINDS.values() if kind.section == section]
