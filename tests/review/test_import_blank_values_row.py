"""A web or Word table whose row of values under the header was left all empty (crafted fixtures).

Agencies with no appeal often print table 四 as its header and a row of 15 empty cells where they
meant 0. That row has no label, so it is only certain by the table's shape: header rows of labels,
then one row of empty cells across the full width, then nothing. Its cells are read as blank
(reported under T3-4), not as a table with no figures; an empty spacer row anywhere else is ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.inputs.published import import_published, import_text
from report_copilot.inputs.published.markdown_columns import drop_label_borders
from report_copilot.inputs.published.rows import table_lines
from report_copilot.service.review import audit_file
from tests.review.published import published_docx, report_of
from tests.review.real_forms import put, report_html, report_text, texts_of, zero_data
from tests.review.test_import_real_forms import assert_every_cell, cells

TITLE = "某某县审计局2024年政府信息公开工作年度报告"


def _appeals(data: dict[str, Any]) -> set[str]:
    return {cid for cid in cells(data) if cid.startswith("appeals.")}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_all_empty_values_row_of_table_4_is_read_as_15_blank_cells(tmp_path: Path) -> None:
    data = zero_data(2024, "某某县审计局")
    blank = _appeals(data)
    assert len(blank) == 15
    page = report_html(data, title=TITLE, overrides=dict.fromkeys(blank, ""))
    assert_every_cell(import_published(_write(tmp_path, "r.html", page)), data, blank=blank)


def test_blank_cells_of_table_4_are_t3_4_findings_and_the_other_identities_still_run(
    tmp_path: Path,
) -> None:
    """三's 总计 off by one is still found; each row of 四 is a blank-cell finding (T3-4) naming
    its four cells left empty (its 总计 is their sum, so not asked for)."""
    data = put(zero_data(2024, "某某县审计局"), {"requests.total.natural_person": 1})
    blank = _appeals(data)
    page = report_html(data, title=TITLE, overrides=dict.fromkeys(blank, ""))
    result = audit_file(_write(tmp_path, "r.html", page))
    found = {f.location: f.message for f in result.check.findings if f.rule == "T3-4"}
    assert set(found) == {"appeals.review", "appeals.direct_suit", "appeals.suit_after_review"}
    assert all("共 4 格未填报" in message for message in found.values())
    assert {f.location for f in result.check.errors if f.rule.startswith("T3-") and f.rule != "T3-4"} >= {
        "requests.total.natural_person"
    }


def _page(*rows: str) -> str:
    return (
        "<html><body><p>四、政府信息公开行政复议、行政诉讼情况</p><table border=1>"
        + "".join(rows)
        + "</table></body></html>"
    )


_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_HEAD_ROWSPAN = "".join(
    [
        "<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>",
        "<tr>" + "".join(f"<td rowspan=2>{x}</td>" for x in _RESULTS),
        "<td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>",
        "<tr>" + "".join(f"<td>{x}</td>" for x in _RESULTS * 2) + "</tr>",
    ]
)


def test_the_values_row_under_a_header_merged_down_its_rows_is_blank_cells() -> None:
    """Word's form: the 行政复议 column labels merged down two rows, so the last header row has 10
    cells while the values row has 15; the header's first row spans all 15 columns."""
    from report_copilot.inputs.published.html_reader import html_lines

    empty = "<tr>" + "<td><p>&nbsp;</p></td>" * 15 + "</tr>"
    lines = [x for x in html_lines(_page(_HEAD_ROWSPAN, empty)) if x.strip()]
    assert lines[-1] == " ".join(["∅"] * 15)
    # A single merged empty cell across the width is a spacer, not 15 blank cells.
    spacer = "<tr><td colspan=15>&nbsp;</td></tr>"
    assert "∅" not in "".join(html_lines(_page(_HEAD_ROWSPAN, spacer)))


