"""Crafted reports in the forms real published reports take on the web (no real report text).

Each official table is first laid out as the agency prints it — physical rows of cells, with caption
and header rows, group labels in their own cells, and rows shorter than the table (a caption spans
the width) — then written out in one of the dialects crawls and saves produce:

- `pipe_lines`: every cell on its own line as "text |", an empty cell as a lone "|", a short row
  padded with a run of borders ("||");
- `pipe_rows`: a row per line, "a | b | c |", padded with a run of borders (" ||");
- `markdown`: "| a | b | c | " with a leading border, padded likewise;
- `row_marker_lines`: a lone "|" opens each row, then one cell per line;
- `blank_lines`: one cell per line and a blank line between cells (the borders are lost);
- `html`: a saved page whose `<table>`s use rowspan/colspan, `<th>`, `<p>`/`<span>` in cells and
  `&nbsp;` for an empty cell.

Cell texts come from report data, with per-cell overrides for what agencies print instead of a
number: "" (left blank), "/" or "—" (nothing to report), "+19" (a signed change).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from report_copilot.model.cells import CellValues
from report_copilot.model.formats import BlockDef, FormatDefinition, TableDef
from report_copilot.service.init import new_report_data
from tests.review.published import cell_text, report_of

Rows = list[list[str]]


def zero_data(year: int, agency: str) -> dict[str, Any]:
    """A report with every cell 0 (the commonest report of a small agency)."""
    data = new_report_data(year=year, agency=agency, format_id=None, zeros=True)
    data.pop("previous", None)
    return data


def put(data: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Set cells in place (cell id = dotted JSON path) and return the data."""
    for cid, value in values.items():
        node = data
        *parents, last = cid.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return data


def _chain(block: BlockDef, group_id: str | None) -> list[str]:
    out: list[str] = []
    group = block.row_group(group_id) if group_id else None
    while group is not None:
        if not group.virtual:
            out.insert(0, group.label)
        group = block.row_group(group.parent) if group.parent else None
    return out


def table_rows(table: TableDef, texts: Callable[[str], str]) -> tuple[Rows, int]:
    """The physical rows of one official table and its width in cells."""
    rows: Rows = []
    if table.layout == "single_row":
        block = table.blocks[0]
        rows.append(["行政复议", "行政诉讼"])
        rows.append(
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]
        )
        rows.append([c.label for c in block.columns] * 2)
        rows.append([texts(f"{table.id}.{r.id}.{c.id}") for r in block.rows for c in block.columns])
        return rows, 15
    if table.id == "requests":
        block = table.blocks[0]
        rows.append([table.note or "", "申请人情况"])
        rows.append(["自然人", "法人或其他组织", "总计"])
        rows.append(["商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其他"])
        seen: list[str] = []
        for row in block.rows:
            labels = [g for g in _chain(block, row.group) if g not in seen]
            seen += labels
            cells = [texts(f"{table.id}.{row.id}.{c.id}") for c in block.columns]
            rows.append([*labels, row.label, *cells])
        return rows, 3 + len(block.columns)
    width = 1 + max(len(b.columns) for b in table.blocks)
    for block in table.blocks:
        if block.caption:
            rows.append([block.caption])
        rows.append([block.header or "信息内容", *(c.label for c in block.columns)])
        for row in block.rows:
            rows.append([row.label, *(texts(f"{table.id}.{row.id}.{c.id}") for c in block.columns)])
    return rows, width


def pipe_lines(rows: Rows, width: int) -> list[str]:
    out: list[str] = []
    for row in rows:
        out += [f"{c} |" if c else "|" for c in row]
        if len(row) < width:
            out.append("|" * (width - len(row)))
    return out


def pipe_rows(rows: Rows, width: int) -> list[str]:
    out = []
    for row in rows:
        pad = width - len(row)
        out.append(" | ".join(row) + " |" + (" " + "|" * pad if pad > 0 else ""))
    return out


def markdown(rows: Rows, width: int) -> list[str]:
    out = []
    for row in rows:
        pad = width - len(row)
        out.append("| " + " | ".join(row) + " | " + ("|" * pad if pad > 0 else ""))
    return out


def row_marker_lines(rows: Rows, width: int) -> list[str]:
    out: list[str] = []
    for row in rows:
        out.append("|")
        lines = [f"{c} |" if c else "|" for c in row]
        pad = width - len(row)
        if pad > 0:
            lines[-1] += " " + "|" * pad
        out += lines
    return out


def blank_lines(rows: Rows, width: int) -> list[str]:
    out: list[str] = []
    for row in rows:
        for c in row:
            out += [c, ""]
    return out


