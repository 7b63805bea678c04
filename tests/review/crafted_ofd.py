"""Crafted OFD files (GB/T 33190): any report data laid out on pages as a Word → OFD export does.

The report's title and prose as lines of text objects; each official table on its grid (the
printed layout `render.layout.table_layout`, the widths the Word renderer uses): a cell's text
wrapped to its width and centred vertically in the rows it spans, labels at the cell's left,
headers and figures centred. A table running past the page's bottom continues on the next page,
its header not repeated. Each text object holds one TextCode; its characters are spaced by DeltaX
(listed, or compressed as "g N v"), or by nothing (the object's width divided evenly).
"""

from __future__ import annotations

import unicodedata
import zipfile
from html import escape
from pathlib import Path
from typing import Any

from report_copilot.inputs.json_input import report_from_data
from report_copilot.render.layout import TableLayout, cell_texts, table_layout
from tests.review.published import HEADINGS, prose

NS = "http://www.ofdspec.org/2016"
WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 210.0, 297.0, 25.0, 30.0, 267.0
BODY = 160.0
TEXT, CELL = 4.2, 3.2  # 12 pt prose, 9 pt table text
Placed = tuple[float, float, float, str]
"""A text object: x, baseline, size, text."""


def _em(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in {"W", "F"} else 0.5


def wrapped(text: str, width: float, size: float) -> list[str]:
    lines, line, used = [], "", 0.0
    for ch in text:
        if line and used + _em(ch) * size > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += _em(ch) * size
    return [*lines, line] if line else lines


class Pages:
    """Pages of placed text; `y` is where the next line starts on the last page."""

    def __init__(self, top: float = TOP) -> None:
        self.pages: list[list[Placed]] = [[]]
        self.y = top

    def room(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.pages.append([])
            self.y = TOP

    def line(self, text: str, size: float = TEXT, centred: bool = False) -> None:
        for part in wrapped(text, BODY, size):
            self.room(size * 1.6)
            x = LEFT + (BODY - sum(_em(c) for c in part) * size) / 2 if centred else LEFT
            self.pages[-1].append((x, self.y + size, size, part))
            self.y += size * 1.6


def place_table(pages: Pages, layout: TableLayout, texts: dict[tuple[int, int], str]) -> None:
    """The table's grid placed from `pages.y` on, each cell's text by (row, col)."""
    xs = [LEFT]
    for w in layout.widths:
        xs.append(xs[-1] + w * BODY)
    step = CELL * 1.4

    def lines(c: Any) -> list[str]:
        return wrapped(texts[(c.row, c.col)], xs[c.last_col + 1] - xs[c.col] - 2, CELL)

    heights = [step + 3] * layout.n_rows
    for c in sorted(layout.cells, key=lambda c: c.row_span):
        need = len(lines(c)) * step + 3
        have = sum(heights[c.row : c.last_row + 1])
        if need > have:
            heights[c.last_row] += need - have
    tops = []
    for h in heights:
        pages.room(h)
        tops.append((len(pages.pages) - 1, pages.y))
        pages.y += h
    for c in layout.cells:
        page, top = tops[c.row]
        span = sum(heights[k] for k in range(c.row, c.last_row + 1) if tops[k][0] == page)
        cell_lines = lines(c)
        y = top + (span - len(cell_lines) * step) / 2
        for text in cell_lines:
            y += step
            width = sum(_em(ch) for ch in text) * CELL
            left, right = xs[c.col], xs[c.last_col + 1]
            x = left + 1 if c.role in {"label", "group", "note", "caption"} else (left + right - width) / 2
            pages.pages[page].append((x, y - 0.3 * CELL, CELL, text))
    pages.y += 4


def report_pages(data: dict[str, Any], *, top: float = TOP) -> list[list[Placed]]:
    """The report laid out on A4 pages: title, opening, each section's heading, prose and table."""
    report = report_from_data(data, with_previous=False)
    fmt = report.format
    pages = Pages(top)
    pages.line(report.meta.agency, 5.5, centred=True)
    pages.line(f"{report.meta.year}年政府信息公开工作年度报告", 5.5, centred=True)
    pages.line("　　依据《中华人民共和国政府信息公开条例》第五十条之规定，现将本年度情况报告如下。")
    texts = prose(report)
    for numeral in "一二三四五六":
        pages.line("　　" + HEADINGS[numeral])
        for text in texts.get(numeral, []):
            pages.line("　　" + text)
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is not None:
            layout = table_layout(fmt, table.id)
            place_table(pages, layout, cell_texts(layout, report))
    return pages.pages


def _delta(text: str, size: float, style: str) -> str:
    steps = [f"{_em(ch) * size:g}" for ch in text[:-1]]
    if style == "g" and steps and len(set(steps)) == 1:
        return f' DeltaX="g {len(steps)} {steps[0]}"'
    return f' DeltaX="{" ".join(steps)}"' if steps and style != "none" else ""


def text_object(oid: int, placed: Placed, style: str = "plain") -> str:
    """A text object as converters write one: Boundary at the glyphs' box, the baseline inside it."""
    x, baseline, size, text = placed
    width = sum(_em(ch) for ch in text) * size
    return (
        f'<ofd:TextObject ID="{oid}" Boundary="{x:.3f} {baseline - size:.3f} {width:.3f} {size * 1.2:.3f}"'
        f' Font="2" Size="{size:g}"><ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="0" Y="{size:g}"{_delta(text, size, style)}>{escape(text, quote=False)}</ofd:TextCode></ofd:TextObject>'
    )


def page_xml(body: str, template: int | None = None) -> str:
    used = f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template is not None else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{used}'
        f"<ofd:Area><ofd:PhysicalBox>0 0 {WIDTH:g} {HEIGHT:g}</ofd:PhysicalBox></ofd:Area>"
        f'<ofd:Content><ofd:Layer ID="1" Type="Body">{body}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def write_ofd(
    path: Path,
    contents: list[str],
    *,
    templates: dict[int, str] | None = None,
    order: list[int] | None = None,
) -> Path:
    """An OFD package: OFD.xml → Doc_0/Document.xml → Pages/Page_N/Content.xml (page bodies as
    given), listed in `order` (default: as given), with template pages by ID."""
    tpls = "".join(
        f'<ofd:TemplatePage ID="{k}" BaseLoc="Tpls/Tpl_{k}/Content.xml"/>' for k in templates or {}
    )
    listed = "".join(
        f'<ofd:Page ID="{100 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>'
        for k in (order if order is not None else range(len(contents)))
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {WIDTH:g} {HEIGHT:g}"
        f"</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpls}"
        f"</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>"
    )
    root = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", root)
        archive.writestr("Doc_0/Document.xml", document)
        for k, body in (templates or {}).items():
            archive.writestr(f"Doc_0/Tpls/Tpl_{k}/Content.xml", page_xml(body))
        for k, body in enumerate(contents):
            archive.writestr(f"Doc_0/Pages/Page_{k}/Content.xml", body)
    return path


def pages_ofd(path: Path, pages: list[list[Placed]], style: str = "plain") -> Path:
    """Placed text as an OFD file, a page's objects in one layer."""
    bodies = []
    for placed in pages:
        objects = "".join(text_object(k + 1, p, style) for k, p in enumerate(placed))
        bodies.append(page_xml(objects))
    return write_ofd(path, bodies)


def report_ofd(path: Path, data: dict[str, Any], *, style: str = "plain", top: float = TOP) -> Path:
    """The report as an OFD file (see the module); `top` moves where the first page's text starts."""
    return pages_ofd(path, report_pages(data, top=top), style)
