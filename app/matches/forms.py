"""Forms of the matches package; every label and message is translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.core.forms import AppForm, choices

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