def spaced(rows: Rows, width: int) -> list[str]:
    """Borders lost, a row's cells separated by single spaces (a page's text copied as is)."""
    return [" ".join(c for c in row if c) for row in rows]


def digit_runs(rows: Rows, width: int) -> list[str]:
    """Borders and spaces lost: each row's cells run together, its digits glued to its label and to
    the next row's ordinal (`…属于国家秘密00000002.其他法律…`), as some crawls flatten a table."""
    return ["".join("".join(row) for row in rows)]


def pdf_layout(rows: Rows, width: int) -> list[str]:
    """`pdftotext -layout`: cells aligned by runs of spaces, a row label over 14 characters wrapped
    onto a second line, and a group label that spans rows printed vertically, one character a line
    between the rows (the value cells stay on the row's first line)."""
    out: list[str] = []
    vertical: list[str] = []
    for row in rows:
        labels = [c for c in row if c and not c.lstrip("-").replace(".", "").isdigit()]
        values = (
            row[len(labels) :] if all(not c or c.lstrip("-").isdigit() for c in row[len(labels) :]) else []
        )
        if not values or not labels:
            out.append("   ".join(row))
            continue
        *groups, label = labels
        for group in groups:
            vertical += list(group)  # printed down the margin while its rows go by
        first, rest = label[:14], label[14:]
        if vertical:
            out.append(vertical.pop(0))
        out.append(f"    {first:<16}" + "".join(f"{v or '':>7}" for v in values))
        if rest:
            out.append(f"    {rest}")
    out += vertical
    return out


def tab_fields(rows: Rows, width: int) -> list[str]:
    """A table copied from Word or a browser into a text file: a row a line, each cell once between
    tabs (a merged cell in its first row only), an empty cell an empty field."""
    return ["\t".join(row) for row in rows]


DIALECTS: dict[str, Callable[[Rows, int], list[str]]] = {
    "pipe_lines": pipe_lines,
    "pipe_rows": pipe_rows,
    "markdown": markdown,
    "row_marker_lines": row_marker_lines,
    "blank_lines": blank_lines,
    "spaced": spaced,
    "digit_runs": digit_runs,
    "pdf_layout": pdf_layout,
    "tab_fields": tab_fields,
}

CHROME_HEAD = "当前位置：首页 › 政务公开 › 政府信息公开年报 字号：大 中 小 打印 关闭 全真版 文字版 文件下载"
CHROME_TAIL = "附件下载： 相关链接： 分享到： 微信 微博 QQ空间 主办单位：某某县人民政府办公室 承办单位：某某县大数据中心"


def one_line(text: str) -> str:
    """A crawl that keeps the whole page on one line, site chrome around (and inside) it."""
    return " ".join([CHROME_HEAD, *(x.strip() for x in text.splitlines() if x.strip()), CHROME_TAIL])


HEADINGS = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}


def texts_of(data: dict[str, Any], overrides: dict[str, str] | None = None) -> Callable[[str], str]:
    values = CellValues.of(report_of(data))
    overrides = overrides or {}

    def text(cid: str) -> str:
        return overrides[cid] if cid in overrides else cell_text(values, cid)

    return text


def report_text(
    data: dict[str, Any],
    dialect: str,
    *,
    head: list[str],
    prose: dict[str, list[str]] | None = None,
    overrides: dict[str, str] | None = None,
    skip_tables: tuple[str, ...] = (),
) -> str:
    """The whole report as a crawl of its web page: head lines, sections, tables in one dialect."""
    fmt: FormatDefinition = report_of(data).format
    texts = texts_of(data, overrides)
    lines = list(head)
    for numeral in "一二三四五六":
        lines.append(HEADINGS[numeral])
        lines += (prose or {}).get(numeral, [])
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is not None and table.id not in skip_tables:
            rows, width = table_rows(table, texts)
            lines += DIALECTS[dialect](rows, width)
    return "\n".join(lines) + "\n"


