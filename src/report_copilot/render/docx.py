"""Word export in the GB/T 9704-2012 page layout, with the official tables.

python-docx is imported inside the functions (it costs ~75 ms; `copilot --help` must not pay it).
The parts live beside this module: `docx_page` (page, 22 × 28 grid, page numbers), `docx_styles`
(fonts and paragraph styles), `docx_tables` (the tables), `docx_package` (document properties,
theme, font table). This module lays out the content and its pagination: headings, the lead-in
sentence before a table ("…情况如下表。") and the title keep with what follows; the last body
paragraph keeps with the closing, so the agency and date never stand alone on the last page.

Paragraph styles, by role (the self-audit maps runs back to the font expected for their role):
GW Title, GW Body, GW Heading 1, GW Heading 2, GW Table, GW Signature, GW Mark, GW Page Number.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from report_copilot.errors import CopilotError
from report_copilot.files import write_bytes_atomic
from report_copilot.model.draft import Block, Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.docx_page import PageGrid, page_numbers, page_setup
from report_copilot.render.docx_styles import (
    STYLE_BODY,
    STYLE_H1,
    STYLE_H2,
    STYLE_MARK,
    STYLE_PAGE_NUMBER,
    STYLE_SIGNATURE,
    STYLE_TABLE,
    STYLE_TITLE,
    add_run,
    build_styles,
    clean_defaults,
    style_fonts,
)
from report_copilot.render.docx_tables import add_table, text_width_chars
from report_copilot.render.layout import (
    UNCHECKED_MARK,
    cell_texts,
    document_blocks,
    one_line,
    split_signature,
    table_layout,
)
from report_copilot.render.profile import DEFAULT_PROFILE, OfficeProfile

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

__all__ = [
    "STYLE_BODY",
    "STYLE_H1",
    "STYLE_H2",
    "STYLE_MARK",
    "STYLE_PAGE_NUMBER",
    "STYLE_SIGNATURE",
    "STYLE_TABLE",
    "STYLE_TITLE",
    "build_document",
    "docx_bytes",
    "style_fonts",
    "text_width_chars",
    "write_docx",
]

_YEAR = re.compile(r"\d{4}\s*年")


def _add_run(paragraph: Paragraph, text: str, east_asian: str, profile: OfficeProfile) -> Any:
    return add_run(paragraph, text, east_asian, profile.latin_font)


# ---------------------------------------------------------------- content


def _title(document: DocxDocument, text: str, profile: OfficeProfile) -> Paragraph:
    """The title, broken before the year when it does not fit one line (agency / 20xx年…报告)."""
    paragraph = document.add_paragraph(style=STYLE_TITLE)
    per_line = profile.text_width_mm / (profile.title_size_pt * 25.4 / 72)
    m = _YEAR.search(text)
    if text_width_chars(text) > per_line and m and m.start() > 0:
        first = _add_run(paragraph, text[: m.start()].rstrip(), profile.title_font, profile)
        first.add_break()
        _add_run(paragraph, text[m.start() :], profile.title_font, profile)
    else:
        _add_run(paragraph, text, profile.title_font, profile)
    return paragraph


def _signature(document: DocxDocument, text: str, profile: OfficeProfile, grid: PageGrid) -> None:
    """Agency, then the date beneath it starting two characters further right; the longer one 2 chars in."""
    from docx.shared import Twips

    agency, date = split_signature(text)
    char = grid.char_advance
    a_w, d_w = text_width_chars(agency), text_width_chars(date)
    if date and a_w - d_w < 2:
        date_right, agency_right = 2.0, 4.0 + d_w - a_w
    else:
        agency_right, date_right = 2.0, a_w - d_w
    first = True
    for line, right in ((agency, agency_right), (date, date_right)):
        if not line:
            continue
        paragraph = document.add_paragraph(style=STYLE_SIGNATURE)
        paragraph.paragraph_format.right_indent = Twips(round(right * char))
        paragraph.paragraph_format.keep_with_next = bool(first and date)  # agency and date on one page
        if first:
            paragraph.paragraph_format.space_before = Twips(grid.line_pitch)
            first = False
        _add_run(paragraph, line, profile.body_font, profile)


class _Writer:
    """Adds the blocks in order and keeps the pagination links between them."""

    def __init__(self, document: DocxDocument, report: ReportBase, profile: OfficeProfile, grid: PageGrid):
        self.document = document
        self.report = report
        self.profile = profile
        self.grid = grid
        self.last: Paragraph | None = None
        self.style_ids = (document.styles["Table Grid"].style_id, document.styles[STYLE_TABLE].style_id)

    def add(self, block: Block, next_kind: str | None) -> None:
        text = one_line(block.text)
        match block.kind:
            case "title":
                self.last = _title(self.document, text, self.profile)
            case "heading":
                style = STYLE_H1 if block.level <= 1 else STYLE_H2 if block.level == 2 else STYLE_BODY
                self.last = self.document.add_paragraph(style=style)
                _add_run(self.last, text, style_fonts(self.profile)[style], self.profile)
                self.last.paragraph_format.keep_with_next = True  # never last on a page
                self.last.paragraph_format.keep_together = True
            case "table":
                self._table(text)
                self.last = None
            case "signature":
                if self.last is not None:  # the last body paragraph goes with the closing
                    self.last.paragraph_format.keep_with_next = True
                _signature(self.document, text, self.profile, self.grid)
                self.last = None
            case _:
                if not text:
                    return
                self.last = self.document.add_paragraph(style=STYLE_BODY)
                _add_run(self.last, text, self.profile.body_font, self.profile)
                if next_kind == "table":  # the lead-in sentence ("…情况如下表。") goes with its table
                    self.last.paragraph_format.keep_with_next = True
                    self.last.paragraph_format.keep_together = True

    def _table(self, table_id: str) -> None:
        fmt = self.report.format
        try:
            layout = table_layout(fmt, table_id)
        except StopIteration:
            raise CopilotError(
                f"草稿引用了「{fmt.name}」中没有的表格「{table_id}」", location=f"table:{table_id}"
            ) from None
        texts = cell_texts(layout, self.report)
        add_table(self.document, layout, texts, self.profile, self.style_ids, self.grid.text_width)


def build_document(
    draft: Draft, report: ReportBase, *, profile: OfficeProfile | None = None, unchecked_mark: bool = False
) -> DocxDocument:
    """The python-docx Document of a draft (not yet saved)."""
    from docx import Document

    from report_copilot.render.docx_package import clean_theme_and_fonts, drop_thumbnail, set_properties

    profile = profile or DEFAULT_PROFILE
    grid = PageGrid.of(profile)
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag.endswith("}p"):
            body.remove(child)
    clean_defaults(document, profile)
    build_styles(document, profile, grid)
    page_setup(document, profile, grid)
    page_numbers(
        document,
        profile,
        STYLE_PAGE_NUMBER,
        lambda p, t: add_run(p, t, profile.page_number_font, profile.page_number_font),
    )
    set_properties(document, title=draft.title, author=report.meta.agency)
    clean_theme_and_fonts(document, profile)
    drop_thumbnail(document)
    if unchecked_mark:
        _add_run(document.add_paragraph(style=STYLE_MARK), UNCHECKED_MARK, profile.heading1_font, profile)
    writer = _Writer(document, report, profile, grid)
    blocks = [b for b in document_blocks(draft, report) if b.kind != "paragraph" or one_line(b.text)]
    for i, block in enumerate(blocks):
        writer.add(block, blocks[i + 1].kind if i + 1 < len(blocks) else None)
    return document


def docx_bytes(
    draft: Draft, report: ReportBase, *, profile: OfficeProfile | None = None, unchecked_mark: bool = False
) -> bytes:
    buffer = io.BytesIO()
    build_document(draft, report, profile=profile, unchecked_mark=unchecked_mark).save(buffer)
    return buffer.getvalue()


def write_docx(
    draft: Draft,
    report: ReportBase,
    path: Path,
    *,
    profile: OfficeProfile | None = None,
    unchecked_mark: bool = False,
) -> None:
    """Write the Word document atomically (a crash never leaves half a file at `path`)."""
    write_bytes_atomic(path, docx_bytes(draft, report, profile=profile, unchecked_mark=unchecked_mark))
