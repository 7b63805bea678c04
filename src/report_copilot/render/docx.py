"""Word export in the GB/T 9704-2012 page layout, with the official tables.

python-docx is imported inside the functions (it costs ~75 ms; `copilot --help` must not pay it).
Pitfalls handled here (design/libraries.md §Word): `font.name` sets only the Latin slots, so every
style and every run gets `w:rFonts/@w:eastAsia` explicitly; the template's theme fonts and
`w:lang eastAsia=en-US` are removed from `docDefaults` (otherwise Word and WPS fall back to
MS Mincho); unused template styles are dropped so no style is left on theme fonts.

Paragraph styles, by role (the self-audit maps runs back to the font expected for their role):
GW Title, GW Body, GW Heading 1, GW Heading 2, GW Table, GW Signature, GW Mark, GW Page Number.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from report_copilot.errors import CopilotError
from report_copilot.files import write_bytes_atomic
from report_copilot.model.draft import Block, Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.layout import (
    UNCHECKED_MARK,
    TableLayout,
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

STYLE_TITLE = "GW Title"
STYLE_BODY = "GW Body"
STYLE_H1 = "GW Heading 1"
STYLE_H2 = "GW Heading 2"
STYLE_TABLE = "GW Table"
STYLE_SIGNATURE = "GW Signature"
STYLE_MARK = "GW Mark"
STYLE_PAGE_NUMBER = "GW Page Number"

_KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid"}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_YEAR = re.compile(r"\d{4}\s*年")


def style_fonts(profile: OfficeProfile) -> dict[str, str]:
    """East Asian font of each paragraph style (what the self-audit expects on every run)."""
    return {
        STYLE_TITLE: profile.title_font,
        STYLE_BODY: profile.body_font,
        STYLE_H1: profile.heading1_font,
        STYLE_H2: profile.heading2_font,
        STYLE_TABLE: profile.table_font,
        STYLE_SIGNATURE: profile.body_font,
        STYLE_MARK: profile.heading1_font,
        STYLE_PAGE_NUMBER: profile.page_number_font,
    }


def text_width_chars(text: str) -> float:
    """Width in full-width characters: CJK and full-width punctuation 1, ASCII (digits, Latin) 0.5."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


# ---------------------------------------------------------------- low-level XML helpers


def _set_fonts(rpr: Any, east_asian: str, latin: str) -> None:
    """Explicit fonts in every slot, no theme fonts; `hint=eastAsia` keeps “” and — in the CJK font."""
    from docx.oxml.ns import qn

    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")


def _add_run(paragraph: Paragraph, text: str, east_asian: str, profile: OfficeProfile) -> Any:
    run = paragraph.add_run(text)
    _set_fonts(run._r.get_or_add_rPr(), east_asian, profile.latin_font)
    return run


def _clean_defaults(document: DocxDocument, profile: OfficeProfile) -> None:
    """docDefaults without theme fonts or an en-US East Asian language; unused template styles dropped."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, profile.body_font, profile.latin_font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        ppr.remove(spacing)
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in _KEEP_STYLES:
            styles.remove(style)


def _paragraph_style(
    document: DocxDocument, name: str, font: str, size: float, profile: OfficeProfile
) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    _set_fonts(style.element.get_or_add_rPr(), font, profile.latin_font)
    _exact_spacing(style.paragraph_format, profile.line_pitch_pt)
    return style


def _exact_spacing(fmt: Any, pitch: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _first_line_indent(style: Any, chars: float, size: float) -> None:
    """Indent in characters (Word's firstLineChars) with the twips equivalent for other readers."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.paragraph_format.first_line_indent = Pt(chars * size)
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(round(chars * 100)))


