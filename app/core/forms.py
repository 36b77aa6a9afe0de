"""Small helpers shared by the domain forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wtforms import FieldList, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.widgets import CheckboxInput, ListWidget


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
