"""The capacity form; every label and message is translatable."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, ValidationError

from app.core.forms import AppForm, choices
from app.evidence.models import CAPACITY_KIND_LABELS, MAX_PLACES


def optional_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class CapacityForm(AppForm):
    region = SelectField(_l("Region"), coerce=optional_int)
    kind = SelectField(_l("Kind of places"), choices=choices(CAPACITY_KIND_LABELS.items()))
    places = IntegerField(
        _l("Free places"),
        validators=[
            InputRequired(_l("Please enter a number.")),
            NumberRange(
                min=0, max=MAX_PLACES, message=_l("Please enter a number from 0 to 100,000.")
            ),
        ],
    )
    recorded_on = DateField(
        _l("Counted on"), validators=[InputRequired(_l("Please enter the day of the count."))]
    )
    note = StringField(_l("Note"), validators=[Length(max=300)])

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_recorded_on(self, field: DateField) -> None:
        if field.data and field.data > self.today:
            raise ValidationError(_l("The day of the count cannot be in the future."))