def test_spacer_rows_stay_ignored() -> None:
    head = ["", "自然人", "法人或其他组织", "总计"]
    row = ["一、本年新收政府信息公开申请数量", "3", "", "3"]
    spacer = ["", "", "", ""]
    # Between the header and the rows, between rows, after the figures: no line.
    assert table_lines([head, spacer, row, spacer, row, spacer]) == [
        "自然人 法人或其他组织 总计",
        "一、本年新收政府信息公开申请数量 3 ∅ 3",
        "一、本年新收政府信息公开申请数量 3 ∅ 3",
    ]
    # Under a header, a row narrower than the table is not its row of values.
    assert table_lines([["行政复议", "行政诉讼"], [""]]) == ["行政复议 行政诉讼"]
    # Under a header, the empty row is the values only when nothing follows it.
    assert table_lines([["结果维持", "总计"], ["", ""], ["结果维持", "总计"]]) == [
        "结果维持 总计",
        "结果维持 总计",
    ]
    # Two empty rows: the first is the values, the second a spacer.
    assert table_lines([["结果维持", "总计"], ["", ""], ["", ""]]) == ["结果维持 总计", "∅ ∅"]


def test_figures_of_table_4_followed_by_an_empty_row_are_read(tmp_path: Path) -> None:
    data = put(zero_data(2024, "某某县审计局"), {"appeals.review.upheld": 2, "appeals.review.total": 2})
    page = report_html(data, title=TITLE).replace("</tbody></table>", "<tr><td></td></tr></tbody></table>")
    assert_every_cell(import_published(_write(tmp_path, "r.html", page)), data)


def test_a_word_file_whose_table_4_values_are_left_empty(tmp_path: Path) -> None:
    data = zero_data(2024, "某某县审计局")
    blank = _appeals(data)
    path = tmp_path / "r.docx"
    published_docx(put(data, dict.fromkeys(blank)), path)
    assert_every_cell(import_published(path), data, blank=blank)


# -------------------------------------------------------------------- Markdown: label columns


def _grid(data: dict[str, Any], overrides: dict[str, str]) -> list[list[str]]:
    """Table 三 as converters and some editors print it: every row the table's full width, a
    merged cell's text at its first position and its other positions empty."""
    from report_copilot.render.layout import table_layout

    layout = table_layout(report_of(data).format, "requests")
    texts = texts_of(data, overrides)
    grid = [[""] * layout.n_cols for _ in range(layout.n_rows)]
    for c in layout.cells:
        grid[c.row][c.col] = texts(c.cell_id) if c.cell_id else c.text
    return grid


def _markdown_grid(data: dict[str, Any], overrides: dict[str, str], *, separator: bool = True) -> str:
    """The grid as PDF→Markdown converters print it, with its separator row."""
    grid = _grid(data, overrides)
    lines = ["| " + " | ".join(r) + " |" for r in grid]
    if separator:
        lines.insert(1, "|" + "---|" * len(grid[0]))
    return "\n".join(lines)


def _markdown_report(data: dict[str, Any], overrides: dict[str, str], *, separator: bool = True) -> str:
    text = report_text(data, "markdown", head=[TITLE], skip_tables=("requests",))
    heading = "三、收到和处理政府信息公开申请情况\n"
    return text.replace(
        heading, heading + "\n" + _markdown_grid(data, overrides, separator=separator) + "\n\n"
    )


GRANTED = {
    "requests.granted.natural_person": 258,
    "requests.granted.business": 12,
    "requests.granted.legal_services": 1,
    "requests.granted.other_org": 1,
    "requests.partially_granted.business": 3,
}


def _busy() -> dict[str, Any]:
    """A zero report with figures in 予以公开 and 部分公开, 三's identities kept."""
    data = zero_data(2024, "某某县审计局")
    changes: dict[str, Any] = dict(GRANTED)
    for column in ("natural_person", "business", "legal_services", "other_org"):
        n = sum(v for k, v in GRANTED.items() if k.endswith("." + column))
        changes |= {f"requests.{row}.{column}": n for row in ("new", "total")}
    changes |= {f"requests.{row}.total": 275 for row in ("new", "total", "granted")}
    changes["requests.granted.total"] = 272
    changes["requests.partially_granted.total"] = 3
    return put(data, changes)


