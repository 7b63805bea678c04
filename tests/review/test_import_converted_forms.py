"""`copilot import` / `copilot audit` on reports converted from PDF (crafted fixtures; issue 10).

PDF → Markdown converters and OCR tools keep a table's rows of numbers in order but move the labels
of merged cells: labels print apart from their numbers, broken mid-word or cut short, the small
tables of 二 and 四 come apart and out of order, separator rows (`|---|`) sit between rows, and a
report that numbers its own chapters first prints the statistics under renumbered headings. Older
templates print a group (（六）其他处理) as one row. Each test asserts every cell read, or left
unread and reported — never a wrong value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.published import import_text
from report_copilot.service.review import audit_file
from tests.review.published import report_of
from tests.review.real_forms import put, report_text, texts_of, zero_data
from tests.review.test_import_real_forms import assert_every_cell, busy_2021, cells

runner = CliRunner()
TITLE = "某某市科学技术委员会2024年政府信息公开工作年度报告"
SEPARATOR = "|---|---|---|---|---|---|---|---|"


def _md_row(values: list[str], label: str | None = None) -> str:
    return "| " + " | ".join(([label] if label else []) + values) + " |"


def _broken(label: str, width: int = 9) -> list[str]:
    """A label as a converter prints it apart from its numbers: broken every `width` characters."""
    return [label[i : i + width] for i in range(0, len(label), width)]


def converted_markdown(data: dict[str, Any], *, drop_value_row: str | None = None) -> str:
    """The whole report as a PDF → Markdown converter writes it (see the module docstring).

    In table 三 the rows of groups (不予公开, 无法提供, 不予处理, 其他处理) print their labels apart,
    before their numbers, and their numbers as unlabeled rows; one label is cut short.
    `drop_value_row` leaves out one row's numbers (a converter that lost a row).
    """
    fmt = report_of(data).format
    text = texts_of(data)
    lines = [
        "正文",
        TITLE,
        "根据《中华人民共和国政府信息公开条例》的要求，编制本报告。",
        "一、总体情况",
        "2024年，市科委认真贯彻落实《条例》，有 1 件行政复议。",
        "二、工作机制保障",
        "市科委设立政务公开工作协调小组。",
        "三、主动公开工作情况",
        "全年发布政府信息 393 件。",
        "四、政府信息公开申请情况",
        "全年收到政府信息公开申请 72 件。",
        "六、政府信息公开平台建设",
        "网站全年发布信息 2139 条。",
        "一、主动公开政府信息情况",
    ]
    active = fmt.table("active")
    first, *others = active.blocks
    for block in others:  # the small tables of （五）（六）（八） as plain lines, before （一）
        lines += [block.caption or "", "信息内容" + "".join(c.label for c in block.columns)]
        for row in block.rows:
            lines.append(f"{row.label} " + " ".join(text(f"active.{row.id}.{c.id}") for c in block.columns))
    lines += ["## 表二：主动公开政府信息情况", _md_row([c.label for c in first.columns], "信息内容")]
    lines.append(SEPARATOR[: 4 * (len(first.columns) + 1) + 1])
    for row in first.rows:
        lines.append(_md_row([text(f"active.{row.id}.{c.id}") for c in first.columns], row.label))
    lines += [
        "",
        "二、收到和处理政府信息公开申请情况",
        "申请人情况",
        "## 表三：收到和处理政府信息公开申请情况",
    ]
    block = fmt.table("requests").blocks[0]
    pending: list[str] = []
    for row in block.rows:
        values = [text(f"requests.{row.id}.{c.id}") for c in block.columns]
        if row.id == drop_value_row:
            lines += _broken(row.label)
            continue
        if row.group in {"denied", "unavailable", "not_processed", "other"}:
            if row.id == "other.no_supplement":
                lines += [_md_row(values, "行政机关不再处理其政府信息公"), SEPARATOR]  # cut short
                continue
            pending += _broken(row.label)
            lines += ["", *pending, _md_row(values), SEPARATOR]
            pending = []
        else:
            lines += [_md_row(values, row.label), SEPARATOR]
    lines += ["", "三、政府信息公开行政复议、行政诉讼情况"]
    appeals = fmt.table("appeals").blocks[0]
    for row, name in zip(
        appeals.rows, ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"], strict=True
    ):
        lines += [f"### {name}", _md_row([c.label for c in appeals.columns]), "|---|---|---|---|---|"]
        lines.append(_md_row([text(f"appeals.{row.id}.{c.id}") for c in appeals.columns]))
    lines += ["", "（一）主要问题", "栏目设置有待优化。", "五、其他需要报告的事项", "无。"]
    return "\n".join(lines) + "\n"


def test_a_pdf_to_markdown_conversion_is_read_whole(example_2021: dict[str, Any]) -> None:
    data = busy_2021(example_2021, "某某市科学技术委员会")
    imported = import_text(converted_markdown(data))
    assert imported.data["meta"]["year"] == 2024
    assert_every_cell(imported, data)
    placed = {c for i in imported.issues if i.kind == "inferred" for c in i.cells}
    assert "requests.unavailable.not_held.total" in placed  # placed by table order, and said so
    assert "requests.other.no_supplement.total" in placed  # a label cut short


def test_rows_of_numbers_are_not_placed_when_one_is_missing(example_2021: dict[str, Any]) -> None:
    """A converter that lost a row of numbers: the rows around it cannot be placed by order."""
    data = busy_2021(example_2021, "某某市科学技术委员会")
    imported = import_text(converted_markdown(data, drop_value_row="unavailable.needs_creation"))
    got, want = cells(imported.data), cells(data)
    assert {k: (got[k], want[k]) for k in want if got[k] is not None and got[k] != want[k]} == {}
    unread = {k for k in want if got[k] is None}
    assert "requests.unavailable.needs_creation.total" in unread
    listed = {c for i in imported.issues if i.kind in {"missing_row", "unreadable"} for c in i.cells}
    assert unread <= listed


def test_a_converted_markdown_report_is_audited(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    data = busy_2021(example_2021, "某某市科学技术委员会")
    path = tmp_path / "kewei-2024.md"
    path.write_text(converted_markdown(data), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path), "--json"])
    assert result.exit_code in {0, 1}, result.output
    audit = json.loads(result.stdout)
    assert not [f for f in audit["findings"] if f["severity"] == "error" and f["rule"].startswith("T")]
    # A draft of ours is still a draft.
    draft = tmp_path / "draft.md"
    draft.write_text('# 草稿\n\n<table data-table="active"></table>\n', encoding="utf-8")
    refused = runner.invoke(app, ["audit", str(draft)])
    assert refused.exit_code == 2
    assert "草稿" in refused.output


# ------------------------------------------------------------------- labels as PDF text prints them


def _pdf_rows(data: dict[str, Any], printed: dict[str, list[str]]) -> str:
    """Table 三 of a report as `pdftotext -layout`, with some row labels printed as `printed` says
    (their lines; the numbers go on the last line)."""
    text = report_text(data, "pdf_layout", head=[TITLE])
    block = report_of(data).format.table("requests").blocks[0]
    texts = texts_of(data)
    out = []
    for line in text.splitlines():
        row = next((r for r in block.rows if r.id in printed and line.strip().startswith(r.label[:14])), None)
        if row is None:
            if any(
                line.strip() and r.label[14:] and line.strip() == r.label[14:]
                for r in block.rows
                if r.id in printed
            ):
                continue  # the wrapped rest of a label replaced below
            out.append(line)
            continue
        *head, last = printed[row.id]
        values = "".join(f"{texts(f'requests.{row.id}.{c.id}'):>7}" for c in block.columns)
        out += [f"    {x}" for x in head] + [f"    {last:<16}{values}"]
    return "\n".join(out) + "\n"


def test_a_misprinted_label_and_a_margin_fragment_inside_a_wrapped_label(
    example_2021: dict[str, Any],
) -> None:
    data = busy_2021(example_2021, "某某市科学技术委员会")
    text = _pdf_rows(
        data,
        {
            "denied.prohibited_by_law": ["2.其他法律行政止公开"],  # a misprint of the agency's table
            # The group label printed down the margin lands inside the wrapped row label.
            "other.no_fee_paid": ["2、申请人逾期未按收费通知要", "他处理", "求缴纳费用、行政机关不再处理"],
        },
    )
    assert "行政止公开" in text and "\n    他处理\n" in text
    assert_every_cell(import_text(text), data)


def test_a_missing_row_never_takes_its_siblings_numbers() -> None:
    """Sibling labels differ in a few characters; a row left out must not take the next one's cells."""
    data = put(zero_data(2023, "某某县人民政府"), {"requests.other.no_fee_paid.natural_person": 6})
    put(
        data,
        {"requests.other.no_fee_paid.total": 6, "requests.new.natural_person": 6, "requests.new.total": 6},
    )
    put(data, {"requests.total.natural_person": 6, "requests.total.total": 6})
    text = report_text(data, "spaced", head=["某某县人民政府2023年政府信息公开工作年度报告"])
    label = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert label in text
    text = "\n".join(line for line in text.splitlines() if label not in line)
    imported = import_text(text)
    got = cells(imported.data)
    assert got["requests.other.no_fee_paid.natural_person"] == 6
    assert got["requests.other.no_supplement.natural_person"] is None
    assert "requests.other.no_supplement.total" in imported.unreadable_cells


