"""Forms of the matches package; every label and message is translatable."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.core.forms import AppForm, choices
from app.matches.models import ANSWER_CHANNEL_LABELS, ANSWERED_BY_LABELS

AIM_BEST, AIM_STABLE = "best", "stable"


class StartRoundForm(AppForm):
    region_id = SelectField(_l("District"), coerce=int, validators=[InputRequired()])
    aim = RadioField(
        _l("What the round aims for"),
        choices=[
            (AIM_BEST, _l("Best total: the most value over all proposals")),
            (
                AIM_STABLE,
                _l("Stable: no person and offer who would both rather have each other"),
            ),
        ],
        # A form sent without the field (an older page, a script) aims for the best total.
        default=AIM_BEST,
        description=_l(
            "With the best total, some people and offers may be passed over for a pair the "
            "offer values less (blocking pairs). A stable round leaves none, but usually gives "
            "up a few percent of the total value and a few matches; the round page shows the "
            "exact price."
        ),
    )


class RejectForm(AppForm):
    reason = StringField(
        _l("Why does this pair not fit?"),
        validators=[DataRequired(message=_l("Please give a reason.")), Length(max=500)],
        description=_l("The pair will not be proposed again."),
    )


class ReplaceForm(AppForm):
    offer_id = SelectField(_l("Another offer"), coerce=int, validators=[InputRequired()])
    reason = StringField(
        _l("Why not the proposed offer?"),
        validators=[DataRequired(message=_l("Please give a reason.")), Length(max=500)],
    )


class ReplaceRequestForm(AppForm):
    request_id = SelectField(_l("Another person"), coerce=int, validators=[InputRequired()])
    reason = StringField(
        _l("Why not the proposed person?"),
        validators=[DataRequired(message=_l("Please give a reason.")), Length(max=500)],
    )


class ManualMatchForm(AppForm):
    request_id = IntegerField(
        _l("Request number"), validators=[InputRequired(), NumberRange(min=1)]
    )
    offer_id = IntegerField(_l("Offer number"), validators=[InputRequired(), NumberRange(min=1)])


class EndForm(AppForm):
    stars = SelectField(
        _l("Your rating"),
        choices=choices([("", _l("no rating")), *[(str(n), f"{n} ★") for n in range(1, 6)]]),
        validators=[Optional()],
    )
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


class AnswerOnBehalfForm(AppForm):
    """The answer a person without an account gave the office, as a coordinator records it."""

    answer = RadioField(
        _l("The answer"),
        choices=choices(
            [("accept", _l("Accepted the match")), ("decline", _l("Declined the match"))]
        ),
        validators=[InputRequired(message=_l("Please choose the answer the person gave."))],
    )
    answered_by = SelectField(
        _l("Who answered"),
        choices=choices((key.value, label) for key, label in ANSWERED_BY_LABELS.items()),
        validators=[InputRequired()],
    )
    channel = SelectField(
        _l("How"),
        choices=choices((key.value, label) for key, label in ANSWER_CHANNEL_LABELS.items()),
        validators=[InputRequired()],
    )
    answered_on = DateField(
        _l("When"),
        validators=[InputRequired(message=_l("Please give the day of the answer."))],
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_answered_on(self, field: DateField) -> None:
        if field.data and field.data > self.today:
            raise ValidationError(_l("The answer cannot have been given after today."))
