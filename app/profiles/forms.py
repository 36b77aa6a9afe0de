"""Profile forms: about me (place, languages, skills, weekly times), newcomer, helping, on behalf.

Rows that repeat (languages, skills, weekly times) are FieldLists of small sub-forms with a fixed
number of rows, so the page works without JavaScript on any phone; empty rows are ignored.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    DateField,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from app.core.forms import AppForm, AppRowForm, FixedRows, MultiCheckboxField, choices
from app.core.i18n import current_locale, language_name
from app.places.postcodes import lookup
from app.profiles.models import (
    GENDER_LABELS,
    GOAL_LABELS,
    LEVEL_LABELS,
    RIGHT_TO_WORK_LABELS,
    Gender,
)
from app.profiles.options import (
    CERTIFICATE_EXTENSIONS,
    LANGUAGE_CODES,
    ORIGIN_COUNTRIES,
    RESIDENCE_STATUS_LABELS,
    VOLUNTEER_INTEREST_LABELS,
    WEEKDAY_LABELS,
    country_name,
)

REQUIRED = _l("Please fill in this field.")
LANGUAGE_ROWS, SKILL_ROWS = 6, 5
# Times a weekday may hold (morning, afternoon, evening). Row i of the weekly times is weekday
# i % 7, its (i // 7 + 1)-th time: the first seven rows stay Monday to Sunday.
WINDOWS_PER_DAY = 3
OLDEST_BIRTH_YEAR = 1900


def validate_postcode(form: Form, field: StringField) -> None:
    if lookup(field.data or "") is None:
        raise ValidationError(_l("This postcode does not exist in Germany."))


def validate_past_date(form: Form, field: DateField) -> None:
    if field.data and not (date(OLDEST_BIRTH_YEAR, 1, 1) <= field.data <= date.today()):
        raise ValidationError(_l("Please enter a date that is not in the future."))


class LanguageRow(AppRowForm):
    code = SelectField(_l("Language"), validators=[Optional()])
    level = SelectField(_l("Level"), validators=[Optional()])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        locale = current_locale()
        names = sorted((language_name(c, locale), c) for c in LANGUAGE_CODES)
        self.code.choices = choices([("", "–"), *((c, n) for n, c in names)])
        self.level.choices = choices(
            [("", "–"), *((lv.value, lb) for lv, lb in LEVEL_LABELS.items())]
        )

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        if self.code.data and not self.level.data:
            # Optional() ends the level's own checks when it is empty, so the pair is checked here.
            self.level.errors = [
                *self.level.errors,
                _l("Please choose how well you speak this language."),
            ]
            return False
        return valid


class SkillRow(AppRowForm):
    text = StringField(
        _l("Skill or occupation"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "skill-suggestions", "autocomplete": "off"},
    )
    years = IntegerField(
        _l("Years of experience"), validators=[Optional(), NumberRange(min=0, max=60)]
    )


OVERLAP = _l("This time overlaps another time of the same day.")


class WeeklyTimeRow(AppRowForm):
    start = TimeField(_l("From"), validators=[Optional()])
    end = TimeField(_l("Until"), validators=[Optional()])

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)  # type: ignore[arg-type]
        start, end = self.start.data, self.end.data
        problem = None
        if bool(start) != bool(end):
            problem = _l("Please give both times, or none.")
        elif start and end and end <= start:
            problem = _l("The end must be after the start.")
        if problem:
            self.end.errors = [*self.end.errors, problem]
            return False
        return valid


class AboutMeForm(AppForm):
    given_name = StringField(
        _l("Given name"), validators=[DataRequired(message=REQUIRED), Length(max=120)]
    )
    family_name = StringField(
        _l("Family name"), validators=[DataRequired(message=REQUIRED), Length(max=120)]
    )
    gender = SelectField(
        _l("Gender"), choices=choices(GENDER_LABELS.items()), default=Gender.UNSPECIFIED.value
    )
    date_of_birth = DateField(_l("Date of birth"), validators=[Optional(), validate_past_date])
    phone = StringField(
        _l("Phone (optional)"),
        validators=[
            Optional(),
            Length(max=40),
            Regexp(r"^\+?[0-9 ()/-]{5,}$", message=_l("Please enter a phone number with digits.")),
        ],
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[DataRequired(message=REQUIRED), validate_postcode],
        render_kw={"inputmode": "numeric", "autocomplete": "postal-code"},
    )
    max_km = IntegerField(
        _l("How far can you travel? (km)"), validators=[Optional(), NumberRange(min=1, max=200)]
    )
    languages = FixedRows(
        FormField(LanguageRow), min_entries=LANGUAGE_ROWS, max_entries=LANGUAGE_ROWS
    )
    skills = FixedRows(FormField(SkillRow), min_entries=SKILL_ROWS, max_entries=SKILL_ROWS)
    weekly = FixedRows(
        FormField(WeeklyTimeRow), min_entries=7 * WINDOWS_PER_DAY, max_entries=7 * WINDOWS_PER_DAY
    )

    def validate_languages(self, field: FixedRows) -> None:
        codes = [row.form.code.data for row in field if row.form.code.data]
        if not codes:
            raise ValidationError(_l("Please name at least one language you speak."))
        if len(codes) != len(set(codes)):
            raise ValidationError(_l("Each language only once, please."))

    def validate_weekly(self, field: FixedRows) -> None:
        """Two times of one day must not overlap (touching is fine: 9–12 and 12–14)."""
        for day in range(7):
            rows = [field[day + 7 * window].form for window in range(WINDOWS_PER_DAY)]
            given = [r for r in rows if r.start.data and r.end.data and r.start.data < r.end.data]
            given.sort(key=lambda r: r.start.data)
            for earlier, later in pairwise(given):
                if later.start.data < earlier.end.data:
                    later.end.errors = [*later.end.errors, OVERLAP]
                    raise ValidationError(OVERLAP)

    def weekday_labels(self) -> list[object]:
        return list(WEEKDAY_LABELS)

    def days(self) -> list[tuple[object, list[object]]]:
        """Each weekday's label with its rows of times, Monday first."""
        rows = list(self.weekly)
        return [
            (label, [rows[day + 7 * window] for window in range(WINDOWS_PER_DAY)])
            for day, label in enumerate(WEEKDAY_LABELS)
        ]


