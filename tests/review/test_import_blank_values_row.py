"""A web or Word table whose row of values under the header was left all empty (crafted fixtures).

Agencies with no appeal often print table 四 as its header and a row of 15 empty cells where they
meant 0. That row has no label, so it is only certain by the table's shape: header rows of labels,
then one row of empty cells across the full width, then nothing. Its cells are read as blank
(reported under T3-4), not as a table with no figures; an empty spacer row anywhere else is ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.inputs.published import import_published
from report_copilot.inputs.published.rows import table_lines
from report_copilot.service.review import audit_file
from tests.review.published import published_docx
from tests.review.real_forms import put, report_html, zero_data
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