# ------------------------------------------------------------- a group printed as an older template


def _single_other_row(data: dict[str, Any], values: str) -> str:
    """A 2021 report whose （六）其他处理 is one row, as the 2019 template prints it."""
    text = report_text(data, "spaced", head=["某某区人民政府2023年政府信息公开工作年度报告"])
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith("（六）其他处理"):
            out.append(f"（六）其他处理 {values}")
        elif line.startswith(("1.申请人无正当理由", "2.申请人逾期未按收费", "3.其他 ")):
            continue
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def test_a_group_printed_as_one_row_of_zeros_is_read_and_reported_under_x1(tmp_path: Path) -> None:
    data = zero_data(2023, "某某区人民政府")
    text = _single_other_row(data, "0 0 0 0 0 0 0")
    imported = import_text(text)
    assert_every_cell(imported, data)  # the sub-rows are 0: counts cannot be negative
    layout = [i for i in imported.issues if i.kind == "layout"]
    assert len(layout) == 1 and "（六）其他处理" in layout[0].message
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = audit_file(path)
    x1 = [f for f in result.check.findings if f.rule == "X-1"]
    assert x1 and x1[0].severity == "error"
    assert "requests.other.other.total" in x1[0].cells


def test_a_group_printed_as_one_row_with_figures_is_not_divided() -> None:
    data = zero_data(2023, "某某区人民政府")
    imported = import_text(_single_other_row(data, "2 0 0 0 0 0 2"))
    got = cells(imported.data)
    assert got["requests.other.other.total"] is None
    assert "requests.other.no_supplement.natural_person" in imported.unreadable_cells
    assert [i for i in imported.issues if i.kind == "layout"]


