"""Crafted PDFs whose tables are ruled, as Word, WPS and LibreOffice draw them.

A report is printed in the official layout (`table_layout`: merged headers and group labels) on
pages of a chosen height, each cell's text drawn at its place and each cell's borders drawn in one
of the ways office suites do: stroked lines (LibreOffice), thin filled rectangles (Word), or a clip
rectangle per cell then lines (WPS). A merged cell cut by a page break is drawn on each page, its
text on the first. The font is a Type0 font with a ToUnicode map and no glyphs: the text layer is
all a reader sees. Zeros can be printed as "0" or left blank.
"""

from __future__ import annotations

import zlib
from typing import Any

from report_copilot.inputs.json_input import report_from_data
from report_copilot.render.layout import cell_texts, table_layout

WIDTH, MARGIN, ROW, SIZE = 595.0, 40.0, 16.0, 6.0


class _Pages:
    def __init__(self, height: float, borders: str) -> None:
        self.height, self.borders = height, borders
        self.pages: list[list[str]] = [[]]
        self.y = height - MARGIN
        self.chars: set[str] = set()

    def text(self, x: float, y: float, text: str, page: int = -1) -> None:
        self.chars.update(text)
        self.pages[page].append(f"BT /F1 {SIZE} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm <{{{text}}}> Tj ET")

    def line(self, text: str) -> None:
        if self.y < MARGIN + ROW:
            self.new_page()
        self.text(MARGIN, self.y, text)
        self.y -= ROW

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.height - MARGIN

    def box(self, x: float, top: float, w: float, h: float, page: int) -> None:
        y = top - h
        ops = self.pages[page]
        if self.borders == "rects":
            for rect in ((x, y, w, 0.5), (x, top - 0.5, w, 0.5), (x, y, 0.5, h), (x + w - 0.5, y, 0.5, h)):
                ops.append("{:.2f} {:.2f} {:.2f} {:.2f} re f".format(*rect))
            return
        if self.borders == "clips":
            ops.append(f"q {x:.2f} {y:.2f} {w:.2f} {h:.2f} re W n Q")
        for a, b in (
            ((x, y), (x + w, y)),
            ((x, top), (x + w, top)),
            ((x, y), (x, top)),
            ((x + w, y), (x + w, top)),
        ):
            ops.append("{:.2f} {:.2f} m {:.2f} {:.2f} l S".format(*a, *b))


def _table(pages: _Pages, layout: Any, texts: dict[tuple[int, int], str], zeros: str) -> None:
    width = WIDTH - 2 * MARGIN
    lefts = [MARGIN + width * sum(layout.widths[:k]) for k in range(layout.n_cols + 1)]
    row_page: list[tuple[int, float]] = []  # each grid row's page and top
    for _ in range(layout.n_rows):
        if pages.y - ROW < MARGIN:
            pages.new_page()
        row_page.append((len(pages.pages) - 1, pages.y))
        pages.y -= ROW
    pages.y -= ROW / 2
    for cell in layout.cells:
        text = texts[(cell.row, cell.col)]
        if cell.cell_id is not None and text == "0":
            text = zeros
        x, w = lefts[cell.col], lefts[cell.col + cell.col_span] - lefts[cell.col]
        first = True
        for page in sorted({row_page[r][0] for r in range(cell.row, cell.last_row + 1)}):
            rows = [r for r in range(cell.row, cell.last_row + 1) if row_page[r][0] == page]
            top = row_page[rows[0]][1]
            pages.box(x, top, w, ROW * len(rows), page)
            if first and text:
                pages.text(x + 2, top - ROW + 5, text, page)
            first = False


def ruled_pdf(
    data: dict[str, Any],
    *,
    zeros: str = "0",
    borders: str = "lines",
    height: float = 842.0,
    frame: bool = False,
) -> bytes:
    """The report's title, headings and tables as a PDF of pages `height` points high (`frame`: a
    border drawn around each page's text, prose and tables inside it)."""
    report = report_from_data(data, with_previous=False)
    fmt = report.format
    pages = _Pages(height, borders)
    pages.line(f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
    for numeral, heading in zip(
        "一二三四五六",
        (
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
        ),
        strict=True,
    ):
        pages.line(f"{numeral}、{heading}")
        table = next((t for t in fmt.tables if t.section == numeral), None)
        if table is None:
            pages.line("本年度工作稳步推进。")
            continue
        layout = table_layout(fmt, table.id)
        _table(pages, layout, cell_texts(layout, report), zeros)
    if frame:
        for k in range(len(pages.pages)):
            pages.box(MARGIN / 2, height - MARGIN / 2, WIDTH - MARGIN, height - MARGIN, k)
    return _pdf(pages)


def _pdf(pages: _Pages) -> bytes:
    chars = sorted(pages.chars)
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    pairs = [f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars]
    bf = "".join(
        f"{len(pairs[k : k + 100])} beginbfchar\n" + "\n".join(pairs[k : k + 100]) + "\nendbfchar\n"
        for k in range(0, len(pairs), 100)
    )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + bf + "endcmap CMapName currentdict /CMap "
        "defineresource pop end end"
    ).encode()
    n = len(pages.pages)
    font, cmap_obj = 3 + 2 * n, 5 + 2 * n
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (" ".join(f"{3 + 2 * k} 0 R" for k in range(n)).encode(), n),
    ]
    for k, ops in enumerate(pages.pages):
        content = "\n".join(ops)
        content = _encode(content, code)
        stream = zlib.compress(content.encode())
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (WIDTH, pages.height, font, 4 + 2 * k)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
        )
    objects += [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [%d 0 R] "
        b"/ToUnicode %d 0 R >>" % (font + 1, cmap_obj),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return pdf_file(objects)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these object bodies (object 1 the catalog), with its cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _encode(content: str, code: dict[str, int]) -> str:
    """Each `<{text}>` written as the text's glyph codes."""
    out, k = [], 0
    while (start := content.find("<{", k)) >= 0:
        end = content.index("}>", start)
        out += [content[k:start], "<" + "".join(f"{code[ch]:04X}" for ch in content[start + 2 : end]) + ">"]
        k = end + 2
    return "".join(out) + content[k:]
