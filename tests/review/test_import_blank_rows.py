"""Rows printed with no numbers, and digit runs no split can make consistent (crafted fixtures; issue 10).

Crawls print an empty row as its label alone, straight before the next label ("（二）部分公开（三）
不予公开1.属于国家秘密2.其他法律…0000000"; one cell a line with the row's lines empty). Such a row
is printed, its cells blank (T3-4), not missing. A run like '20000011' for seven cells whose every
split breaks the row's total is an inconsistent printed table: an error under that identity, with
the row still unread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from report_copilot.inputs.published import import_text
from report_copilot.model.formats import format_for_year
from report_copilot.service.audit import audit_file
from tests.review.real_forms import one_line, put, report_text, zero_data
from tests.review.test_import_real_forms import assert_every_cell, cells

HEAD = ["某某县教育局2022年政府信息公开工作年度报告"]
_REQUESTS = format_for_year(2022).table("requests")
_EMPTY_ROWS = [
    r.id
    for r in _REQUESTS.blocks[0].rows
    if r.id == "partially_granted" or r.group in {"denied", "not_processed"}
]


def _data() -> dict[str, Any]:
    """Applications from natural persons only, every identity holding."""
    return put(
        zero_data(2022, "某某县教育局"),
        {
            "requests.new.natural_person": 3,
            "requests.new.total": 3,
            "requests.granted.natural_person": 1,
            "requests.granted.total": 1,
            "requests.unavailable.not_held.natural_person": 2,
            "requests.unavailable.not_held.total": 2,
            "requests.total.natural_person": 3,
            "requests.total.total": 3,
            "active.licensing.decisions": 5,
        },
    )


def _empty(rows: list[str]) -> dict[str, str]:
    return {f"requests.{r}.{c.id}": "" for r in rows for c in _REQUESTS.blocks[0].columns}


def _forms(text: str) -> dict[str, str]:
    return {"as printed": text, "one line": one_line(text)}


@pytest.mark.parametrize("dialect", ["digit_runs", "blank_lines", "spaced"])
def test_rows_printed_without_numbers_are_blank_not_missing(dialect: str) -> None:
    data = _data()
    overrides = {**_empty(_EMPTY_ROWS), "active.enforcement.decisions": ""}
    text = report_text(data, dialect, head=HEAD, overrides=overrides)
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）（三）不予公开" in text.replace("\n", "")
    for form, source in _forms(text).items():
        imported = import_text(source)
        blank = set(overrides)
        assert_every_cell(imported, data, blank=blank)  # every other cell read as printed
        messages = [i.message for i in imported.issues if i.kind == "blank"]
        assert any("（二）部分公开" in m and "原文印出了这一行的行名" in m for m in messages), form
        assert not any("原文中未找到这一行" in i.message for i in imported.issues), form


def test_blank_rows_are_t3_4_errors_in_the_audit(tmp_path: Path) -> None:
    data = _data()
    overrides = _empty(["partially_granted"])
    path = tmp_path / "report.txt"
    path.write_text(report_text(data, "digit_runs", head=HEAD, overrides=overrides), encoding="utf-8")
    findings = audit_file(path).check.findings
    blank = [f for f in findings if f.rule == "T3-4"]
    assert [f.location for f in blank] == ["requests.partially_granted"]
    assert blank[0].severity == "error" and "requests.partially_granted.natural_person" in blank[0].cells
    assert not any(f.rule == "IMPORT" and "partially_granted" in f.location for f in findings)


def test_a_label_followed_by_other_text_or_by_stray_numbers_is_not_taken_for_blank() -> None:
    data = _data()
    text = report_text(data, "spaced", head=HEAD, overrides={"active.enforcement.decisions": ""})
    # Text after the label: not certain the row is empty (its figure may be in that text).
    imported = import_text(text.replace("行政强制\n", "行政强制 详见附件\n"))
    kinds = {i.kind for i in imported.issues if "active.enforcement.decisions" in i.cells}
    assert kinds == {"missing_row"}
    # A number no row took between the neighbouring rows: perhaps this row's, printed apart.
    imported = import_text(
        text.replace("行政强制\n第二十条第（八）项\n", "行政强制\n第二十条第（八）项\n7\n")
    )
    assert cells(imported.data)["active.enforcement.decisions"] is None
    kinds = {i.kind for i in imported.issues if "active.enforcement.decisions" in i.cells}
    assert "blank" not in kinds


@pytest.mark.parametrize(
    ("table_id", "dialect"),
    [
        ("requests", "digit_runs"),
        ("requests", "blank_lines"),
        ("appeals", "digit_runs"),
        ("appeals", "pipe_rows"),
    ],
)
def test_a_table_printed_without_any_number_is_said_so_and_left_unread(table_id: str, dialect: str) -> None:
    data = _data()
    table = format_for_year(2022).table(table_id)
    empty = {f"{table_id}.{r.id}.{c.id}": "" for b in table.blocks for r in b.rows for c in b.columns}
    text = report_text(data, dialect, head=HEAD, overrides=empty)
    for form, source in _forms(text).items():
        imported = import_text(source)
        said = [i for i in imported.issues if i.location == table_id]
        assert [i.kind for i in said] == ["missing_table"], form
        assert "表格已印出但未填数字" in said[0].message and "没有这张表" not in said[0].message
        assert all(cells(imported.data)[cid] is None for cid in empty)
        assert cells(imported.data)["active.licensing.decisions"] == 5  # the other tables still read


def _impossible_total() -> dict[str, Any]:
    """As a real report printed it: 新收 11, 予以公开 10, 三类内部事务 1, 总计 11 (all 自然人)."""
    return put(
        zero_data(2022, "某某省科学技术厅"),
        {
            "requests.new.natural_person": 11,
            "requests.new.total": 11,
            "requests.granted.natural_person": 10,
            "requests.granted.total": 10,
            "requests.denied.internal_affairs.natural_person": 1,
            "requests.denied.internal_affairs.total": 1,
            "requests.total.natural_person": 11,
            "requests.total.total": 11,
        },
    )


def test_a_digit_run_no_split_can_make_consistent_is_an_error_under_the_identity(tmp_path: Path) -> None:
    data = _impossible_total()
    # The 总计 row printed '20000011' (2 typed for 11): 2|0|0|0|0|0|11 and 20|0|0|0|0|1|1 both break T3-2.
    text = report_text(
        data,
        "digit_runs",
        head=["某某省科学技术厅2022年政府信息公开工作年度报告"],
        overrides={"requests.total.natural_person": "2"},
    )
    assert "（七）总计20000011" in text
    imported = import_text(text)
    total = [f"requests.total.{c.id}" for c in _REQUESTS.blocks[0].columns]
    # Which split was meant is unknown: 自然人, 其他 and 总计, cut differently, stay unread; both
    # cut 商业企业 … 法律服务机构 as 0, which is what was printed (read).
    differ = [total[0], total[5], total[6]]
    assert [cells(imported.data)[cid] for cid in total] == [None, 0, 0, 0, 0, None, None]
    bad = [i for i in imported.issues if i.kind == "inconsistent"]
    assert len(bad) == 1 and bad[0].rule == "T3-2" and bad[0].cells == differ
    assert "20000011" in bad[0].message and "（七）总计" in bad[0].message
    assert sorted(bad[0].candidates) == [[2, 0, 0, 0, 0, 0, 11], [20, 0, 0, 0, 0, 1, 1]]
    assert not [i for i in imported.issues if i.kind == "ambiguous" and set(i.cells) & set(total)]
    assert set(differ) <= set(imported.unreadable_cells)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    errors = [f for f in audit_file(path).check.findings if f.severity == "error"]
    assert [(f.rule, f.location) for f in errors] == [("T3-2", "requests.total")]
    assert "2 0 0 0 0 0 11" in errors[0].message and "20 0 0 0 0 1 1" in errors[0].message


def test_a_digit_run_with_one_consistent_split_is_read_and_raises_nothing() -> None:
    data = _impossible_total()
    text = report_text(data, "digit_runs", head=["某某省科学技术厅2022年政府信息公开工作年度报告"])
    imported = import_text(text)
    assert not [i for i in imported.issues if i.kind == "inconsistent"]
    assert cells(imported.data)["requests.total.natural_person"] == 11
    # 新收 '110000011' fits its row as 11|0… and as 1|10…; T3-1 with the 总计 row tells them apart.
    assert cells(imported.data)["requests.new.natural_person"] == 11
    assert not [i for i in imported.issues if i.kind == "ambiguous"]


def test_labels_printed_before_all_the_numbers_are_not_blank_rows() -> None:
    """A text layer read column by column: a block's labels one after another, then all its numbers.
    The labels touch, but the numbers after them are not the last row's alone."""
    data = put(_data(), {"active.normative_documents.issued": 2, "active.normative_documents.in_force": 5})
    text = report_text(data, "spaced", head=HEAD)
    block = "规章 0 0 0\n行政规范性文件 2 0 5\n"
    assert block in text
    imported = import_text(text.replace(block, "规章\n行政规范性文件\n0 0 0\n2 0 5\n"))
    ids = [
        f"active.{r}.{c}"
        for r in ("regulations", "normative_documents")
        for c in ("issued", "abolished", "in_force")
    ]
    assert all(cells(imported.data)[cid] is None for cid in ids)
    assert not [i for i in imported.issues if i.kind == "blank"]
    assert {c for i in imported.issues if i.kind in {"missing_row", "unreadable"} for c in i.cells} >= set(
        ids
    )
