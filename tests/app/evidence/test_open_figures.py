"""Open figures: no personal data, no group under the threshold, not even by differencing."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from app.core.permissions import Role
from app.evidence.disclosure import THRESHOLD, suppress_column, suppress_table
from tests.app.test_access import ANONYMOUS

CELL = re.compile(r'<td class="text-end" data-column="(\w+)">(.*?)</td>', re.S)


def published(cells, total):
    return [c.text_value for c in cells], total.text_value


def assert_safe(parts, cells, total):
    """No shown cell is small, and the hidden cells cannot be worked out from a shown total."""
    shown = [c for c in [*cells, total] if c.shown]
    assert all(c.value >= THRESHOLD for c in shown)
    if total.shown:
        hidden = [c.value for c in cells if not c.shown]
        assert len(hidden) != 1
        assert sum(hidden) == 0 or sum(hidden) >= THRESHOLD
        assert sum(hidden) == total.value - sum(c.value for c in cells if c.shown)


def test_small_groups_are_hidden_and_a_lone_hidden_cell_gets_company():
    cells, total = suppress_column([3, 7, 12], 22)
    assert published(cells, total) == ([None, None, 12], 22)  # 3 alone could be worked out


def test_hidden_cells_that_add_up_to_a_small_group_get_company():
    cells, total = suppress_column([1, 2, 9, 30], 42)
    assert published(cells, total) == ([None, None, None, 30], 42)


def test_the_total_is_hidden_when_nothing_else_can_be():
    cells, total = suppress_column([3, 6], 9)
    assert published(cells, total) == ([None, None], 9)  # either town could hold 3 or 6
    cells, total = suppress_column([2], 2)
    assert published(cells, total) == ([None], None)


def test_big_groups_are_all_shown():
    cells, total = suppress_column([5, 7, 12], 24)
    assert published(cells, total) == ([5, 7, 12], 24)


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8))
def test_no_column_ever_reveals_a_small_group(parts):
    cells, total = suppress_column(parts, sum(parts))
    assert_safe(parts, cells, total)


@given(
    st.lists(st.dictionaries(st.sampled_from("abc"), st.integers(0, 12)), min_size=1, max_size=6)
)
def test_no_table_ever_reveals_a_small_group(rows):
    cells, totals = suppress_table(rows, list("abc"))
    for column in "abc":
        parts = [row.get(column, 0) for row in rows]
        assert_safe(parts, [row[column] for row in cells], totals[column])


def page_cells(page):
    """{(row, column): text} of the open figures table of the test district."""
    table = page.split("Landkreis Test</h2>")[1].split("</table>")[0]
    found = {}
    for row in re.findall(r'<tr data-row="([^"]*)">(.*?)</tr>', table, re.S):
        for column, text in CELL.findall(row[1]):
            found[(row[0], column)] = text.strip()
    return found


def test_the_public_page_shows_known_counts_and_hides_small_groups(client, district):
    cells = page_cells(
        client.get("/figures", headers={"Accept-Language": "en"}).get_data(as_text=True)
    )
    # housing: Bramsche 3, Melle 7, Quakenbrück 1 -> 3 and 1 hidden (sum 4 < 5), so Melle too
    assert cells[("Melle", "housing")].startswith("<span")
    assert cells[("Quakenbrück", "housing")].startswith("<span")
    assert cells[("total", "housing")] == "11"
    # newcomers: Bramsche 22, Melle 8, Quakenbrück 1 -> Quakenbrück and the smaller Melle hidden
    assert cells[("Bramsche", "newcomers")] == "22"
    assert cells[("Melle", "newcomers")].startswith("<span")
    assert cells[("total", "newcomers")] == "31"
    for text in cells.values():
        assert not text.isdigit() or int(text) >= THRESHOLD
    # suppressed cells all read the same, whether small or withheld against differencing
    assert {text for text in cells.values() if not text.isdigit()} == {
        '<span class="text-body-secondary" data-suppressed>fewer than 5, or withheld</span>'
    }


def test_the_public_page_has_no_names(client, build, login, district):
    for role in (ANONYMOUS, Role.REFUGEE):
        if role != ANONYMOUS:
            login(build.user(role))
        page = client.get("/figures").get_data(as_text=True)
        assert "Landkreis Anderswo" in page and "Schneider" not in page
