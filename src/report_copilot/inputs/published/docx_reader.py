"""A Word (.docx) report as lines: paragraphs, and each table row as one line (label cells, then
value cells), in document order, wherever Word keeps them.

python-docx's own iteration sees the body's paragraphs and tables only. Reports come from templates
and from pages pasted into Word, so the text is also read inside content controls (`w:sdt`), custom
XML, text boxes (Word writes each twice: a DrawingML shape and a VML fallback; read once) and
layout tables (an outer table whose cells hold the report's own tables, read cell by cell).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from report_copilot.errors import InputError
from report_copilot.inputs.published.rows import table_lines

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph

__all__ = ["docx_lines"]


def docx_lines(path: Path) -> list[str]:
    """A Word file in reading order: paragraphs, and each table row as one line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise InputError(
            f"{path} 不是可读取的 Word（.docx）文件（已损坏，或是旧版 .doc：请在 Word 中另存为 .docx）",
            location=str(path),
        ) from None
    return _lines(_blocks(document.element.body, document._body))


def _lines(items: Iterable[Paragraph | Table]) -> list[str]:
    """Each paragraph a line, each table row a line; a table holding tables is read cell by cell."""
    from docx.table import Table

    lines: list[str] = []
    for item in items:
        if not isinstance(item, Table):
            lines.append(paragraph_text(item._p))
        elif item._tbl.xpath(".//w:tc//w:tbl"):
            # A layout table holding the report (a page pasted into Word): its cells, read in order.
            lines += _lines(b for cell in _unique_cells(item) for b in _blocks(cell._tc, cell))
        else:
            rows = [[_cell_text(cell) for cell in _unique_row(row)] for row in item.rows]
            lines += table_lines(rows, [len(row.cells) for row in item.rows])
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = {f"{_W}{t}" for t in ("del", "moveFrom", "txbxContent", "pPr", "rPr", "instrText", "delText")}
_SKIPPED.add("{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")
_WRITTEN = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def paragraph_text(p: BaseOxmlElement) -> str:
    """A paragraph's text as it reads with its tracked changes accepted: inserted text (w:ins,
    w:moveTo) in, deleted text out. python-docx's `Paragraph.text` reads only the paragraph's direct
    runs and loses every insertion: a clerk's revised "收到申请<ins>72</ins>件" read "收到申请件".
    Text boxes anchored in it are read on their own (`_text_boxes`)."""
    out: list[str] = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _SKIPPED:
            continue
        elif child.tag == f"{_W}t":
            out.append(child.text or "")
        elif child.tag in _WRITTEN:
            out.append(_WRITTEN[child.tag])
        else:
            stack.append(iter(child))
    return "".join(out)


def _cell_text(cell: _Cell) -> str:
    """A table cell's paragraphs (content controls and insertions included), a line each."""
    from docx.table import Table

    return "\n".join(paragraph_text(b._p) for b in _blocks(cell._tc, cell) if not isinstance(b, Table))


def _unique_row(row: _Row) -> list[_Cell]:
    """A row's cells, one per grid column but a merged cell once (python-docx repeats it)."""
    seen: set[int] = set()
    out = []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _unique_cells(table: Table) -> list[_Cell]:
    """A table's cells row by row, each merged cell once."""
    seen: set[int] = set()
    out = []
    for row in table.rows:
        for cell in _unique_row(row):
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                out.append(cell)
    return out


def _blocks(element: BaseOxmlElement, parent: BlockItemContainer) -> Iterator[Paragraph | Table]:
    """The paragraphs and tables of a body in document order, those inside content controls
    (`w:sdt`, as Word templates hold their fields), custom XML and text boxes too (a text box's
    before the paragraph it is anchored in): python-docx's `iter_inner_content` skips them all,
    and with them whatever a template or a laid-out title put there."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            for box in _text_boxes(child):
                yield from _blocks(box, parent)
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, parent)
        elif child.tag == qn("w:customXml"):
            yield from _blocks(child, parent)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(paragraph: BaseOxmlElement) -> list[BaseOxmlElement]:
    """The outermost text boxes anchored in a paragraph, each once: Word writes a text box twice,
    as a DrawingML shape (mc:Choice) and as a VML fallback for old readers (mc:Fallback)."""
    from docx.oxml.ns import qn

    box_tag = qn("w:txbxContent")
    boxes = []
    for box in paragraph.iter(box_tag):
        outer = True
        for ancestor in box.iterancestors():
            if ancestor is paragraph:
                break
            if ancestor.tag in (box_tag, _MC_FALLBACK):
                outer = False
                break
        if outer:
            boxes.append(box)
    return boxes
