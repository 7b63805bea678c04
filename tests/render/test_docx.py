"""The Word document read back with python-docx: page, fonts on every run, merged headers, every value."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from report_copilot.model.cells import CellValues
from report_copilot.render.docx import write_docx
from report_copilot.render.layout import UNCHECKED_MARK, table_layout
from report_copilot.render.profile import OfficeProfile
from tests.render.drafts import report_and_draft

THEME = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def export(data: dict[str, Any], tmp_path: Path, **kwargs: Any) -> tuple[Any, Any, Any]:
    report, draft = report_and_draft(data)
    path = tmp_path / "report.docx"
    write_docx(draft, report, path, **kwargs)
    return Document(str(path)), report, draft


def expected_number(values: CellValues, cell_id: str) -> str:
    value = values.get(cell_id)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else str(value)


def test_page_is_a4_with_gbt9704_margins(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path)
    section = doc.sections[0]
    got = [
        round(x.mm, 1)
        for x in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert got == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]


def test_no_theme_fonts_and_chinese_east_asian_language(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path)
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    assert not any(rfonts.get(qn(a)) for a in THEME)
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    for style in styles.findall(qn("w:style")):
        fonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")), style.get(qn("w:styleId"))
        assert not any(fonts.get(qn(a)) for a in THEME)


def test_every_run_has_its_role_font(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path)
    expected = {
        "GW Title": "方正小标宋简体",
        "GW Body": "仿宋_GB2312",
        "GW Heading 1": "黑体",
        "GW Heading 2": "楷体_GB2312",
        "GW Signature": "仿宋_GB2312",
        "GW Table": "仿宋_GB2312",
    }
    seen: set[str] = set()
    paragraphs = list(doc.paragraphs) + [p for t in doc.tables for c in t._cells for p in c.paragraphs]
    for paragraph in paragraphs:
        for run in paragraph.runs:
            fonts = run._r.rPr.rFonts
            assert fonts.get(qn("w:eastAsia")) == expected[paragraph.style.name], paragraph.text
            assert fonts.get(qn("w:ascii")) == "Times New Roman"
            seen.add(paragraph.style.name)
    assert seen == set(expected)


def test_body_title_and_heading_formats(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path)
    body = doc.styles["GW Body"]
    assert body.font.size.pt == 16
    fmt = body.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    # 22 lines in the 225 mm text area
    assert fmt.line_spacing.pt == pytest.approx(225 / 25.4 * 72 / 22, abs=0.05)
    assert fmt.first_line_indent.pt == 32
    assert body.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    title = doc.styles["GW Title"]
    assert title.font.size.pt == 22
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.paragraphs[0].style.name == "GW Title"
    assert [p.style.name for p in doc.paragraphs if p.text == "一、总体情况"] == ["GW Heading 1"]
    assert [p.style.name for p in doc.paragraphs if p.text == "（一）主动公开"] == ["GW Heading 2"]


def test_long_title_breaks_before_the_year(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, draft = export(example_2021, tmp_path)
    title = doc.paragraphs[0]
    assert title.text == "云溪市市场监督管理局\n2024年政府信息公开工作年度报告"
    assert title.text.replace("\n", "") == draft.title


def test_page_numbers_at_the_outer_side(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        instr = "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert instr.strip() == "PAGE"
        assert paragraph.text == "— 1 —"
        assert all(r._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体" for r in paragraph.runs)


def test_profile_overrides_fonts_margins_and_page_numbers(
    example_2021: dict[str, Any], tmp_path: Path
) -> None:
    profile = OfficeProfile(
        margin_bottom_mm=30, body_font="仿宋", page_number_position="center", page_number_format="{page}"
    )
    doc, _, _ = export(example_2021, tmp_path, profile=profile)
    assert round(doc.sections[0].bottom_margin.mm, 1) == 30.0
    assert not doc.settings.odd_and_even_pages_header_footer
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.alignment == WD_ALIGN_PARAGRAPH.CENTER and footer.text == "1"
    body = next(p for p in doc.paragraphs if p.style.name == "GW Body")
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"


@pytest.mark.parametrize("fixture", ["example_2021", "seed_2019"])
def test_every_table_value_equals_the_data(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    doc, report, draft = export(request.getfixturevalue(fixture), tmp_path)
    values = CellValues.of(report)
    assert len(doc.tables) == len(draft.table_ids()) == 3
    checked = 0
    for table, table_id in zip(doc.tables, draft.table_ids(), strict=True):
        layout = table_layout(report.format, table_id)
        assert (len(table.rows), len(table.columns)) == (layout.n_rows, layout.n_cols)
        for cell in layout.value_cells():
            assert cell.cell_id is not None
            text = table.cell(cell.row, cell.col).text.removesuffix("元")
            assert (format(Decimal(text).normalize(), "f") if text else "") == expected_number(
                values, cell.cell_id
            )
            paragraph = table.cell(cell.row, cell.col).paragraphs[0]
            assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER  # official tables centre figures
            checked += 1
    assert checked == len(report.format.cells)


def test_requests_header_cells_are_merged(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, report, _ = export(example_2021, tmp_path)
    table = doc.tables[1]

    def same(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return table.cell(*a)._tc is table.cell(*b)._tc

    note = report.format.table("requests").note
    assert table.cell(0, 0).text == note and same((0, 0), (2, 2)) and not same((0, 0), (3, 0))
    assert table.cell(0, 3).text == "申请人情况" and same((0, 3), (0, 9))
    assert table.cell(1, 4).text == "法人或其他组织" and same((1, 4), (1, 8)) and not same((1, 4), (2, 4))
    assert table.cell(1, 3).text == "自然人" and same((1, 3), (2, 3))
    assert table.cell(5, 0).text == "三、本年度办理结果" and same((5, 0), (26, 0))
    assert table.cell(7, 1).text == "（三）不予公开" and same((7, 1), (14, 1)) and not same((7, 1), (15, 1))
    assert table.cell(3, 0).text.startswith("一、本年新收") and same((3, 0), (3, 2))
    header_rows = [r for r in table.rows if r._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(header_rows) == 3


def test_appeals_header_levels(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(seed_2019, tmp_path)
    table = doc.tables[2]
    assert table.cell(0, 0).text == "行政复议" and table.cell(0, 0)._tc is table.cell(0, 4)._tc
    assert table.cell(0, 5).text == "行政诉讼" and table.cell(0, 5)._tc is table.cell(0, 14)._tc
    assert table.cell(1, 0).text == "结果维持" and table.cell(1, 0)._tc is table.cell(2, 0)._tc
    assert table.cell(1, 5).text == "未经复议直接起诉" and table.cell(1, 10).text == "复议后起诉"
    assert [table.cell(3, c).text for c in range(15)] == "1 0 0 0 1 0 0 0 0 0 1 0 0 1 0".split()


def test_tables_fit_the_text_width(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path)
    for table in doc.tables:
        grid = table._tbl.tblGrid
        total_mm = sum(int(col.get(qn("w:w"))) for col in grid.findall(qn("w:gridCol"))) / 56.6929
        assert total_mm <= 156.0 + 0.5


def test_unchecked_mark_heads_the_document(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path, unchecked_mark=True)
    assert doc.paragraphs[0].text == UNCHECKED_MARK
    assert doc.paragraphs[0].runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    plain, _, _ = export(example_2021, tmp_path)
    assert all(p.text != UNCHECKED_MARK for p in plain.paragraphs)


def test_signature_is_agency_then_date_at_the_right(example_2021: dict[str, Any], tmp_path: Path) -> None:
    doc, _, _ = export(example_2021, tmp_path)
    agency, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (agency.text, date.text) == ("云溪市市场监督管理局", "2025年1月20日")
    assert agency.style.name == date.style.name == "GW Signature"
    # the date starts two characters to the right of the agency's first character (GB/T 9704 7.3.5)
    char = 15.75  # a 三号 character's advance, condensed by 0.25 pt so that 28 fill a line
    agency_right = agency.paragraph_format.right_indent.pt / char
    date_right = date.paragraph_format.right_indent.pt / char
    assert agency_right == 2
    date_width = 4 * 0.5 + 3 + 0.5 + 2 * 0.5  # "2025" 年 月 日 "1" "20"
    assert (agency_right + 10) - (date_right + date_width) == pytest.approx(2, abs=0.01)  # whole twips