class NewcomerForm(AppForm):
    origin_country = SelectField(_l("Country of origin"), validators=[Optional()])
    arrival_date = DateField(
        _l("Arrived in Germany on"), validators=[Optional(), validate_past_date]
    )
    residence_status = SelectField(
        _l("Residence status"),
        validators=[Optional()],
        choices=choices([("", "–"), *RESIDENCE_STATUS_LABELS.items()]),
    )
    right_to_work = SelectField(_l("Right to work"), choices=choices(RIGHT_TO_WORK_LABELS.items()))
    former_occupation = StringField(
        _l("Your occupation before"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "skill-suggestions", "autocomplete": "off"},
    )
    goals = MultiCheckboxField(
        _l("What do you want to reach?"), choices=choices(GOAL_LABELS.items())
    )
    goals_text = TextAreaField(
        _l("In your own words (optional)"), validators=[Optional(), Length(max=2000)]
    )
    preferred_mentor_gender = SelectField(
        _l("I would like a mentor who is"),
        choices=choices(
            [("", _l("no preference")), ("female", _l("a woman")), ("male", _l("a man"))]
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        locale = current_locale()
        named = sorted((country_name(c, locale), c) for c in ORIGIN_COUNTRIES)
        self.origin_country.choices = choices([("", "–"), *((c, n) for n, c in named)])


class HelpingForm(AppForm):
    interests = MultiCheckboxField(
        _l("I would like to help with"), choices=choices(VOLUNTEER_INTEREST_LABELS.items())
    )
    hours_per_week = IntegerField(
        _l("Hours per week"), validators=[Optional(), NumberRange(min=1, max=40)]
    )
    tandem_capacity = IntegerField(
        _l("How many tandems can you take as a mentor?"),
        validators=[Optional(), NumberRange(min=0, max=10)],
        description=_l("Only for mentors. 0 pauses your mentoring offer."),
    )
    certificate_issued_on = DateField(
        _l("Date of your extended certificate of good conduct"),
        validators=[Optional(), validate_past_date],
        description=_l("Needed to mentor young people under 18. A coordinator checks it."),
    )
    certificate_file = FileField(
        _l("Scan or photo of the certificate (PDF, JPG or PNG, at most 5 MB)"),
        validators=[
            FileAllowed(sorted(CERTIFICATE_EXTENSIONS), _l("Please upload a PDF, JPG or PNG file."))
        ],
    )

    def validate_certificate_issued_on(self, field: DateField) -> None:
        if field.data and field.data < date.today() - timedelta(days=5 * 365):
            raise ValidationError(
                _l("This certificate is older than five years. Please apply for a new one.")
            )


class NewPersonForm(AboutMeForm):
    """A coordinator keeps a profile for a newcomer who has no account yet."""

    consent = BooleanField(
        _l(
            "The person has agreed that we keep this profile and use it to find offers, "
            "mentors and jobs for them."
        ),
        validators=[
            DataRequired(message=_l("Without the person's consent no profile may be kept."))
        ],
    )
    consent_note = StringField(
        _l("How was the consent given?"),
        validators=[DataRequired(message=REQUIRED), Length(max=500)],
        description=_l("For example: signed form in the counselling session on 12 March."),
    )


class CertificateCheckForm(AppForm):
    valid_until = DateField(_l("Valid until"), validators=[InputRequired(message=REQUIRED)])

    def validate_valid_until(self, field: DateField) -> None:
        if field.data and field.data <= date.today():
            raise ValidationError(_l("The date must lie in the future."))
