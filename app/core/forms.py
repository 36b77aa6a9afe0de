"""The base of every form, and small helpers shared by the domain forms."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, PasswordField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
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


class AppForm(FlaskForm):
    """The base of every form in the app: CSRF (from FlaskForm) and clean text input."""

    class Meta(CleanInput, FlaskForm.Meta):
        pass


class AppRowForm(Form):
    """The base of the rows inside a form (FieldList / FormField): the same clean text input."""

    class Meta(CleanInput, Form.Meta):
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
