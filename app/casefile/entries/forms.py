"""One form per kind of case-file entry. Forms that refer to another entry (a recognition to its
qualification, a goal status to its goal) offer only the current, visible entries as choices."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.casefile.models.access import PURPOSE_LABELS
from app.casefile.models.goals import GOAL_STATUS_LABELS, MEASURE_STATUS_LABELS
from app.casefile.models.learning import (
    COURSE_LABELS,
    COURSE_STATUS_LABELS,
    QUALIFICATION_KIND_LABELS,
    RECOGNITION_LABELS,
)
from app.casefile.models.status import LIFECYCLE_LABELS
from app.core.forms import AppForm, choices
from app.core.i18n import current_locale, language_name
from app.profiles.models import LEVEL_LABELS, RIGHT_TO_WORK_LABELS, LanguageLevel
from app.profiles.options import LANGUAGE_CODES, ORIGIN_COUNTRIES, country_name

REQUIRED = _l("Please fill in this field.")
NOTE = _l("Note")
OLDEST_YEAR, LATEST_YEAR = 1940, 2100


def optional_int(value: object) -> int | None:
    return int(value) if value not in (None, "", "None") else None  # type: ignore[call-overload]


def labelled(labels: dict[Any, Any]) -> list[Any]:
    return choices((key.value, label) for key, label in labels.items())


def note_field() -> StringField:
    return StringField(NOTE, validators=[Optional(), Length(max=500)])


def required_date(label: Any) -> DateField:
    return DateField(label, validators=[InputRequired(REQUIRED)])


class EntryForm(AppForm):
    """Checks across fields: an end is not before its start."""

    START_END: tuple[str, str] | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.START_END:
            start, end = (getattr(self, name) for name in self.START_END)
            if start.data and end.data and end.data < start.data:
                end.errors.append(_l("This date lies before the start."))
                return False
        return valid


class StatusForm(EntryForm):
    status = SelectField(_l("Status"), choices=labelled(LIFECYCLE_LABELS))
    since = required_date(_l("Since"))
    note = note_field()


class ResidenceForm(EntryForm):
    START_END = ("since", "until")
    region_id = SelectField(_l("Must live in"), coerce=optional_int, validate_choice=True)
    since = required_date(_l("Since"))
    until = DateField(_l("Until"), validators=[Optional()])
    note = note_field()


class WorkForm(EntryForm):
    right_to_work = SelectField(_l("Right to work"), choices=labelled(RIGHT_TO_WORK_LABELS))
    since = required_date(_l("Since"))
    note = note_field()


def country_choices() -> list[Any]:
    locale = current_locale()
    codes = sorted({*ORIGIN_COUNTRIES, "DE"}, key=lambda code: country_name(code, locale))
    return choices((code, country_name(code, locale)) for code in codes)


class QualificationForm(EntryForm):
    kind = SelectField(_l("Kind"), choices=labelled(QUALIFICATION_KIND_LABELS))
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=200)])
    country = SelectField(_l("Country where it was obtained"))
    year = IntegerField(
        _l("Year"), validators=[Optional(), NumberRange(min=OLDEST_YEAR, max=LATEST_YEAR)]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices()


class RecognitionForm(EntryForm):
    qualification_id = SelectField(_l("Qualification"), coerce=optional_int)
    status = SelectField(_l("Recognition"), choices=labelled(RECOGNITION_LABELS))
    since = required_date(_l("Since"))
    authority = StringField(_l("Authority"), validators=[Optional(), Length(max=200)])
    note = note_field()


class CourseForm(EntryForm):
    START_END = ("started_on", "ended_on")
    course = SelectField(_l("Course"), choices=labelled(COURSE_LABELS))
    provider = StringField(_l("Provider"), validators=[Optional(), Length(max=200)])
    started_on = DateField(_l("Started on"), validators=[Optional()])
    ended_on = DateField(_l("Ended on"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=labelled(COURSE_STATUS_LABELS))


CEFR_LEVELS = {level: LEVEL_LABELS[level] for level in LanguageLevel if level.value != "native"}


class LanguageTestForm(EntryForm):
    language = SelectField(_l("Language"), default="de")
    test_name = StringField(
        _l("Test"),
        description=_l("For example DTZ, telc or Goethe"),
        validators=[DataRequired(REQUIRED), Length(max=60)],
    )
    level = SelectField(_l("Level reached"), choices=labelled(CEFR_LEVELS))
    taken_on = required_date(_l("Taken on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locale = current_locale()
        self.language.choices = choices((c, language_name(c, locale)) for c in LANGUAGE_CODES)


class GoalForm(EntryForm):
    category = SelectField(_l("Kind of goal"))
    title = StringField(_l("Goal"), validators=[DataRequired(REQUIRED), Length(max=200)])
    agreed_on = DateField(_l("Part of the integration agreement since"), validators=[Optional()])


class GoalStatusForm(EntryForm):
    goal_id = SelectField(_l("Goal"), coerce=optional_int)
    status = SelectField(_l("Status"), choices=labelled(GOAL_STATUS_LABELS))
    since = required_date(_l("Since"))
    note = note_field()


class MeasureForm(EntryForm):
    goal_id = SelectField(_l("Goal"), coerce=optional_int)
    description = StringField(_l("Measure"), validators=[DataRequired(REQUIRED), Length(max=500)])
    responsible_organisation_id = SelectField(_l("Responsible organisation"), coerce=optional_int)
    due_on = DateField(_l("Due on"), validators=[Optional()])


class MeasureStatusForm(EntryForm):
    measure_id = SelectField(_l("Measure"), coerce=optional_int)
    status = SelectField(_l("Status"), choices=labelled(MEASURE_STATUS_LABELS))
    since = required_date(_l("Since"))
    note = note_field()


class NoteForm(EntryForm):
    text = TextAreaField(_l("Note"), validators=[DataRequired(REQUIRED), Length(max=5000)])
    purpose = SelectField(_l("Purpose"), description=_l("Who may read the note"))


class GrantForm(AppForm):
    organisation_id = SelectField(_l("Organisation"), coerce=optional_int)
    purpose = SelectField(_l("Purpose"), choices=labelled(PURPOSE_LABELS))
    note = StringField(
        _l("Note"),
        description=_l('For example "signed paper form of 20 November"'),
        validators=[Optional(), Length(max=500)],
    )


class OnBehalfGrantForm(GrantForm):
    note = StringField(
        _l("How the person agreed"),
        description=_l('For example "signed paper form of 20 November"'),
        validators=[DataRequired(REQUIRED), Length(max=500)],
    )
    named_reason = StringField(
        _l("Why the person named this organisation"),
        description=_l("Needed when the consent is for another organisation than yours."),
        validators=[Optional(), Length(max=500)],
    )


class WithdrawForm(AppForm):
    note = StringField(_l("Note"), validators=[Optional(), Length(max=500)])
