"""Crafted published reports: any report data printed the ways agencies publish it.

The generator walks the format definition (not a fixed text), so a test can print any report — 2019
or 2021 format, with labels broken at chosen places, heading variants, as PDF-style text, an HTML
page with real `<table>`s, or a Word file — and compare what the importer reads with the data.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.cells import CellValues
from report_copilot.model.formats import BlockDef, FormatDefinition
from report_copilot.model.report import Money, ReportBase

HEADINGS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
VARIANT_HEADINGS = {
    **HEADINGS,
    "四": "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
    "五": "五、政府信息公开工作存在的主要问题及改进情况",
}


def report_of(data: dict[str, Any]) -> ReportBase:
    return report_from_data(data, with_previous=False)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Money):
        return f"{value.value}{value.unit}" if value.unit != "元" or value.value else str(value.value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def cell_text(values: CellValues, cid: str) -> str:
    raw = values.raw(cid)
    return _text(raw if raw is not None else values.get(cid))


class Breaker:
    """Breaks labels as PDF text layers do: at a random place, by a line break or spaces."""

    def __init__(self, seed: int, enabled: bool) -> None:
        self.rng = random.Random(seed)
        self.enabled = enabled

    def __call__(self, label: str) -> str:
        if not self.enabled or len(label) < 4:
            return label
        cut = self.rng.randrange(2, len(label) - 1)
        sep = self.rng.choice(["\n", "\n\n", " ", "\n \n"])
        return label[:cut] + sep + label[cut:]


def _chain(block: BlockDef, row_group: str | None) -> list[str]:
    out: list[str] = []
    group = block.row_group(row_group) if row_group else None
    while group is not None:
        if not group.virtual:
            out.insert(0, group.label)
        group = block.row_group(group.parent) if group.parent else None
    return out


def prose(report: ReportBase) -> dict[str, list[str]]:
    values = CellValues.of(report)
    new = values.get("requests.new.total")
    review = values.get("appeals.review.total")
    return {
        "一": [
            f"{report.meta.year}年，本机关认真贯彻《中华人民共和国政府信息公开条例》，全面推进政务公开工作。",
            f"全年共收到政府信息公开申请{new}件，均在法定期限内答复。",
            f"因政府信息公开引起行政复议{review}件。",
        ],
        "五": ["存在的主要问题是公开的及时性有待提高。下一步将加强培训。"],
        "六": ["本年度未收取信息处理费。"],
    }


def published_text(
    data: dict[str, Any],
    *,
    seed: int = 0,
    break_labels: bool = True,
    headings: dict[str, str] = HEADINGS,
    row_override: dict[str, str] | None = None,
) -> str:
    """The report as text extracted from a PDF: broken labels, spaces between cells, blank lines."""
    report = report_of(data)
    fmt: FormatDefinition = report.format
    values = CellValues.of(report)
    brk = Breaker(seed, break_labels)
    lines = [report.meta.agency, f"{report.meta.year} 年政府信息公开工作年度报告", ""]
    lines += ["依据《中华人民共和国政府信息公开条例》第五十条之规定，现将本年度情况报告如下。", ""]
    texts = prose(report)
    for numeral in "一二三四五六":
        lines += [headings[numeral], ""]
        lines += [t for t in texts.get(numeral, []) for t in (t, "")]
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is None:
            continue
        if table.layout == "single_row":
            block = table.blocks[0]
            lines += ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉"]
            lines += [brk(c.label) for _ in block.rows for c in block.columns]
            lines.append(
                " ".join(
                    cell_text(values, f"{table.id}.{r.id}.{c.id}") for r in block.rows for c in block.columns
                )
            )
            lines.append("")
            continue
        if table.note:
            lines += [brk(table.note), ""]
        for block in table.blocks:
            if block.caption:
                lines.append(block.caption)
            lines.append(" ".join([block.header or "信息内容", *(brk(c.label) for c in block.columns)]))
            previous_chain: list[str] = []
            for row in block.rows:
                chain = _chain(block, row.group)
                shown = [g for k, g in enumerate(chain) if k >= len(previous_chain) or previous_chain[k] != g]
                previous_chain = chain
                label = (row_override or {}).get(row.id, row.label)
                cells = " ".join(cell_text(values, f"{table.id}.{row.id}.{c.id}") for c in block.columns)
                lines.append("".join(brk(x) + "\n" for x in shown) + brk(label) + " " + cells)
                lines.append("")
    return "\n".join(lines) + "\n"


def published_html(data: dict[str, Any], *, run_together: str | None = None) -> str:
    """The report as a saved web page, its tables as real `<table>`s with merged header cells."""
    report = report_of(data)
    fmt = report.format
    values = CellValues.of(report)
    out = [
        "<html><head><meta charset='utf-8'><title>年报</title></head><body>",
        "<div class='nav'>首页 &gt; 政务公开 &gt; 年度报告</div>",
        f"<h1>{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告</h1>",
        "<p>依据《中华人民共和国政府信息公开条例》，现将本年度情况报告如下。</p>",
    ]
    texts = prose(report)
    for numeral in "一二三四五六":
        out.append(f"<p><strong>{HEADINGS[numeral]}</strong></p>")
        out += [f"<p>{t}</p>" for t in texts.get(numeral, [])]
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is None:
            continue
        out.append("<table border='1'>")
        if table.layout == "single_row":
            block = table.blocks[0]
            out.append("<tr><td colspan='5' rowspan='2'>行政复议</td><td colspan='10'>行政诉讼</td></tr>")
            out.append("<tr><td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>")
            out.append(
                "<tr>" + "".join(f"<td>{c.label}</td>" for _ in block.rows for c in block.columns) + "</tr>"
            )
            cells = [
                cell_text(values, f"{table.id}.{r.id}.{c.id}") for r in block.rows for c in block.columns
            ]
            out.append("<tr>" + "".join(f"<td>{v}</td>" for v in cells) + "</tr>")
        else:
            for block in table.blocks:
                width = len(block.columns) + 3
                if block.caption:
                    out.append(f"<tr><td colspan='{width}'>{block.caption}</td></tr>")
                out.append(
                    f"<tr><td colspan='3'>{block.header or '信息内容'}</td>"
                    + "".join(f"<td>{c.label}</td>" for c in block.columns)
                    + "</tr>"
                )
                seen: list[str] = []
                for row in block.rows:
                    chain = _chain(block, row.group)
                    tds = []
                    for g in chain:
                        if g not in seen:
                            span = sum(1 for r in block.rows if g in _chain(block, r.group))
                            tds.append(f"<td rowspan='{span}'>{g}</td>")
                            seen.append(g)
                    tds.append(f"<td colspan='{3 - len(chain)}'>{row.label}</td>")
                    cells = [cell_text(values, f"{table.id}.{row.id}.{c.id}") for c in block.columns]
                    if row.id == run_together:
                        tds.append(f"<td>{''.join(cells)}</td>")
                    else:
                        tds += [f"<td>{v}</td>" for v in cells]
                    out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    out.append("<div>版权所有：某某市人民政府 网站标识码 1234567890</div></body></html>")
    return "\n".join(out)


def published_docx(data: dict[str, Any], path: Path) -> None:
    """The report as a Word file: paragraphs and tables, group labels merged down their rows."""
    import docx

    report = report_of(data)
    fmt = report.format
    values = CellValues.of(report)
    document = docx.Document()
    document.add_paragraph(f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
    texts = prose(report)
    for numeral in "一二三四五六":
        document.add_paragraph(HEADINGS[numeral])
        for t in texts.get(numeral, []):
            document.add_paragraph(t)
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is None:
            continue
        if table.layout == "single_row":
            block = table.blocks[0]
            labels = [c.label for _ in block.rows for c in block.columns]
            grid = document.add_table(rows=2, cols=len(labels))
            for k, label in enumerate(labels):
                grid.cell(0, k).text = label
            for k, v in enumerate(
                cell_text(values, f"{table.id}.{r.id}.{c.id}") for r in block.rows for c in block.columns
            ):
                grid.cell(1, k).text = v
            continue
        for block in table.blocks:
            n = len(block.columns)
            grid = document.add_table(rows=1 + len(block.rows), cols=3 + n)
            head = grid.cell(0, 0).merge(grid.cell(0, 2))
            head.text = block.caption or block.header or "信息内容"
            for k, c in enumerate(block.columns):
                grid.cell(0, 3 + k).text = c.label
            spans: dict[str, tuple[int, int, int]] = {}
            for i, row in enumerate(block.rows, start=1):
                chain = _chain(block, row.group)
                for level, g in enumerate(chain):
                    first, _, _ = spans.get(g, (i, i, level))
                    spans[g] = (first, i, level)
                label_cell = grid.cell(i, len(chain))
                if len(chain) < 2:
                    label_cell = label_cell.merge(grid.cell(i, 2))
                label_cell.text = row.label
                for k, c in enumerate(block.columns):
                    grid.cell(i, 3 + k).text = cell_text(values, f"{table.id}.{row.id}.{c.id}")
            for g, (first, last, level) in spans.items():
                merged = (
                    grid.cell(first, level).merge(grid.cell(last, level))
                    if last > first
                    else grid.cell(first, level)
                )
                merged.text = g
    document.save(str(path))
