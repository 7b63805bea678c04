"""Crawled tables whose cells ran together (crafted fixtures in the forms of real crawls; issue 10).

Each test asserts what is read and what stays unread: a run is split only where one split is
certain, and an inconsistent printed table is reported where the audit reports it once read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.published import import_text
from tests.review.real_forms import put, report_text, zero_data
from tests.review.test_import_real_forms import cells

HEAD = ["某某县审计局2020年政府信息公开工作年度报告"]
APPEALS = [
    f"appeals.{row}.{col}"
    for row in ("review", "direct_suit", "suit_after_review")
    for col in ("upheld", "corrected", "other", "pending", "total")
]


def _audit(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return dict(json.loads(CliRunner().invoke(app, ["audit", str(path), "--json"]).output))


def _errors(report: dict[str, Any], rule: str) -> set[str]:
    return {f["location"] for f in report["findings"] if f["rule"] == rule and f["severity"] == "error"}


def _inconsistent_appeals() -> dict[str, Any]:
    """Table 四 as a real county printed it: 复议后起诉 1 + 0 + 0 + 1, its 总计 0."""
    return put(
        zero_data(2020, "某某县审计局"),
        {
            "appeals.review.upheld": 1,
            "appeals.review.total": 1,
            "appeals.suit_after_review.upheld": 1,
            "appeals.suit_after_review.pending": 1,
            "appeals.suit_after_review.total": 0,
        },
    )


def test_table_four_as_one_run_of_a_digit_a_cell_is_read_even_when_inconsistent(tmp_path: Path) -> None:
    # Fifteen digits for fifteen cells: one digit a cell is the only reading; the table is read as
    # printed and the audit reports the broken total where it stands, not the row unread.
    data = _inconsistent_appeals()
    text = report_text(data, "digit_runs", head=HEAD)
    assert "100010000010010" in text  # the form itself
    got = cells(import_text(text).data)
    assert {cid: got[cid] for cid in APPEALS} == {cid: cells(data)[cid] for cid in APPEALS}
    assert _errors(_audit(tmp_path, text), "T4-1") == {"appeals.suit_after_review.total"}


def test_table_four_with_no_fitting_split_is_unread_and_reported_at_each_broken_total(tmp_path: Path) -> None:
    # 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0 with both totals printed 0: sixteen digits for fifteen
    # cells, three splits, each breaking 行政复议's and 复议后起诉's totals. Which split was meant is
    # unknown (nothing is read), that both totals are wrong is certain: reported at each of them.
    data = put(
        zero_data(2020, "某某县审计局"),
        {"appeals.review.upheld": 10, "appeals.review.corrected": 1, "appeals.suit_after_review.upheld": 5},
    )
    text = report_text(data, "digit_runs", head=HEAD)
    assert "1010000000050000" in text
    imported = import_text(text)
    got = cells(imported.data)
    assert all(got[cid] is None for cid in APPEALS)
    issues = [i for i in imported.issues if i.kind == "inconsistent"]
    assert {i.location for i in issues} == {"appeals.review.total", "appeals.suit_after_review.total"}
    assert set(APPEALS) <= set(imported.unreadable_cells)
    assert _errors(_audit(tmp_path, text), "T4-1") == {
        "appeals.review.total",
        "appeals.suit_after_review.total",
    }


def _converter_markdown(data: dict[str, Any]) -> str:
    """Table 三 as a PDF-to-Markdown converter prints it: every row 8 cells under a separator, the
    labels of 无法提供's rows printed as text lines and their figures as a table of their own
    (`| 3 | 0 | … |` under its own separator), which only their place in the table pairs."""
    from tests.review.published import report_of
    from tests.review.real_forms import HEADINGS, table_rows, texts_of

    fmt = report_of(data).format
    table = fmt.table("requests")
    rows, _ = table_rows(table, texts_of(data))
    out = [*HEAD, HEADINGS["一"], "2020年，本局认真贯彻《条例》。", HEADINGS["二"], HEADINGS["三"]]
    out += [
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "|---" * 8 + "|",
    ]
    apart = False
    for row in rows[3:]:
        labels = [c for c in row if c and not c.isdigit()]
        values = row[len(labels) :]
        if labels[-1].startswith(("1.本机关不掌握", "2.没有现成信息", "3.补正后")):
            out += ["".join(labels), "| " + " | ".join(values) + " |", "|---" * 7 + "|"]
            apart = True
        elif apart:  # a new table after them: its group label as text, a row as its header
            out += ["".join(labels[:-1]), f"| {labels[-1]} | " + " | ".join(values) + " |", "|---" * 8 + "|"]
            apart = False
        else:
            out.append("| " + "".join(labels) + " | " + " | ".join(values) + " |")
    out += [HEADINGS["四"], HEADINGS["五"], "无。", HEADINGS["六"], "无。"]
    return "\n".join(out) + "\n"


def test_a_markdown_table_put_on_one_line_is_read_as_on_its_lines() -> None:
    # A converter's Markdown whose line breaks a crawl lost (rows joined by a space or by
    # nothing): each separator row says how many cells its table's rows have, the rows are set
    # back on lines of their own, and the rows of figures printed apart from their labels are
    # placed as on the page, not given the label text before them.
    from tests.review.test_import_real_forms import busy_2020

    data = put(
        busy_2020("某某县审计局"),
        {
            "requests.unavailable.not_held.natural_person": 3,
            "requests.unavailable.not_held.total": 3,
            "requests.unavailable.needs_creation.business": 2,
            "requests.unavailable.needs_creation.total": 2,
        },
    )
    text = _converter_markdown(data)
    requests = {cid for cid in cells(data) if cid.startswith("requests.")}
    lined = cells(import_text(text).data)
    assert lined["requests.unavailable.not_held.total"] == 3  # placed by table order
    assert not {cid for cid in requests if lined[cid] is not None and lined[cid] != cells(data)[cid]}
    for joiner in (" ", ""):
        flat = joiner.join(text.splitlines())
        assert "||---|" in flat or "| |---|" in flat
        got = cells(import_text(flat).data)
        assert {cid: got[cid] for cid in requests} == {cid: lined[cid] for cid in requests}


def test_a_markdown_table_on_one_line_with_rows_of_other_widths_is_left_as_it_was() -> None:
    from report_copilot.inputs.published.markdown_line import markdown_rows_apart

    even = "见下表 | 信息内容 | 件数 | |---|---| | 规章 | 0 | | 行政规范性文件 | 3 | 以上为全部"
    assert markdown_rows_apart(even).split("\n") == [
        "见下表",
        "| 信息内容 | 件数 |",
        "|---|---|",
        "| 规章 | 0 |",
        "| 行政规范性文件 | 3 |",
        "以上为全部",
    ]
    # 规章's row has three cells under a two-cell separator: where its rows end is not certain.
    uneven = "见下表 | 信息内容 | 件数 | |---|---| | 规章 | 0 | 0 | | 行政规范性文件 | 3 | 以上为全部"
    assert markdown_rows_apart(uneven) == uneven


def test_a_table_above_its_heading_on_a_crawl_line_after_the_last_sentence_is_read() -> None:
    # The page's line breaks lost: section 一's last sentence, then table 二 (printed above its own
    # heading), then "二、主动公开政府信息情况三、…" on one line. The table is cut off after the
    # sentence and read as section 二's; the sentence stays section 一's prose.
    from tests.review.test_import_displaced_table import HEAD as TITLE
    from tests.review.test_import_displaced_table import (
        OVERVIEW,
        PROSE,
        _data,
        _move_above_heading,
        _paragraphs,
    )
    from tests.review.test_import_real_forms import assert_every_cell

    data = _data()
    for dialect in ("pipe_lines", "spaced"):
        lined = _move_above_heading(report_text(data, dialect, head=TITLE, prose=PROSE), "二", "三")
        for joiner in (" ", ""):
            text = joiner.join(lined.splitlines())
            assert OVERVIEW + joiner + "第二十条" in text  # the form itself
            imported = import_text(text)
            assert_every_cell(imported, data)
            assert OVERVIEW in _paragraphs(imported, "overview")


def test_a_long_run_of_table_four_is_searched_whole_and_rows_every_fit_agrees_on_are_read() -> None:
    # 26 digits for 15 cells: more splits than are listed. Searched through all of them, three keep
    # each group's total; all three cut 行政复议 and 未经复议直接起诉 alike (read), and differ on 复议后起诉
    # (11 1 2 5 / 1 11 2 5 / 1 1 12 5, each totalling 19) but in its 尚未审结 5 and 总计 19 (read): its
    # other three cells stay unread, their three cuts listed.
    values = {
        "review": (15, 23, 104, 8, 150),
        "direct_suit": (6, 2, 9, 3, 20),
        "suit_after_review": (11, 1, 2, 5, 19),
    }
    columns = ("upheld", "corrected", "other", "pending", "total")
    data = put(
        zero_data(2020, "某某县审计局"),
        {f"appeals.{row}.{col}": v for row, vs in values.items() for col, v in zip(columns, vs, strict=True)},
    )
    text = report_text(data, "digit_runs", head=HEAD)
    assert "1523104815062932011125 19".replace(" ", "") in text
    imported = import_text(text)
    got, want = cells(imported.data), cells(data)
    differ = [f"appeals.suit_after_review.{col}" for col in columns[:3]]
    agreed = [cid for cid in APPEALS if cid not in differ]
    assert {cid: got[cid] for cid in agreed} == {cid: want[cid] for cid in agreed}
    (issue,) = [i for i in imported.issues if i.kind == "ambiguous"]
    assert issue.cells == differ
    assert sorted(issue.candidates) == [[1, 1, 12], [1, 11, 2], [11, 1, 2]]
    assert all(got[cid] is None for cid in issue.cells)


def test_the_pruned_search_finds_every_split_that_keeps_the_checks() -> None:
    from report_copilot.inputs.published.splits import pruned_splits, splits

    def sums(i: int, prefix: list[int]) -> bool:  # in each group of three cells, a + b = c
        return i % 3 != 2 or prefix[i - 2] + prefix[i - 1] == prefix[i]

    for digits in ("1120", "101120", "2131011", "123011220", "1010201010"):
        for raws in [[digits], *([digits[:cut], digits[cut:]] for cut in range(1, len(digits)))]:
            for n in (3, 6, 9):
                every = [c for c in splits(raws, n) if all(sums(i, c) for i in range(n))]
                assert sorted(pruned_splits(raws, n, sums) or []) == sorted(every), (raws, n)
    assert pruned_splits(["1" * 30], 15, lambda i, p: True, budget=1000) is None  # too large: nothing


def _cells_alike_data() -> dict[str, Any]:
    """Table 三 as a provincial department's crawl printed it, glued a digit a cell: 新收 11 (all
    自然人), 予以公开 10, 三类内部事务 1, and its （七）总计 printed 2 … 11 (the 1 of 11 typed as 2)."""
    data = zero_data(2022, "某某省科学技术厅")
    for row, n in (("new", 11), ("granted", 10), ("denied.internal_affairs", 1), ("total", 11)):
        put(data, {f"requests.{row}.natural_person": n, f"requests.{row}.total": n})
    return data


def test_the_cells_every_fitting_split_of_a_run_cuts_alike_are_read() -> None:
    # 新收 "110000011": 11|0|0|0|0|0|11 and 1|10|0|0|0|0|11 both fit every identity that can be judged
    # (the 总计 row is unread); both cut 科研机构 … 总计 as 0 0 0 0 11, which are read; only 自然人 and
    # 商业企业, cut differently, stay unread, listed with their two cuts.
    data = _cells_alike_data()
    text = report_text(data, "digit_runs", head=HEAD, overrides={"requests.total.natural_person": "2"})
    assert "一、本年新收政府信息公开申请数量110000011" in text
    imported = import_text(text)
    got = cells(imported.data)
    new = "requests.new."
    agreed = ("research", "public_interest", "legal_services", "other_org", "total")
    assert [got[new + c] for c in agreed] == [0, 0, 0, 0, 11]
    (issue,) = [i for i in imported.issues if i.kind == "ambiguous"]
    assert issue.cells == [new + "natural_person", new + "business"]
    assert sorted(issue.candidates) == [[1, 10], [11, 0]]
    assert got[new + "natural_person"] is None and got[new + "business"] is None
