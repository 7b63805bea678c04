"""Markdown export: the reviewable text of a report.

Follows the conventions `Draft.from_markdown` reads back (see `model/draft.py`): `# title`,
`## 一、…`, `### （一）…`, one paragraph per line with a blank line between paragraphs (so diffs stay
clean), each official table as an HTML block `<table data-table="…">` with its merged headers as
rowspan/colspan (one `<tr>` per line), and the closing `<!-- signature -->…` line. The numbers come
from the same layout and values as the Word document.
"""

from __future__ import annotations

from html import escape

from report_copilot.errors import CopilotError
from report_copilot.model.draft import SIGNATURE_MARK, Block, Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.layout import UNCHECKED_MARK, cell_texts, document_blocks, one_line, table_layout

UNCHECKED_COMMENT = "<!-- unchecked -->"
"""Prefix of the visible 未通过数字核对 line: a comment, so reading the draft back skips it."""


def render_table_html(report: ReportBase, table_id: str) -> str:
    """One official table as HTML with merged headers; numbers right-aligned."""
    try:
        layout = table_layout(report.format, table_id)
    except StopIteration:
        raise CopilotError(
            f"草稿引用了「{report.format.name}」中没有的表格「{table_id}」", location=f"table:{table_id}"
        ) from None
    texts = cell_texts(layout, report)
    lines = [f'<table data-table="{table_id}">']
    for r, row in enumerate(layout.rows()):
        parts: list[str] = []
        for cell in row:
            tag = "td" if cell.role == "value" else "th"
            attrs = ""
            if cell.row_span > 1:
                attrs += f' rowspan="{cell.row_span}"'
            if cell.col_span > 1:
                attrs += f' colspan="{cell.col_span}"'
            if cell.role == "value":
                attrs += ' align="right"'
            elif cell.role in {"label", "group"}:
                attrs += ' align="left"'
            parts.append(f"<{tag}{attrs}>{escape(texts[(cell.row, cell.col)], quote=False)}</{tag}>")
        if r == 0 and layout.header_rows:
            lines.append("<thead>")
        if r == layout.header_rows and layout.header_rows:
            lines.append("</thead>")
            lines.append("<tbody>")
        lines.append("<tr>" + "".join(parts) + "</tr>")
    if layout.header_rows:
        lines.append("</tbody>")
    lines.append("</table>")
    return "\n".join(lines)


def _block_markdown(block: Block, report: ReportBase) -> str:
    text = one_line(block.text)
    match block.kind:
        case "title":
            return f"# {text}"
        case "heading":
            return f"## {text}" if block.level <= 1 else f"### {text}" if block.level == 2 else text
        case "table":
            return render_table_html(report, block.text.strip())
        case "signature":
            return f"{SIGNATURE_MARK}{text}"
        case _:
            return text


def render_markdown(draft: Draft, report: ReportBase, *, unchecked_mark: bool = False) -> str:
    """The whole report as Markdown; `unchecked_mark` puts the visible 未通过数字核对 line at the top."""
    chunks: list[str] = []
    if unchecked_mark:
        chunks.append(f"{UNCHECKED_COMMENT}<p><strong>{escape(UNCHECKED_MARK, quote=False)}</strong></p>")
    for block in document_blocks(draft, report):
        chunk = _block_markdown(block, report)
        if chunk:
            chunks.append(chunk)
    return "\n\n".join(chunks) + "\n"
