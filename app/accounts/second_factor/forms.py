"""Second-factor forms: a code from the app (or a recovery code), and an administrator's reset."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.accounts.forms import REQUIRED, email_field
from app.core.forms import AppForm


class CodeForm(AppForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(message=REQUIRED), Length(max=20)],
        description=_l("The six digits your authenticator app shows now, or a recovery code."),
    )


class EnrolForm(AppForm):
    code = StringField(
        _l("Code"),
        validators=[DataRequired(message=REQUIRED), Length(max=20)],
        description=_l("The six digits your authenticator app shows after adding Brücke."),
    )


class ResetForm(AppForm):
    email = email_field()
