"""The base of every form, and small helpers shared by the domain forms."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, PasswordField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

# Characters a person cannot mean in a name or a title: C0 and C1 controls, DEL, and the Unicode
# line and paragraph separators. A line break in an offer title ends up in a mail's Subject
# header (which then refuses to be sent) and in calendar files.
LINE_BREAKS = re.compile(r"\r\n?|[\n\v\f\x1c-\x1e\x85\u2028\u2029]")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
BLANKS = re.compile(r"[\t\v\f]")


def single_line(value: Any) -> Any:
    """One line: every break or tab becomes a space, other control characters go."""
    if not isinstance(value, str):
        return value
    return CONTROLS.sub("", BLANKS.sub(" ", LINE_BREAKS.sub(" ", value)))


def multi_line(value: Any) -> Any:
    """Several lines: every kind of line break becomes "\\n"; tabs spaces; other controls go."""
    if not isinstance(value, str):
        return value
    return CONTROLS.sub("", BLANKS.sub(" ", LINE_BREAKS.sub("\n", value)))


def cleaner_for(field_class: type) -> Callable[[Any], Any] | None:
    if issubclass(field_class, PasswordField):
        return None  # a password is checked exactly as typed and never shown or sent
    if issubclass(field_class, TextAreaField):
        return multi_line
    if issubclass(field_class, StringField):
        return single_line
    return None


class CleanInput:
    """Form meta: every text field gets its cleaner as the first filter when it is bound."""

    def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
        cleaner = cleaner_for(unbound_field.field_class)
        if cleaner is not None:
            own = unbound_field.kwargs.get("filters", ())
            options = {**options, "filters": [cleaner, *own]}
        return super().bind_field(form, unbound_field, options)  # type: ignore[misc]


_NUMBER_PLACEHOLDER = re.compile(r"%\((\w+)\)d")


def fill_in_numbers(message: Any, values: Mapping[str, Any]) -> str:
    """A validator's ``message % values`` with every number as the reader's locale writes it.

    WTForms puts its limits in as Python writes them ("100"); Persian readers need "۱۰۰". Years
    and other numbers of up to four digits keep no group separator ("1950", not "1.950").
    """
    from app.core.i18n import current_locale, format_number, localise_digits

    locale = current_locale()

    def written(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return value
        if isinstance(value, int) and abs(value) < 10000:
            return localise_digits(str(value), locale)
        return format_number(value, decimals=2, locale=locale)

    text = _NUMBER_PLACEHOLDER.sub(r"%(\1)s", str(message))
    return text % {key: written(value) for key, value in values.items()}


class NumberedText(str):
    """A message (already translated) whose numbers are filled in as the locale writes them."""

    def __mod__(self, values: Any) -> str:  # type: ignore[override]
        if isinstance(values, Mapping):
            return fill_in_numbers(self, values)
        return str.__mod__(self, values)


class NumberedMessage:
    """A form's own (lazy) validator message whose numbers are filled in in the locale."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __str__(self) -> str:
        return str(self.message)

    def __mod__(self, values: Any) -> str:
        return NumberedText(str(self.message)) % values


class NumberedTranslations:
    """WTForms' own messages ("Field must be between %(min)d and %(max)d characters long.")
    translated as before, their numbers filled in in the locale."""

    def __init__(self, translations: Any) -> None:
        self.translations = translations

    def gettext(self, string: str) -> str:
        return NumberedText(self.translations.gettext(string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return NumberedText(self.translations.ngettext(singular, plural, n))


class LocalNumbers:
    """Form meta: the numbers in every validator's message ("At most 100 characters.") are
    written as the reader's locale writes them (Persian, Dari, Pashto: ۱۰۰; Arabic: ١٠٠)."""

    def get_translations(self, form: Any) -> Any:
        from wtforms.fields.core import Field

        own = super().get_translations(form)  # type: ignore[misc]
        return NumberedTranslations(own if own is not None else Field._translations)

    def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
        own = unbound_field.kwargs.get("validators")
        if own and any(numbered(validator) for validator in own):
            options = {**options, "validators": [with_numbers(v) for v in own]}
        return super().bind_field(form, unbound_field, options)  # type: ignore[misc]


def numbered(validator: Any) -> bool:
    return isinstance(validator, Length | NumberRange) and validator.message is not None


def with_numbers(validator: Any) -> Any:
    if not numbered(validator) or isinstance(validator.message, NumberedMessage):
        return validator
    local = copy.copy(validator)
    local.message = NumberedMessage(validator.message)
    return local


class AppForm(FlaskForm):
    """The base of every form in the app: CSRF (from FlaskForm), clean text input, numbers in
    validator messages in the reader's locale."""

    class Meta(LocalNumbers, CleanInput, FlaskForm.Meta):
        pass


class AppRowForm(Form):
    """The base of the rows inside a form (FieldList / FormField): the same clean text input and
    numbers."""

    class Meta(LocalNumbers, CleanInput, Form.Meta):
        pass


def choices(pairs: Iterable[tuple[Any, Any]]) -> list[SelectChoice]:
    """Select options from (value, label) pairs; labels may be lazy translations."""
    return [SelectChoice(value, label) for value, label in pairs]


class FixedRows(FieldList):
    """A fixed number of rows where row ``i`` always reads the fields named ``<name>-i-…``.

    WTForms' FieldList renumbers the rows that arrived and pads with more rows, which can read
    the same submitted row twice when a client sends only some rows. A profile form always shows
    all its rows, so each row simply keeps its number.
    """

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        if extra_filters:
            raise TypeError("FixedRows does not accept filters")
        self.last_index = -1
        self.entries = []
        rows = list(data) if data is not unset_value and data else []
        self.object_data = rows
        for index in range(self.min_entries):
            row = rows[index] if index < len(rows) else unset_value
            self._add_entry(formdata, row, index=index)


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice as a list of checkboxes: easier on a phone than a multi-select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
