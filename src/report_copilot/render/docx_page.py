"""The GB/T 9704 page of the Word document: size, margins, the 22 × 28 grid, page numbers.

The grid arithmetic is in `PageGrid` (no python-docx import, so it is tested on its own); the rest
writes it into the section. Word stores page size and margins in twips (1/20 pt, 1440 per inch) and
python-docx converts millimetres to EMU first (`int(mm * 36000)`, then `round(emu / 635)`), so the
grid is computed from exactly the integers that land in `w:pgSz`/`w:pgMar`. For the default profile:

    page 210 × 297 mm      → 11906 × 16838 twips
    margins 37/35/28/26 mm → top 2098, bottom 1984, left 1587, right 1474
    text area              → 11906 − 1587 − 1474 = 8845 wide, 16838 − 2098 − 1984 = 12756 high

Lines: 12756 / 22 = 579.8, so the pitch is 579 twips (28.95 pt): 22 × 579 = 12738 fits, while the
old 580 (22 × 580 = 12760) left room for only 21. Body paragraphs use exact spacing of that pitch.

Characters: 28 of 三号 (16 pt = 320 twips) need 8960 twips against 8845, so each character must
advance at most 8845 / 28 = 315.89 twips. The text styles carry a condensed character spacing
(`w:spacing` in the run properties, twips): floor(315.89 − 320) = −5, i.e. 15.75 pt a character,
28 × 315 = 8820 ≤ 8845 < 29 × 315. Every renderer honours run spacing.

The section's `w:docGrid` is a line grid (`type="lines"`, `linePitch` 579) that also records Word's
character pitch for the same 28 a line, `charSpace` = floor((315.89 − 320) × 4096 / 20) = −842 (in
1/4096 pt; pitch 315.889 × 28 = 8844.9 ≤ 8845). It is not a `linesAndChars` grid: LibreOffice 7.4
(measured) lays a linesAndChars grid out as snap-to-characters, giving each 16 pt character two cells
of 15.79 pt (14 characters a line), and with grid snapping off it ignores the condensed spacing
(27 a line); with the line grid it sets 22 × 28 (Word was not available to measure). The styles opt out of
grid snapping (`w:snapToGrid w:val="0"`): the exact line spacing already sits on the grid, and a
table's small type must not be stretched to the 28.95 pt pitch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from report_copilot.render.profile import OfficeProfile

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

_EMU_PER_MM = 36000
_EMU_PER_TWIP = 635


def mm_twips(mm: float) -> int:
    """Millimetres as python-docx writes them into the XML (EMU truncated, then rounded to twips)."""
    return round(int(mm * _EMU_PER_MM) / _EMU_PER_TWIP)


@dataclass(frozen=True)
class PageGrid:
    """The text area in twips and the spacing that puts `lines × chars` characters of body text in it."""

    text_width: int
    text_height: int
    line_pitch: int
    """Exact line spacing and `w:docGrid/@w:linePitch`, twips."""
    char_space: int
    """`w:docGrid/@w:charSpace`: Word's character pitch minus the body size, in 1/4096 pt."""
    char_spacing: int
    """Run character spacing (`w:rPr/w:spacing/@w:val`), twips; negative is condensed."""
    body_twips: int

    @classmethod
    def of(cls, profile: OfficeProfile) -> PageGrid:
        width = (
            mm_twips(profile.page_width_mm)
            - mm_twips(profile.margin_left_mm)
            - mm_twips(profile.margin_right_mm)
        )
        height = (
            mm_twips(profile.page_height_mm)
            - mm_twips(profile.margin_top_mm)
            - mm_twips(profile.margin_bottom_mm)
        )
        body = round(profile.body_size_pt * 20)
        pitch = width / profile.chars_per_line  # the widest advance that still fits the line count
        return cls(
            text_width=width,
            text_height=height,
            line_pitch=height // profile.lines_per_page,
            char_space=math.floor((pitch - body) * 4096 / 20),
            char_spacing=math.floor(pitch - body),
            body_twips=body,
        )

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch / 20

    @property
    def char_advance(self) -> int:
        """Twips one body character advances with the condensed spacing."""
        return self.body_twips + self.char_spacing


def page_setup(document: DocxDocument, profile: OfficeProfile, grid: PageGrid) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

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
    sect_pr = section._sectPr
    old = sect_pr.find(qn("w:docGrid"))
    if old is not None:
        sect_pr.remove(old)
    doc_grid = OxmlElement("w:docGrid")
    doc_grid.set(qn("w:type"), "lines")  # not linesAndChars: see the module docstring
    doc_grid.set(qn("w:linePitch"), str(grid.line_pitch))
    doc_grid.set(qn("w:charSpace"), str(grid.char_space))
    sect_pr.append(doc_grid)


def _page_field(paragraph: Paragraph, profile: OfficeProfile, add_run: Any) -> None:
    """ "— PAGE —" as runs; the digits too in the page-number font (宋体), not the Latin font."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    before, _, after = profile.page_number_format.partition("{page}")
    if before:
        add_run(paragraph, before)
    for kind in ("begin", None, "separate", "1", "end"):
        run = add_run(paragraph, "")
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
        add_run(paragraph, after)


def page_numbers(document: DocxDocument, profile: OfficeProfile, style: str, add_run: Any) -> None:
    """Page numbers at the outer side: odd pages right, even pages left, one character in (GB/T 9704).

    `add_run(paragraph, text)` adds a run with the page-number font in every slot.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    one_char = Pt(profile.page_number_size_pt)
    odd = section.footer.paragraphs[0]
    odd.style = document.styles[style]
    if profile.page_number_position == "center":
        odd.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = one_char
    _page_field(odd, profile, add_run)
    if profile.page_number_position == "outer":
        document.settings.odd_and_even_pages_header_footer = True
        even = section.even_page_footer.paragraphs[0]
        even.style = document.styles[style]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = one_char
        _page_field(even, profile, add_run)
