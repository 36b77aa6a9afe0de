"""Offer, slot, request and search forms; every label and message is translatable."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
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
    ValidationError,
)

from app.core.clock import local_today
from app.core.forms import AppForm, MultiCheckboxField, choices
from app.offers.models import (
    EMPLOYMENT_KINDS,
    MEETING_MODE_LABELS,
    OFFER_KIND_LABELS,
    MeetingMode,
    RequestKind,
)
from app.places.postcodes import lookup

REQUIRED = _l("Please fill in this field.")
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
MAX_CAPACITY = 500
# Languages offered in the wish lists and the search filter: the platform's languages and those
# most often spoken by newcomers in the district.
LANGUAGE_CODES = ("de", "en", "ar", "fa", "prs", "ps", "uk", "ru", "tr", "kmr", "ti", "so", "fr")


def postcode_problem(text: str) -> str | None:
    if lookup(text or "") is None:
        return str(
            _l("We do not know this postcode. Please enter a German postcode with five digits.")
        )
    return None


def validate_postcode_field(form: Any, field: StringField) -> None:
    if field.data and (problem := postcode_problem(field.data)):
        raise ValidationError(problem)


def language_choices(locale: str, empty_label: Any | None = None) -> list[Any]:
    from app.core.i18n import language_name

    named = sorted(((c, language_name(c, locale)) for c in LANGUAGE_CODES), key=lambda p: p[1])
    return choices(([("", empty_label)] if empty_label else []) + named)


class OfferForm(AppForm):
    """An employer's job, apprenticeship or internship offer."""

    kind = SelectField(
        _l("Kind of offer"),
        choices=choices((k.value, OFFER_KIND_LABELS[k]) for k in EMPLOYMENT_KINDS),
        validators=[InputRequired(message=REQUIRED)],
    )
    title = StringField(
        _l("Job title"),
        validators=[DataRequired(message=REQUIRED), Length(max=200)],
        description=_l("In your own words, e.g. “Kitchen help” or “Electrician”."),
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    skills = StringField(
        _l("Required skills"),
        validators=[Optional(), Length(max=1000)],
        description=_l("Separated by commas, e.g. “welding, forklift licence”."),
        # Type-ahead from the skills taxonomy (templates/profiles/_skill_datalist.html), for the
        # part after the last comma.
        render_kw={"list": "skill-suggestions", "autocomplete": "off", "data-separator": ","},
    )
    min_german = SelectField(
        _l("Minimum German level"),
        choices=choices([("", _l("No German needed")), *((lv, lv) for lv in CEFR_LEVELS)]),
        validate_choice=False,  # checked below, with a clearer message than "Not a valid choice"
    )
    capacity = IntegerField(
        _l("Openings"),
        default=1,
        validators=[
            InputRequired(message=REQUIRED),
            NumberRange(
                min=1,
                max=MAX_CAPACITY,
                message=_l("Please enter between %(min)s and %(max)s openings."),
            ),
        ],
    )
    postcode = StringField(
        _l("Postcode of the workplace"),
        validators=[DataRequired(message=REQUIRED), validate_postcode_field],
    )
    hours_per_week = FloatField(
        _l("Hours per week"),
        validators=[
            InputRequired(message=REQUIRED),
            NumberRange(
                min=1, max=60, message=_l("Please enter between %(min)s and %(max)s hours.")
            ),
        ],
    )
    interpreter_available = BooleanField(_l("An interpreter is available"))
    valid_until = DateField(_l("Open until"), validators=[Optional()])

    def validate_valid_until(self, field: DateField) -> None:
        # An offer that ends before it is saved could never be published or found.
        if field.data and field.data < local_today():
            raise ValidationError(
                _l("This date has passed. Please choose today or a later day, or leave it empty.")
            )

    def validate_min_german(self, field: SelectField) -> None:
        if field.data and field.data not in CEFR_LEVELS:
            raise ValidationError(
                _l("Please choose a German level from A1 to C2, or “No German needed”.")
            )


class AdviceOfferForm(AppForm):
    """A start-up adviser's consultation offer; the concrete appointments are added after."""

    title = StringField(
        _l("Title"),
        validators=[DataRequired(message=REQUIRED), Length(max=200)],
        description=_l("e.g. “Start-up consultation”."),
    )
    topics = StringField(
        _l("Topics"),
        validators=[DataRequired(message=REQUIRED), Length(max=1000)],
        description=_l("Separated by commas, e.g. “business plan, registering a business”."),
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000)])
    meeting_mode = SelectField(
        _l("Where"),
        choices=choices((m.value, MEETING_MODE_LABELS[m]) for m in MeetingMode),
        validators=[InputRequired(message=REQUIRED)],
    )
    postcode = StringField(
        _l("Postcode of the place"),
        validators=[validate_postcode_field],
        description=_l("Needed for consultations in person."),
    )

    def validate_postcode(self, field: StringField) -> None:
        if self.meeting_mode.data == MeetingMode.IN_PERSON and not (field.data or "").strip():
            raise ValidationError(_l("Please enter the postcode of the place."))