def _outline_level(style: Any, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(outline)


def _build_styles(document: DocxDocument, profile: OfficeProfile) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    pitch = profile.line_pitch_pt
    normal = document.styles["Normal"]
    normal.font.size = Pt(profile.body_size_pt)
    _set_fonts(normal.element.get_or_add_rPr(), profile.body_font, profile.latin_font)
    _exact_spacing(normal.paragraph_format, pitch)
    normal.paragraph_format.widow_control = False

    title = _paragraph_style(document, STYLE_TITLE, profile.title_font, profile.title_size_pt, profile)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact_spacing(title.paragraph_format, max(pitch, profile.title_size_pt * 1.3))
    title.paragraph_format.space_after = Pt(pitch)
    title.paragraph_format.keep_with_next = True
    _outline_level(title, 0)

    body = _paragraph_style(document, STYLE_BODY, profile.body_font, profile.body_size_pt, profile)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _first_line_indent(body, profile.first_line_indent_chars, profile.body_size_pt)

    for name, font, level in ((STYLE_H1, profile.heading1_font, 1), (STYLE_H2, profile.heading2_font, 2)):
        heading = _paragraph_style(document, name, font, profile.body_size_pt, profile)
        heading.font.bold = profile.heading_bold
        heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        heading.paragraph_format.keep_with_next = True
        _first_line_indent(heading, profile.first_line_indent_chars, profile.body_size_pt)
        _outline_level(heading, level)

    table = _paragraph_style(document, STYLE_TABLE, profile.table_font, profile.table_size_pt, profile)
    # Exact spacing: with "single" spacing the page's line grid would stretch every table line to 29 pt.
    _exact_spacing(table.paragraph_format, round(profile.table_size_pt * 1.5, 1))
    table.paragraph_format.first_line_indent = Pt(0)

    signature = _paragraph_style(document, STYLE_SIGNATURE, profile.body_font, profile.body_size_pt, profile)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    mark = _paragraph_style(document, STYLE_MARK, profile.heading1_font, profile.body_size_pt, profile)
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.font.bold = True

    page = _paragraph_style(
        document, STYLE_PAGE_NUMBER, profile.page_number_font, profile.page_number_size_pt, profile
    )
    _exact_spacing(page.paragraph_format, round(profile.page_number_size_pt * 1.3, 1))

    # Every remaining template style gets explicit fonts too (no style may fall back to theme fonts).
    from docx.oxml.ns import qn

    for style in document.styles.element.findall(qn("w:style")):
        rpr = style.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None or rfonts.get(qn("w:eastAsia")) is None:
            _set_fonts(rpr, profile.body_font, profile.latin_font)


# ---------------------------------------------------------------- page setup and page numbers


def _page_setup(document: DocxDocument, profile: OfficeProfile) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width = Mm(profile.page_width_mm)
    section.page_height = Mm(profile.page_height_mm)
    section.top_margin = Mm(profile.margin_top_mm)
    section.bottom_margin = Mm(profile.margin_bottom_mm)
    section.left_margin = Mm(profile.margin_left_mm)
    section.right_margin = Mm(profile.margin_right_mm)
    section.header_distance = Mm(15)
    # GB/T 9704 7.5: the page number line sits 7 mm below the text area.
    number_height_mm = profile.page_number_size_pt * 25.4 / 72
    section.footer_distance = Mm(max(5.0, profile.margin_bottom_mm - 7 - number_height_mm))
    # The line pitch is carried by exact line spacing on the styles; a "lines" document grid would
    # also snap table text to the 29 pt pitch in LibreOffice, so the grid only records the pitch.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.attrib.pop(qn("w:type"), None)
        grid.set(qn("w:linePitch"), str(round(Pt(profile.line_pitch_pt).twips)))


def _page_field(paragraph: Paragraph, profile: OfficeProfile) -> None:
    """ "— PAGE —" as runs, every run with explicit fonts."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    before, _, after = profile.page_number_format.partition("{page}")
    font = profile.page_number_font
    if before:
        _add_run(paragraph, before, font, profile)
    for kind in ("begin", None, "separate", "1", "end"):
        run = _add_run(paragraph, "", font, profile)
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind == "1":
            run.text = "1"
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
    if after:
        _add_run(paragraph, after, font, profile)


def _page_numbers(document: DocxDocument, profile: OfficeProfile) -> None:
    """Page numbers at the outer side: odd pages right, even pages left, one character in (GB/T 9704)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    one_char = Pt(profile.page_number_size_pt)
    odd = section.footer.paragraphs[0]
    odd.style = document.styles[STYLE_PAGE_NUMBER]
    if profile.page_number_position == "center":
        odd.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = one_char
    _page_field(odd, profile)
    if profile.page_number_position == "outer":
        document.settings.odd_and_even_pages_header_footer = True
        even = section.even_page_footer.paragraphs[0]
        even.style = document.styles[STYLE_PAGE_NUMBER]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = one_char
        _page_field(even, profile)


# ---------------------------------------------------------------- content


def _title(document: DocxDocument, text: str, profile: OfficeProfile) -> None:
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


def _signature(document: DocxDocument, text: str, profile: OfficeProfile) -> None:
    """Agency, then the date beneath it starting two characters further right; the longer one 2 chars in."""
    from docx.shared import Pt

    agency, date = split_signature(text)
    size = profile.body_size_pt
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
        paragraph.paragraph_format.right_indent = Pt(right * size)
        paragraph.paragraph_format.keep_with_next = bool(first and date)  # agency and date on one page
        if first:
            paragraph.paragraph_format.space_before = Pt(profile.line_pitch_pt)
            first = False
        _add_run(paragraph, line, profile.body_font, profile)


def _run_xml(text: str, east_asian: str, profile: OfficeProfile, bold: bool = False) -> str:
    fonts = (
        f'<w:rFonts w:ascii="{escape(profile.latin_font)}" w:hAnsi="{escape(profile.latin_font)}" '
        f'w:cs="{escape(profile.latin_font)}" w:eastAsia="{escape(east_asian)}" w:hint="eastAsia"/>'
    )
    return f'<w:r><w:rPr>{fonts}{"<w:b/>" if bold else ""}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _table_xml(
    layout: TableLayout, texts: dict[tuple[int, int], str], profile: OfficeProfile, style_ids: tuple[str, str]
) -> str:
    """The whole table as WordprocessingML: merges as gridSpan (across) and vMerge (down).

    Built as one string and parsed once: python-docx's cell-by-cell merge API re-scans the whole
    grid on every access and cost most of the export time.
    """
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm

    table_style, paragraph_style = style_ids
    widths = [round(Mm(profile.text_width_mm * w).twips) for w in layout.widths]
    covering: dict[tuple[int, int], Any] = {}
    for spec in layout.cells:
        for r in range(spec.row, spec.last_row + 1):
            covering[(r, spec.col)] = spec
    align = {"value": "right", "label": "left"}
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>",
        f'<w:tblStyle w:val="{table_style}"/><w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:jc w:val="center"/>',
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
        '<w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for r in range(layout.n_rows):
        header = "<w:tblHeader/>" if r < layout.header_rows else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < layout.n_cols:
            spec = covering[(r, c)]
            width = sum(widths[spec.col : spec.last_col + 1])
            span = f'<w:gridSpan w:val="{spec.col_span}"/>' if spec.col_span > 1 else ""
            merge = ""
            if spec.row_span > 1:
                merge = '<w:vMerge w:val="restart"/>' if spec.row == r else "<w:vMerge/>"
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{paragraph_style}"/><w:jc w:val="{align.get(spec.role, "center")}"/>'
                "</w:pPr>"
            )
            if spec.row == r:
                bold = profile.table_header_bold and spec.role in {"header", "caption", "note"}
                parts.append(_run_xml(texts[(spec.row, spec.col)], profile.table_font, profile, bold))
            parts.append("</w:p></w:tc>")
            c = spec.last_col + 1
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _table(
    document: DocxDocument, layout: TableLayout, texts: dict[tuple[int, int], str], profile: OfficeProfile
) -> None:
    from docx.oxml import parse_xml

    ids = (document.styles["Table Grid"].style_id, document.styles[STYLE_TABLE].style_id)
    document.element.body._insert_tbl(parse_xml(_table_xml(layout, texts, profile, ids)))


