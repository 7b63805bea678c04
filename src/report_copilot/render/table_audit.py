"""Self-audit of the tables of a written Word document against the official layout and the data.

The tables are read from the WordprocessingML itself (gridSpan across, vMerge down), so a merge that
python-docx would paper over is still caught; every cell's text must equal what the data gives.
"""

from __future__ import annotations

from typing import Any

from report_copilot.checks.findings import Finding
from report_copilot.model.formats import FormatDefinition
from report_copilot.model.report import ReportBase
from report_copilot.render.audit_common import error_finding, qn
from report_copilot.render.layout import LayoutCell, cell_texts, table_layout

__all__ = ["audit_tables", "read_table_grid"]


def _cell_text(tc: Any) -> str:
    paragraphs = tc.findall(qn("w:p"))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs)


def read_table_grid(
    tbl: Any,
) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[tuple[int, int], str], int]:
    """(grid position → position of the cell that covers it, origin → text, number of rows)."""
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    texts: dict[tuple[int, int], str] = {}
    rows = tbl.findall(qn("w:tr"))
    for r, tr in enumerate(rows):
        c = 0
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span_el = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            continues = vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue")
            if continues and (r - 1, c) in origin:
                top = origin[(r - 1, c)]
            else:
                top = (r, c)
                texts[top] = _cell_text(tc)
            for k in range(span):
                origin[(r, c + k)] = top
            c += span
    return origin, texts, len(rows)


def audit_tables(document: Any, draft_tables: list[str], report: ReportBase) -> list[Finding]:
    tables = document.element.body.findall(qn("w:tbl"))
    out: list[Finding] = []
    if len(tables) != len(draft_tables):
        out.append(
            error_finding(
                "EXPORT-TABLE",
                "tables",
                f"Word 文档中有 {len(tables)} 张表格，草稿中应有 {len(draft_tables)} 张",
                expected=len(draft_tables),
                actual=len(tables),
            )
        )
    for tbl, table_id in zip(tables, draft_tables, strict=False):
        out.extend(_audit_table(tbl, table_id, report))
    return out


def _audit_table(tbl: Any, table_id: str, report: ReportBase) -> list[Finding]:
    """One table against the official layout: its shape, every merge, every cell's text."""
    fmt = report.format
    out: list[Finding] = []
    layout = table_layout(fmt, table_id)
    title = fmt.table(table_id).title
    origin, texts, n_rows = read_table_grid(tbl)
    n_cols = 1 + max((c for _, c in origin), default=-1)
    if (n_rows, n_cols) != (layout.n_rows, layout.n_cols):
        out.append(
            error_finding(
                "EXPORT-TABLE",
                f"table:{table_id}",
                f"「{title}」为 {n_rows} 行 {n_cols} 列，官方表样为 {layout.n_rows} 行 {layout.n_cols} 列",
            )
        )
        return out
    expected = cell_texts(layout, report)
    for spec in layout.cells:
        covered = {
            origin.get((r, c))
            for r in range(spec.row, spec.last_row + 1)
            for c in range(spec.col, spec.last_col + 1)
        }
        if covered != {(spec.row, spec.col)}:
            what = spec.text or (fmt.cell(spec.cell_id).where if spec.cell_id else "")
            out.append(
                error_finding(
                    "EXPORT-TABLE",
                    f"table:{table_id}:{spec.row + 1},{spec.col + 1}",
                    f"「{title}」第 {spec.row + 1} 行第 {spec.col + 1} 列（{what}）的合并单元格与官方表样不符",
                )
            )
            continue
        want = expected[(spec.row, spec.col)]
        got = texts.get((spec.row, spec.col), "")
        if got != want:
            out.append(_text_finding(fmt, spec, table_id, title, want, got))
    return out


def _text_finding(
    fmt: FormatDefinition, spec: LayoutCell, table_id: str, title: str, want: str, got: str
) -> Finding:
    """A cell whose text differs: a data cell by its official path, a header cell by its position."""
    if spec.cell_id:
        cell = fmt.cell(spec.cell_id)
        return error_finding(
            "EXPORT-TABLE",
            spec.cell_id,
            f"Word 文档中「{cell.where}」为「{got}」，数据为「{want}」",
            where=cell.where,
            expected=want,
            actual=got,
            cells=[spec.cell_id],
        )
    return error_finding(
        "EXPORT-TABLE",
        f"table:{table_id}:{spec.row + 1},{spec.col + 1}",
        f"「{title}」第 {spec.row + 1} 行第 {spec.col + 1} 列表头为「{got}」，官方表样为「{want}」",
        expected=want,
        actual=got,
    )