class SlotsForm(AppForm):
    """Consecutive appointments on one day, in local (German) time."""

    day = DateField(_l("Day"), validators=[InputRequired(message=REQUIRED)])
    start = TimeField(_l("First appointment starts at"), validators=[InputRequired(REQUIRED)])
    minutes = IntegerField(
        _l("Minutes per appointment"),
        default=45,
        validators=[
            InputRequired(message=REQUIRED),
            NumberRange(min=15, max=240, message=_l("Between %(min)s and %(max)s minutes.")),
        ],
    )
    count = IntegerField(
        _l("Number of appointments"),
        default=4,
        validators=[
            InputRequired(message=REQUIRED),
            NumberRange(min=1, max=12, message=_l("Between %(min)s and %(max)s appointments.")),
        ],
    )


class BookingForm(AppForm):
    note = TextAreaField(
        _l("What would you like to talk about?"),
        validators=[Optional(), Length(max=500)],
        description=_l("Optional. The adviser reads this before the appointment."),
    )


class ConfirmForm(AppForm):
    """A button that changes something: only its CSRF token."""


class StatusForm(AppForm):
    status = StringField(validators=[DataRequired()])


class MentorRequestForm(AppForm):
    topic = StringField(
        _l("What should the mentor help you with?"),
        validators=[DataRequired(message=REQUIRED), Length(max=200)],
        description=_l("e.g. “finding an apprenticeship”, “German conversation”, “paperwork”."),
    )
    languages = MultiCheckboxField(
        _l("Languages you would like to speak with your mentor"),
        validators=[Optional()],
    )
    mentor_gender = SelectField(
        _l("Your mentor should be"),
        choices=choices(
            [("", _l("no preference")), ("female", _l("a woman")), ("male", _l("a man"))]
        ),
    )

    def __init__(self, locale: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.languages.choices = language_choices(locale)


class RequestOnBehalfForm(AppForm):
    """What a person kept on behalf asks the office for, recorded by their coordinator."""

    kind = SelectField(
        _l("Kind"),
        choices=choices((k.value, OFFER_KIND_LABELS[k.value]) for k in RequestKind),
        validators=[InputRequired(message=REQUIRED)],
    )
    topic = StringField(_l("Topic"), validators=[Optional(), Length(max=200)])


class SearchForm(AppForm):
    """The filters of the offer search (a GET form: nothing to protect with a token)."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), validators=[Optional()])
    km = IntegerField(
        _l("Within (km)"),
        validators=[
            Optional(),
            NumberRange(min=1, max=200, message=_l("Between %(min)s and %(max)s km.")),
        ],
    )
    postcode = StringField(
        _l("From postcode"),
        validators=[Optional(), validate_postcode_field],
        description=_l("Leave empty to search from the place in your profile."),
    )
    language = SelectField(_l("Language"), validators=[Optional()])
    max_hours = IntegerField(
        _l("At most hours per week"),
        validators=[
            Optional(),
            NumberRange(
                min=1, max=60, message=_l("Please enter between %(min)s and %(max)s hours.")
            ),
        ],
    )

    text = StringField(
        _l("Words"),
        validators=[Optional(), Length(max=100, message=_l("At most %(max)d characters."))],
        description=_l("In the title, the description, the skills or the place."),
    )
    sort = SelectField(
        _l("Order"),
        choices=choices(
            [
                ("", _l("Nearest first, else newest")),
                ("newest", _l("Newest first")),
                ("closest", _l("Nearest first")),
                ("title", _l("By title")),
            ]
        ),
        validators=[Optional()],
    )

    def __init__(self, locale: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind.choices = choices(
            [("", _l("All kinds")), *((k.value, label) for k, label in OFFER_KIND_LABELS.items())]
        )
        self.language.choices = language_choices(locale, _l("Any language"))