def _block(document: DocxDocument, block: Block, report: ReportBase, profile: OfficeProfile) -> None:
    text = one_line(block.text)
    match block.kind:
        case "title":
            _title(document, text, profile)
        case "heading":
            style = STYLE_H1 if block.level <= 1 else STYLE_H2 if block.level == 2 else STYLE_BODY
            font = style_fonts(profile)[style]
            _add_run(document.add_paragraph(style=style), text, font, profile)
        case "table":
            try:
                layout = table_layout(report.format, text)
            except StopIteration:
                raise CopilotError(
                    f"草稿引用了「{report.format.name}」中没有的表格「{text}」", location=f"table:{text}"
                ) from None
            _table(document, layout, cell_texts(layout, report), profile)
        case "signature":
            _signature(document, text, profile)
        case _:
            if text:
                _add_run(document.add_paragraph(style=STYLE_BODY), text, profile.body_font, profile)


def build_document(
    draft: Draft, report: ReportBase, *, profile: OfficeProfile | None = None, unchecked_mark: bool = False
) -> DocxDocument:
    """The python-docx Document of a draft (not yet saved)."""
    from docx import Document

    profile = profile or DEFAULT_PROFILE
    document = Document()
    body = document.element.body
    for child in list(body):
        if child.tag.endswith("}p"):
            body.remove(child)
    _clean_defaults(document, profile)
    _build_styles(document, profile)
    _page_setup(document, profile)
    _page_numbers(document, profile)
    core = document.core_properties
    core.title = draft.title
    core.author = report.meta.agency
    core.last_modified_by = report.meta.agency
    core.comments = ""
    if unchecked_mark:
        _add_run(document.add_paragraph(style=STYLE_MARK), UNCHECKED_MARK, profile.heading1_font, profile)
    for block in document_blocks(draft, report):
        _block(document, block, report, profile)
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