def test_a_markdown_row_with_an_empty_label_column_and_a_blank_cell_at_either_end() -> None:
    """`| 三、本年度办理结果 | （一）予以公开 |  | 258 | 12 |  |  | 1 | 1 |  |`: the empty cell after
    the label is the label's merged column (the table's rows print 1.属于国家秘密 there, and no
    figure), so 总计 is the blank one; `|  | （二）部分公开 |  |  | 3 | …`: 自然人 is blank."""
    data = _busy()
    blank = {
        "requests.granted.research",
        "requests.granted.public_interest",
        "requests.granted.total",
        "requests.partially_granted.natural_person",
    }
    text = _markdown_report(data, dict.fromkeys(blank, ""))
    assert "| 三、本年度办理结果 | （一）予以公开 |  | 258 | 12 |  |  | 1 | 1 |  |" in text
    assert "|  | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |  |  | 3 |" in text
    assert_every_cell(import_text(text), data, blank=blank)


def test_without_its_separator_row_the_ambiguous_markdown_row_stays_unread() -> None:
    data = _busy()
    imported = import_text(_markdown_report(data, {"requests.granted.total": ""}, separator=False))
    assert set(imported.data["requests"]["granted"].values()) == {None}


def test_a_figure_in_a_label_column_leaves_the_markdown_table_as_printed() -> None:
    """A row whose figure stands where other rows print labels: which columns are labels is no
    longer certain, so no empty cell is dropped."""
    table = "\n".join(
        [
            "| 信息内容 |  | 自然人 | 总计 |",
            "|---|---|---|---|",
            "| 三、本年度办理结果 | （一）予以公开 | 5 | 5 |",
            "| 二、上年结转 |  | 1 | 1 |",
            "| 7 |  |  | 7 |",
        ]
    )
    assert drop_label_borders(table) == table
    assert drop_label_borders(table.replace("| 7 |  |  | 7 |", "| 其他 |  |  | 7 |")) != table


def test_a_web_table_with_merged_cells_split_back_reads_like_its_markdown(tmp_path: Path) -> None:
    """An editor that saves each merged cell as one `<td>` a column (its other columns empty)
    prints the same ambiguous rows; every row one cell a column settles which are label columns."""
    data = _busy()
    blank = {
        "requests.granted.research",
        "requests.granted.public_interest",
        "requests.granted.total",
        "requests.partially_granted.natural_person",
    }
    rows = "".join(
        "<tr>" + "".join(f"<td><p>{t or '&nbsp;'}</p></td>" for t in r) + "</tr>"
        for r in _grid(data, dict.fromkeys(blank, ""))
    )
    table = f"<table border=1>{rows}</table>"
    page = report_html(data, title=TITLE)
    start = page.index("<table", page.index("三、收到和处理政府信息公开申请情况"))
    page = page[:start] + table + page[page.index("</table>", start) + len("</table>") :]
    assert_every_cell(import_published(_write(tmp_path, "r.html", page)), data, blank=blank)
    # Column 1 holds a label in a row of figures, and no figure: a label column, its empty
    # cells dropped; a table not one cell a column (a colspan) is left as printed.
    grid = [
        ["信息内容", "", "自然人", "总计"],
        ["二、上年结转", "", "1", "1"],
        ["三、办理结果", "（一）予以公开", "", "2"],
    ]
    assert table_lines(grid, [4, 4, 4]) == [
        "信息内容 自然人 总计",
        "二、上年结转 1 1",
        "三、办理结果 （一）予以公开 ∅ 2",
    ]
    assert table_lines(grid, [4, 4, 5])[1] == "二、上年结转 ∅ 1 1"
