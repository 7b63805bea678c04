"""The tables of a Markdown draft against the data (rule D-2).

Tables are always rendered from the data file; reading a draft back drops their bodies
(`Draft.from_markdown`). A clerk who edits a figure in a table of the .md would therefore see the
edit silently vanish from the Word document. So every table body written in the draft is compared,
cell by cell, with what the data renders; each difference is an error naming the cell, and the
figure must be changed in the data file instead.
"""

from __future__ import annotations

import re
from html import unescape

from report_copilot.checks.findings import Finding
from report_copilot.model.report import ReportBase
from report_copilot.render.layout import LayoutCell, cell_texts, table_layout

__all__ = ["RULE", "table_findings"]

RULE = "D-2"
_ADVICE = "表格数值请在数据文件中修改"
_TABLE = re.compile(r'<table\b[^>]*data-table="([a-z_]+)"[^>]*>(.*?)</table>', re.DOTALL | re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL | re.IGNORECASE)
_CELL = re.compile(r"<(td|th)\b[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _text(html: str) -> str:
    return re.sub(r"\s+", "", unescape(_TAG.sub("", html)))


def _rows(body: str) -> list[list[str]]:
    return [[_text(c.group(2)) for c in _CELL.finditer(row.group(1))] for row in _ROW.finditer(body)]


def table_findings(markdown: str, report: ReportBase) -> list[Finding]:
    """One error per table cell of `markdown` that differs from the data (or per reshaped table).

    An empty table element (`<table data-table="…"></table>`) is a placeholder and always fine.
    """
    findings: list[Finding] = []
    tables = {t.id: t for t in report.format.tables}
    for match in _TABLE.finditer(markdown):
        table_id, body = match.group(1), match.group(2)
        if table_id not in tables:
            continue  # an unknown table is the structure check's (D-1) and the renderer's concern
        actual = _rows(body)
        if not actual:
            continue
        layout = table_layout(report.format, table_id)
        expected = cell_texts(layout, report)
        rows = layout.rows()
        title = tables[table_id].title
        if [len(r) for r in actual] != [len(r) for r in rows]:
            findings.append(
                Finding(
                    rule=RULE,
                    severity="error",
                    location=f"table:{table_id}",
                    where=title,
                    message=f"草稿中{title}的表格行列被改动（应为 {len(rows)} 行）；{_ADVICE}，草稿中的表格会按数据重新生成",
                )
            )
            continue
        for row, texts in zip(rows, actual, strict=True):
            for cell, text in zip(row, texts, strict=True):
                want = re.sub(r"\s+", "", expected[(cell.row, cell.col)])
                if text != want:
                    findings.append(_cell_finding(report, title, table_id, cell, text, want))
    return findings


def _cell_finding(
    report: ReportBase, title: str, table_id: str, cell: LayoutCell, text: str, want: str
) -> Finding:
    if cell.cell_id:
        where = report.format.cell(cell.cell_id).where
        return Finding(
            rule=RULE,
            severity="error",
            location=cell.cell_id,
            where=where,
            message=f"草稿表格中“{where}”为“{text or '空白'}”，数据文件中为“{want or '空白'}”：{_ADVICE}",
            expected=want,
            actual=text,
            cells=[cell.cell_id],
        )
    return Finding(
        rule=RULE,
        severity="error",
        location=f"table:{table_id}",
        where=title,
        message=f"草稿中{title}的表头“{want}”被改为“{text}”：{_ADVICE}",
        expected=want,
        actual=text,
    )
