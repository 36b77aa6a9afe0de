"""Forms for erasure (the person confirms with their password; a coordinator gives a reason)
and for asking for a PDF of the data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from app.core.forms import AppForm
from app.core.i18n import LOCALES

REQUIRED = _l("Please fill in this field.")
CONFIRM = _l("Please confirm that you want to delete.")


class EraseOwnForm(AppForm):
    password = PasswordField(_l("Your password"), validators=[InputRequired(message=REQUIRED)])
    confirm = BooleanField(
        _l("I want to delete my account and all my data for good."),
        validators=[DataRequired(message=CONFIRM)],
    )


class EraseOnBehalfForm(AppForm):
    reason = TextAreaField(
        _l("Reason"),
        description=_l(
            'Why the data is erased, e.g. "the person asked on the phone on 2026-11-20". '
            "Do not write the person's name: the reason is kept."
        ),
        validators=[DataRequired(message=REQUIRED), Length(min=5, max=1000)],
    )
    confirm = BooleanField(
        _l("I erase this person's data for good."), validators=[DataRequired(message=CONFIRM)]
    )


class PdfOnBehalfForm(AppForm):
    """A coordinator asks for the PDF in the language the person reads."""

    locale = HiddenField(validators=[AnyOf(list(LOCALES))])