# ----------------------------------------------------------------- table text is never prose


def test_a_table_flattened_after_a_sentence_is_not_prose(
    tmp_path: Path, example_2021: dict[str, Any]
) -> None:
    """One-line crawls run a section's sentence into its flattened table ("…共收到申请72件。（本列数据的
    勾稽关系为…）…3000003…"), and table 四's header and digits into the next heading ("…000…五、存在的
    主要问题及明年工作计划2024年，…"): the table stays out of the prose, the sentences stay in."""
    from tests.review.real_forms import one_line

    data = busy_2021(example_2021, "某某市市场监督管理局")
    prose = {
        "三": ["2024年，共收到政府信息公开申请72件。"],
        "四": ["2024年，发生行政复议4件。"],
        "五": ["2024年，我局政府信息公开工作仍有不足。"],
    }
    text = report_text(
        data, "digit_runs", head=["某某市市场监督管理局2024年政府信息公开工作年度报告"], prose=prose
    )
    text = one_line(text.replace("五、存在的主要问题及改进情况", "五、存在的主要问题及明年工作计划"))
    imported = import_text(text)
    paragraphs = {b.section: b.text for b in imported.draft.blocks if b.kind == "paragraph"}
    assert paragraphs["requests"] == prose["三"][0]
    assert paragraphs["appeals"] == prose["四"][0]
    assert paragraphs["problems"].startswith(prose["五"][0])
    path = tmp_path / "crawl.txt"
    path.write_text(text, encoding="utf-8")
    findings = audit_file(path).check.findings
    assert not [f for f in findings if f.severity == "error" and f.rule.startswith("P")]


