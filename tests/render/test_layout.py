"""The table layout derived from the format definitions: a complete grid, every cell once, official shapes."""

from __future__ import annotations

import pytest

from report_copilot.model.formats import available_formats, load_format
from report_copilot.render.layout import split_signature, table_layout

CASES = [(f, t.id) for f in available_formats() for t in load_format(f).tables]


@pytest.mark.parametrize(("format_id", "table_id"), CASES)
def test_grid_is_covered_exactly_once(format_id: str, table_id: str) -> None:
    layout = table_layout(load_format(format_id), table_id)
    covered: dict[tuple[int, int], int] = {}
    for cell in layout.cells:
        assert cell.row_span >= 1 and cell.col_span >= 1
        for r in range(cell.row, cell.last_row + 1):
            for c in range(cell.col, cell.last_col + 1):
                covered[(r, c)] = covered.get((r, c), 0) + 1
    assert set(covered) == {(r, c) for r in range(layout.n_rows) for c in range(layout.n_cols)}
    assert set(covered.values()) == {1}
    assert sum(layout.widths) == pytest.approx(1)
    assert len(layout.widths) == layout.n_cols


@pytest.mark.parametrize(("format_id", "table_id"), CASES)
def test_every_cell_of_the_table_is_printed_once(format_id: str, table_id: str) -> None:
    fmt = load_format(format_id)
    layout = table_layout(fmt, table_id)
    printed = [c.cell_id for c in layout.value_cells()]
    assert sorted(printed) == sorted(cid for cid, cell in fmt.cells.items() if cell.table.id == table_id)
    # values never sit in the header rows
    assert all(c.row >= layout.header_rows for c in layout.value_cells())


@pytest.mark.parametrize("format_id", available_formats())
def test_every_row_and_group_label_is_printed(format_id: str) -> None:
    fmt = load_format(format_id)
    for table in fmt.tables:
        texts = {c.text for c in table_layout(fmt, table.id).cells}
        for block in table.blocks:
            assert {r.label for r in block.rows} <= texts
            assert {c.label for c in block.columns} <= texts
            assert {g.label for g in block.row_groups if not g.virtual} <= texts
            assert {g.label for g in block.column_groups} <= texts
            assert not {g.label for g in block.row_groups if g.virtual} & texts
        if table.note:
            assert table.note in texts


def test_active_blocks_share_the_width() -> None:
    layout = table_layout(load_format("2019"), "active")
    # three-column and two-column blocks on one grid of lcm(3, 2) = 6 value columns
    assert layout.n_cols == 1 + 6
    spans = {c.cell_id.rsplit(".", 1)[0]: c.col_span for c in layout.value_cells() if c.cell_id}
    assert spans["active.regulations"] == 2 and spans["active.procurement"] == 3 and spans["active.fees"] == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("云溪市市场监督管理局 2025年1月20日", ("云溪市市场监督管理局", "2025年1月20日")),
        ("云溪市市场监督管理局\u30002025年1月20日", ("云溪市市场监督管理局", "2025年1月20日")),
        ("固原市人民政府办公室 二〇二〇年一月二十日", ("固原市人民政府办公室", "二〇二〇年一月二十日")),
        ("固原市人民政府办公室", ("固原市人民政府办公室", "")),
    ],
)
def test_split_signature(text: str, expected: tuple[str, str]) -> None:
    assert split_signature(text) == expected
