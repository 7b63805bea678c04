"""The importer's fast paths read exactly what the general ones read.

Each shortcut taken for speed (a report's data built by one plan per format, a row of plain
counts stored at once, whitespace dropped by `replace`) is compared here with the general way it
stands for, kept in this file as the reference, on crafted reports in the forms real ones take.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_copilot.inputs.published import cells, importer, tables
from report_copilot.inputs.published.cells import read_runs
from report_copilot.inputs.published.normalize import without_spaces
from report_copilot.inputs.published.rowmatch import TableReading
from report_copilot.model.formats import FormatDefinition, load_format
from tests.review.published import published_text
from tests.review.real_forms import DIALECTS, put, report_text, zero_data


def _reference_data(fmt: FormatDefinition, agency: str, year: int, values: dict[str, Any]) -> dict[str, Any]:
    """The data as the importer built it before its per-format plan: a tree of the cells, filled
    by recursion, every Decimal a float."""
    tree: dict[str, Any] = {}
    for cid, cell in fmt.cells.items():
        node = tree
        for part in (cell.table.id, *cell.row.id.split(".")):
            node = node.setdefault(part, {})
        node[cell.column.id] = cid

    def filled(sub: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, v in sub.items():
            if isinstance(v, dict):
                out[key] = filled(v)
            else:
                value = values.get(v)
                out[key] = float(value) if isinstance(value, Decimal) else value
        return out

    return {"meta": {"agency": agency, "year": year, "format": fmt.id}, **filled(tree)}


def _typed(value: Any) -> Any:
    """A value with the type of every leaf and the order of every key (1 and 1.0 differ here)."""
    if isinstance(value, dict):
        return [(k, _typed(v)) for k, v in value.items()]
    return (type(value).__name__, value)


_LEAVES = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=10**6),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.sampled_from(["12万元", "3元", ""]),
)


@pytest.mark.parametrize("format_id", ["2019", "2021"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_data_is_built_as_the_recursive_reference_builds_it(format_id: str, data: st.DataObject) -> None:
    fmt = load_format(format_id)
    ids = sorted(fmt.cells)
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    values = {cid: data.draw(_LEAVES) for cid in chosen}
    got = importer._data(fmt, "某某县教育局", fmt.first_year, values)
    assert _typed(got) == _typed(_reference_data(fmt, "某某县教育局", fmt.first_year, values))


def test_a_decimal_outside_the_amount_cells_is_still_a_float() -> None:
    """No reader puts a Decimal in a count cell today; were one to, the data would still hold a float."""
    fmt = load_format("2021")
    count_cell = next(cid for cid, cell in fmt.cells.items() if cell.kind == "count")
    values: dict[str, Any] = {count_cell: Decimal("2.5")}
    got = importer._data(fmt, "某某局", 2021, values)
    assert _typed(got) == _typed(_reference_data(fmt, "某某局", 2021, values))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab中文 \n\t\r\x0b\x0c\x1c\x85\xa0\u3000\u2028\u200b\u2009（）"])))
def test_without_spaces_drops_what_split_drops(text: str) -> None:
    assert without_spaces(text) == "".join(text.split()) == re.sub(r"\s+", "", text)


def _reading(fmt: FormatDefinition, text: str, *, plain: bool) -> tuple[Any, ...]:
    """Every grid table of the text read, with the plain-row shortcut allowed or not."""
    reading = TableReading()
    for table in fmt.tables:
        if table.layout == "single_row":
            continue
        runs = read_runs(text)
        if not plain:
            runs = [dataclasses.replace(r, plain=False) for r in runs]  # every other trait kept
        tables.read_grid(table, runs, reading)
    issues = [(i.kind, i.location, i.where, i.message, i.cells, i.candidates) for i in reading.issues]
    return _typed(reading.values), issues, reading.pending, reading.joined, reading.glued


def _texts() -> list[Any]:
    data = put(
        zero_data(2022, "某某县教育局"),
        {
            "requests.new.natural_person": 12,
            "requests.new.total": 12,
            "requests.granted.natural_person": 10,
            "requests.granted.total": 10,
            "requests.unavailable.not_held.natural_person": 2,
            "requests.unavailable.not_held.total": 2,
            "active.licensing.decisions": 1856,
        },
    )
    overrides = {"active.rules.repealed": "/", "requests.partially_granted.total": ""}
    out = [("2021", published_text(data, seed=seed)) for seed in range(3)]
    for dialect in sorted(DIALECTS):
        out.append(
            ("2021", report_text(data, dialect, head=["某某县教育局2022年年度报告"], overrides=overrides))
        )
    return out


@pytest.mark.parametrize(("format_id", "text"), _texts())
def test_a_row_of_plain_counts_is_read_as_the_general_case_reads_it(format_id: str, text: str) -> None:
    fmt = load_format(format_id)
    assert _reading(fmt, text, plain=True) == _reading(fmt, text, plain=False)


def test_plain_cells_are_kept_within_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cells of plain numbers are shared across regions, but never more than the bound."""
    monkeypatch.setattr(cells, "_PLAIN_CELLS_KEPT", 5)
    cells._PLAIN_CELLS.clear()
    runs = read_runs("行政许可 " + " ".join(str(n) for n in range(40)))
    assert [c.value for c in runs[0].cells] == list(range(40))
    assert len(cells._PLAIN_CELLS) <= 5
