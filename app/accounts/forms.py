"""Account forms; every label and message is translatable."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from app.accounts.passwords import password_problem
from app.core.forms import AppForm, choices
from app.core.i18n import LOCALES
from app.core.permissions import ROLE_LABELS, SELF_SERVICE_ROLES

REQUIRED = _l("Please fill in this field.")
EMAIL_INVALID = _l("Please enter a valid e-mail address.")


def email_field() -> EmailField:
    return EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(message=REQUIRED),
            Email(message=EMAIL_INVALID, check_deliverability=False),
            Length(max=254),
        ],
    )


class NewPasswordMixin:
    """A new password typed twice and checked against the password rules."""

    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=REQUIRED)],
        description=_l("At least 10 characters."),
    )
    password_again = PasswordField(
        _l("Repeat password"),
        validators=[
            InputRequired(message=REQUIRED),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )

    def validate_password(self, field: PasswordField) -> None:
        email = getattr(self, "email", None)
        problem = password_problem(field.data or "", (email.data or "") if email else "")
        if problem:
            raise ValidationError(problem)


class RegistrationForm(NewPasswordMixin, AppForm):
    display_name = StringField(
        _l("Your name"),
        validators=[DataRequired(message=REQUIRED), Length(max=120)],
        description=_l("How others on the platform will see you."),
    )
    email = email_field()
    # No role is chosen in advance: a volunteer who did not open the list would join as a
    # newcomer. The empty first option makes the person choose; the server names what is missing.
    role = SelectField(
        _l("I want to join as"),
        choices=choices(
            [("", _l("Please choose")), *((r.value, ROLE_LABELS[r]) for r in SELF_SERVICE_ROLES)]
        ),
        default="",
        validators=[InputRequired(message=_l("Please choose how you want to join."))],
    )
    accept_privacy = BooleanField(
        _l("I have read the privacy notice and agree that my data is processed for this purpose."),
        validators=[DataRequired(message=_l("Please agree to the privacy notice to register."))],
        description=_l("Read the privacy notice (opens in a new tab)"),
    )


class LoginForm(AppForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[InputRequired(message=REQUIRED)])
    remember = BooleanField(_l("Stay logged in on this device"))


class ForgotPasswordForm(AppForm):
    email = email_field()


class ResetPasswordForm(NewPasswordMixin, AppForm):
    pass


class ChangePasswordForm(NewPasswordMixin, AppForm):
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(message=REQUIRED)]
    )


class SettingsForm(AppForm):
    display_name = StringField(
        _l("Your name"), validators=[DataRequired(message=REQUIRED), Length(max=120)]
    )
    locale = SelectField(_l("Language"), choices=choices(LOCALES.items()))


class InviteCoordinatorForm(AppForm):
    display_name = StringField(
        _l("Name"), validators=[DataRequired(message=REQUIRED), Length(max=120)]
    )
    email = email_field()
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    locale = SelectField(_l("Language"), choices=choices(LOCALES.items()))