def report_html(
    data: dict[str, Any],
    *,
    title: str,
    prose: dict[str, list[str]] | None = None,
    overrides: dict[str, str] | None = None,
) -> str:
    """A saved web page: the official tables with merged cells, as CMS editors produce them."""
    fmt = report_of(data).format
    texts = texts_of(data, overrides)

    def td(text: str, **span: int) -> str:
        attrs = "".join(f" {k}='{v}'" for k, v in span.items() if v > 1)
        inner = f"<p><span style='font-size:12pt'>{text}</span></p>" if text else "<p>&nbsp;</p>"
        return f"<td{attrs}>{inner}</td>"

    out = [
        "<html><head><meta charset='utf-8'><title>" + title + "</title></head><body>",
        "<div class='crumb'>您当前所在位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>",
        f"<div class='title'>{title}</div>",
        "<div class='info'>发布时间：2024-01-18 来源：办公室 浏览次数：</div>",
    ]
    for numeral in "一二三四五六":
        out.append(f"<p style='text-indent:2em'><strong>{HEADINGS[numeral]}</strong></p>")
        out += [f"<p style='text-indent:2em'>{t}</p>" for t in (prose or {}).get(numeral, [])]
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is None:
            continue
        out.append("<table border='1' cellspacing='0'><tbody>")
        if table.layout == "single_row":
            block = table.blocks[0]
            out.append("<tr><th colspan='5' rowspan='2'>行政复议</th><th colspan='10'>行政诉讼</th></tr>")
            out.append("<tr><th colspan='5'>未经复议直接起诉</th><th colspan='5'>复议后起诉</th></tr>")
            out.append(
                "<tr>" + "".join(f"<th>{c.label}</th>" for _ in block.rows for c in block.columns) + "</tr>"
            )
            values = [texts(f"{table.id}.{r.id}.{c.id}") for r in block.rows for c in block.columns]
            out.append("<tr>" + "".join(td(v) for v in values) + "</tr>")
        elif table.id == "requests":
            block = table.blocks[0]
            out.append(
                f"<tr>{td(table.note or '', colspan=3, rowspan=3)}<th colspan='7'>申请人情况</th></tr>"
            )
            out.append(
                "<tr><th rowspan='2'>自然人</th><th colspan='5'>法人或其他组织</th><th rowspan='2'>总计</th></tr>"
            )
            out.append("<tr>" + "".join(f"<th>{c.label}</th>" for c in block.columns[1:6]) + "</tr>")
            seen: list[str] = []
            for row in block.rows:
                chain = _chain(block, row.group)
                cells = []
                for g in chain:
                    if g not in seen:
                        span = sum(1 for r in block.rows if g in _chain(block, r.group))
                        cells.append(td(g, rowspan=span))
                        seen.append(g)
                cells.append(td(row.label, colspan=3 - len(chain)))
                cells += [td(texts(f"{table.id}.{row.id}.{c.id}")) for c in block.columns]
                out.append("<tr>" + "".join(cells) + "</tr>")
        else:
            width = max(len(b.columns) for b in table.blocks)
            for block in table.blocks:
                if block.caption:
                    out.append(f"<tr>{td(block.caption, colspan=width + 1)}</tr>")
                out.append(
                    "<tr>"
                    + td(block.header or "信息内容")
                    + "".join(td(c.label) for c in block.columns)
                    + (td("", colspan=width - len(block.columns)) if width > len(block.columns) else "")
                    + "</tr>"
                )
                for row in block.rows:
                    values = [texts(f"{table.id}.{row.id}.{c.id}") for c in block.columns]
                    cells = [td(row.label)] + [td(v) for v in values[:-1]]
                    cells.append(td(values[-1], colspan=width - len(values) + 1))  # spans the rest
                    out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    out.append("<div class='foot'>版权所有：某某县人民政府办公室 网站标识码：0000000000</div></body></html>")
    return "\n".join(out)


def ocr_markdown(data: dict[str, Any], *, title: str, stray_header_at: int = 12) -> str:
    """A report as a crawler or OCR tool writes it in Markdown: `#` headings, each table under a
    header of columns named 数据1…数据N, row labels merged into the first column, and inside
    table 三 a repeated header row and a page footer where the page broke."""
    fmt: FormatDefinition = report_of(data).format
    texts = texts_of(data)
    lines = [f"# {title}"]
    for numeral in "一二三四五六":
        lines.append(f"## {HEADINGS[numeral]}")
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is None:
            continue
        rows, width = table_rows(table, texts)
        n = width - 1
        lines.append("| 项目 | " + " | ".join(f"数据{k}" for k in range(1, n + 1)) + " |")
        lines.append("|" + "---|" * (n + 1))
        for k, row in enumerate(rows):
            labels = [c for c in row if c and not c.lstrip("-").isdigit()]
            values = row[len(labels) :]
            if table.id == "requests" and k == stray_header_at:
                lines.append("| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |")
                lines.append("| 第 2 页 共 3 页 |" + " |" * n)
            if values:
                lines.append(f"| {''.join(labels)} | " + " | ".join(values) + " |")
            else:
                lines.append("| " + " ".join(row) + " |" + " |" * n)
    return "\n".join(lines) + "\n"