def test_a_total_row_that_breaks_its_own_sum_is_split_by_the_columns(tmp_path: Path) -> None:
    """ "（七）总计191000019": no split makes the row add up (the report counts one application twice),
    but one split agrees with every column's sum of the result rows; it is read, and the audit
    reports the broken row (T3-2) instead of leaving it unread."""
    data = zero_data(2023, "某某县自然资源局")
    put(data, {"requests.new.natural_person": 19, "requests.new.total": 19})
    put(data, {"requests.granted.natural_person": 7, "requests.granted.total": 7})
    put(data, {"requests.unavailable.not_held.natural_person": 4, "requests.unavailable.not_held.total": 4})
    put(data, {"requests.partially_granted.natural_person": 8, "requests.partially_granted.business": 1})
    put(data, {"requests.partially_granted.total": 8})
    put(data, {"requests.total.natural_person": 19, "requests.total.business": 1, "requests.total.total": 19})
    text = report_text(data, "digit_runs", head=["某某县自然资源局2023年政府信息公开工作年度报告"])
    assert "（七）总计191000019" in text
    imported = import_text(text)
    got = cells(imported.data)
    assert [got[f"requests.total.{c}"] for c in ("natural_person", "business", "research", "total")] == [
        19,
        1,
        0,
        19,
    ]
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    broken = [f for f in audit_file(path).check.findings if f.rule == "T3-2" and f.severity == "error"]
    assert any("requests.total.total" in f.cells for f in broken)


def test_the_agency_from_an_opening_sentence_without_a_year() -> None:
    """An excerpt without a title whose first sentence names the agency ("青禾县住建局高度重视…")."""
    data = zero_data(2019, "青禾县住建局")
    prose = {"一": ["青禾县住建局高度重视政府信息公开工作。2019年，共主动公开政府信息227条。"]}
    imported = import_text(report_text(data, "pipe_rows", head=[], prose=prose))
    assert (imported.data["meta"]["agency"], imported.data["meta"]["year"]) == ("青禾县住建局", 2019)
    assert any(i.location == "meta.agency" and "正文首句" in i.message for i in imported.issues)


def test_a_cell_printed_with_a_stray_space_is_joined_only_where_the_row_total_confirms_it(
    example_2021: dict[str, Any],
) -> None:
    """ "5 8 9 1 0 3 1 72" for 58 9 1 0 3 1 72: one join makes the row add up, and it is read; a
    row with no total of its own ("行政许可 2 134") is never joined."""
    data = busy_2021(example_2021, "某某市市场监督管理局")
    text = report_text(data, "spaced", head=["某某市市场监督管理局2024年政府信息公开工作年度报告"])
    row = "一、本年新收政府信息公开申请数量 58 9 1 0 3 1 72"
    assert row in text and "行政许可 2134" in text
    text = text.replace(row, row.replace("58", "5 8")).replace("行政许可 2134", "行政许可 2 134")
    imported = import_text(text)
    assert_every_cell(imported, data, unplaced={"active.licensing.decisions"})
    joined = [i for i in imported.issues if i.kind == "inferred" and i.location == "requests.new"]
    assert joined and "58 9 1 0 3 1 72" in joined[0].message
