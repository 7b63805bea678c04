"""Fonts and paragraph styles of the Word document.

Pitfalls handled here (design/libraries.md §Word): `font.name` sets only the Latin slots, so every
style and every run gets `w:rFonts/@w:eastAsia` explicitly; the template's theme fonts and
`w:lang eastAsia=en-US` are removed from `docDefaults` (otherwise Word and WPS fall back to
MS Mincho); unused template styles are dropped so no style is left on theme fonts.

Body-size styles carry the exact line pitch and the condensed character spacing of `PageGrid`, and
every style opts out of grid snapping (see `render.docx_page` for why and for the arithmetic).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from report_copilot.render.docx_page import PageGrid
from report_copilot.render.profile import OfficeProfile

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
# Child order of w:pPr and w:rPr (ECMA-376 CT_PPrBase, CT_RPr), for inserting a child in place.
_PPR_ORDER = (
    "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr "
    "w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap "
    "w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid "
    "w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc w:textDirection "
    "w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr w:sectPr w:pPrChange"
).split()
_RPR_ORDER = (
    "w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike w:outline w:shadow "
    "w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden w:color w:spacing w:w w:kern "
    "w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd w:fitText w:vertAlign w:rtl w:cs w:em "
    "w:lang w:eastAsianLayout w:specVanish w:oMath"
).split()


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


def set_fonts(rpr: Any, east_asian: str, latin: str) -> None:
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


def add_run(paragraph: Paragraph, text: str, east_asian: str, latin: str) -> Any:
    run = paragraph.add_run(text)
    set_fonts(run._r.get_or_add_rPr(), east_asian, latin)
    return run


def _set_child(parent: Any, tag: str, attrs: dict[str, str]) -> None:
    """Set (replace) one child of a pPr/rPr in schema order."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(key), value)
    seq = _PPR_ORDER if parent.tag == qn("w:pPr") else _RPR_ORDER
    parent.insert_element_before(child, *seq[seq.index(tag) + 1 :])


def _char_spacing(style: Any, twips: int) -> None:
    _set_child(style.element.get_or_add_rPr(), "w:spacing", {"w:val": str(twips)})


def _no_grid_snap(style: Any) -> None:
    _set_child(style.element.get_or_add_pPr(), "w:snapToGrid", {"w:val": "0"})


def clean_defaults(document: DocxDocument, profile: OfficeProfile) -> None:
    """docDefaults without theme fonts or an en-US East Asian language; unused template styles dropped."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, profile.body_font, profile.latin_font)
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


def _exact_spacing(fmt: Any, pitch: float) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _paragraph_style(
    document: DocxDocument, name: str, font: str, size: float, profile: OfficeProfile
) -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    set_fonts(style.element.get_or_add_rPr(), font, profile.latin_font)
    _exact_spacing(style.paragraph_format, profile.line_pitch_pt)
    return style


def _first_line_indent(style: Any, chars: float, size: float) -> None:
    """Indent in characters (Word's firstLineChars) with the twips equivalent for other readers."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.paragraph_format.first_line_indent = Pt(chars * size)
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(round(chars * 100)))


def _outline_level(style: Any, level: int) -> None:
    _set_child(style.element.get_or_add_pPr(), "w:outlineLvl", {"w:val": str(level)})


def build_styles(document: DocxDocument, profile: OfficeProfile, grid: PageGrid) -> None:
    """The GW paragraph styles: fonts and sizes of the profile, the grid's pitch and spacing."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    pitch = grid.line_pitch_pt
    normal = document.styles["Normal"]
    normal.font.size = Pt(profile.body_size_pt)
    set_fonts(normal.element.get_or_add_rPr(), profile.body_font, profile.latin_font)
    _exact_spacing(normal.paragraph_format, pitch)
    normal.paragraph_format.widow_control = False
    _no_grid_snap(normal)
    _char_spacing(normal, grid.char_spacing)

    title = _paragraph_style(document, STYLE_TITLE, profile.title_font, profile.title_size_pt, profile)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact_spacing(title.paragraph_format, max(pitch, profile.title_size_pt * 1.3))
    title.paragraph_format.space_after = Pt(pitch)
    title.paragraph_format.keep_with_next = True
    _char_spacing(title, 0)
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

    _small_styles(document, profile)
    _explicit_fonts_everywhere(document, profile)


def _small_styles(document: DocxDocument, profile: OfficeProfile) -> None:
    """Table text, the closing, the unchecked mark and the page number."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = _paragraph_style(document, STYLE_TABLE, profile.table_font, profile.table_size_pt, profile)
    _exact_spacing(table.paragraph_format, round(profile.table_size_pt * 1.5, 1))
    table.paragraph_format.first_line_indent = Pt(0)
    _char_spacing(table, 0)

    signature = _paragraph_style(document, STYLE_SIGNATURE, profile.body_font, profile.body_size_pt, profile)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    mark = _paragraph_style(document, STYLE_MARK, profile.heading1_font, profile.body_size_pt, profile)
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.font.bold = True

    page = _paragraph_style(
        document, STYLE_PAGE_NUMBER, profile.page_number_font, profile.page_number_size_pt, profile
    )
    # The digits of "— 1 —" in 宋体 too (GB/T 9704 7.5), not in the Latin font.
    set_fonts(page.element.get_or_add_rPr(), profile.page_number_font, profile.page_number_font)
    _exact_spacing(page.paragraph_format, round(profile.page_number_size_pt * 1.3, 1))
    _char_spacing(page, 0)


def _explicit_fonts_everywhere(document: DocxDocument, profile: OfficeProfile) -> None:
    """Every remaining template style gets explicit fonts too (no style may fall back to theme fonts)."""
    from docx.oxml.ns import qn

    for style in document.styles.element.findall(qn("w:style")):
        rpr = style.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None or rfonts.get(qn("w:eastAsia")) is None:
            set_fonts(rpr, profile.body_font, profile.latin_font)
