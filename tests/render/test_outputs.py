"""What a publishing office checks in the file itself: grid, pagination marks, properties, the issue
date, and the extra outputs (--text, --pdf without LibreOffice). No LibreOffice needed here."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from report_copilot.checks.findings import Finding
from report_copilot.render.docx import write_docx
from report_copilot.render.docx_page import PageGrid
from report_copilot.render.docx_tables import column_twips
from report_copilot.render.layout import cell_texts, table_layout
from report_copilot.render.profile import DEFAULT_PROFILE, OfficeProfile
from report_copilot.render.text import cell_width, render_text
from report_copilot.service.export import ExportBlocked, export_draft
from tests.render.drafts import report_and_draft


class _Passing:
    ok = True
    findings: list[Finding] = []
    mentions: list[Any] = []


def _docx(data: dict[str, Any], tmp_path: Path, **kw: Any) -> tuple[Path, Any, Any]:
    report, draft = report_and_draft(data)
    path = tmp_path / "r.docx"
    write_docx(draft, report, path, **kw)
    return path, report, draft


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_grid_arithmetic_gives_22_lines_of_28_characters() -> None:
    grid = PageGrid.of(DEFAULT_PROFILE)
    assert (grid.text_width, grid.text_height) == (8845, 12756)
    assert grid.line_pitch == 579 and 22 * 579 <= 12756 < 23 * 579
    assert grid.char_space == -842
    assert 28 * grid.char_advance <= grid.text_width < 29 * grid.char_advance
    pitch = grid.body_twips + grid.char_space * 20 / 4096  # Word's character pitch with the grid
    assert 28 * pitch <= grid.text_width < 29 * pitch


def test_grid_follows_the_profile() -> None:
    grid = PageGrid.of(OfficeProfile(lines_per_page=20, chars_per_line=26))
    assert 20 * grid.line_pitch <= grid.text_height < 21 * grid.line_pitch
    assert 26 * grid.char_advance <= grid.text_width < 27 * grid.char_advance


def test_document_carries_the_grid_and_the_spacing(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, _, _ = _docx(example_2021, tmp_path)
    document = _xml(path, "word/document.xml")
    assert '<w:docGrid w:type="lines" w:linePitch="579" w:charSpace="-842"/>' in document
    styles = _xml(path, "word/styles.xml")
    assert 'w:lineRule="exact" w:line="579"' in styles
    assert '<w:spacing w:val="-5"/>' in styles  # 16 pt condensed to 15.75 pt: 28 a line


def test_pagination_marks(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, _, _ = _docx(example_2021, tmp_path)
    doc = Document(str(path))
    body = [p for p in doc.paragraphs if p.text]
    for p in body:
        if p.style.name.startswith("GW Heading"):
            assert p.paragraph_format.keep_with_next, p.text
    signature = [p for p in body if p.style.name == "GW Signature"]
    before = body[body.index(signature[0]) - 1]
    assert before.paragraph_format.keep_with_next  # the last body paragraph goes with the closing
    assert signature[0].paragraph_format.keep_with_next  # agency with its date
    xml = _xml(path, "word/document.xml")
    rows = xml.count("<w:tr>")
    assert xml.count("<w:cantSplit/>") == rows  # no row splits across pages
    active = doc.tables[0]  # 二: every row but the last keeps with the next (sub-tables whole)
    keeps = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in active.rows]
    assert keeps == [True] * (len(keeps) - 1) + [None]
    # 三: its three header rows repeat on every page and keep with the first body row
    tag = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
    repeated = [tr.trPr.find(tag) is not None for tr in doc.tables[1]._tbl.tr_lst]
    assert repeated[:4] == [True, True, True, False] and not any(repeated[4:])


def test_lead_in_sentence_keeps_with_its_table(example_2021: dict[str, Any], tmp_path: Path) -> None:
    from report_copilot.model.draft import Block

    report, draft = report_and_draft(example_2021)
    i = next(i for i, b in enumerate(draft.blocks) if b.kind == "table")
    draft.blocks.insert(
        i, Block(kind="paragraph", text="本机关主动公开政府信息情况如下表。", section="active")
    )
    path = tmp_path / "r.docx"
    write_docx(draft, report, path)
    lead = next(p for p in Document(str(path)).paragraphs if p.text.endswith("如下表。"))
    assert lead.paragraph_format.keep_with_next


def test_figures_centred_by_default_and_right_by_profile(
    example_2021: dict[str, Any], tmp_path: Path
) -> None:
    path, _, _ = _docx(example_2021, tmp_path)
    assert '<w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"' in _xml(
        path, "word/document.xml"
    )
    right = tmp_path / "right"
    right.mkdir()
    path, report, _ = _docx(example_2021, right, profile=OfficeProfile(table_value_align="right"))
    doc = Document(str(path))
    layout = table_layout(report.format, "appeals")
    value = layout.value_cells()[0]
    assert doc.tables[2].cell(value.row, value.col).paragraphs[0].alignment == 2  # RIGHT


@pytest.mark.parametrize("fixture", ["example_2021", "seed_2019"])
def test_no_label_wraps_with_one_character_left(fixture: str, request: pytest.FixtureRequest) -> None:
    from report_copilot.render.docx_tables import CELL_MARGIN, text_width_chars

    report, _ = report_and_draft(request.getfixturevalue(fixture))
    grid = PageGrid.of(DEFAULT_PROFILE)
    char = round(DEFAULT_PROFILE.table_size_pt * 20)
    for table_id in ("active", "requests"):
        layout = table_layout(report.format, table_id)
        texts = cell_texts(layout, report)
        widths = column_twips(layout, texts, DEFAULT_PROFILE, grid.text_width)
        assert sum(widths) == grid.text_width
        for cell in layout.cells:
            if cell.role not in {"label", "group", "header"} or not cell.text:
                continue
            room = (sum(widths[cell.col : cell.last_col + 1]) - 2 * CELL_MARGIN) // char
            n = int(text_width_chars(cell.text) + 0.5)
            assert not (n > room and n % room == 1), (table_id, cell.text, room)


def test_properties_are_ours(example_2021: dict[str, Any], tmp_path: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    path, report, draft = _docx(example_2021, tmp_path)
    props = Document(str(path)).core_properties
    assert props.title == draft.title
    assert props.author == props.last_modified_by == report.meta.agency
    assert props.language == "zh-CN"
    assert props.created is not None and props.created.replace(tzinfo=UTC) >= before
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert not any("thumbnail" in n for n in names)
        assert "thumbnail" not in z.read("_rels/.rels").decode()
        app = z.read("docProps/app.xml").decode()
    assert "Macintosh" not in app and "report-copilot" in app
    settings = _xml(path, "word/settings.xml")
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    for part in ("word/theme/theme1.xml", "word/fontTable.xml"):
        xml = _xml(path, part)
        assert "ＭＳ" not in xml and "Jpan" not in xml, part
    fonts = _xml(path, "word/fontTable.xml")
    for font in DEFAULT_PROFILE.fonts | {DEFAULT_PROFILE.latin_font}:
        assert f'w:name="{font}"' in fonts


def test_page_number_digits_in_songti(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, _, _ = _docx(example_2021, tmp_path)
    footer = _xml(path, "word/footer1.xml")
    assert "Times New Roman" not in footer
    assert 'w:ascii="宋体"' in footer and 'w:eastAsia="宋体"' in footer


def test_export_refuses_a_report_without_issue_date(example_2021: dict[str, Any], tmp_path: Path) -> None:
    example_2021["meta"].pop("issue_date")
    report, draft = report_and_draft(example_2021)
    with pytest.raises(ExportBlocked, match="成文日期") as info:
        export_draft(draft, report, _Passing(), tmp_path, "r")
    assert info.value.location == "meta.issue_date" and info.value.exit_code == 1
    assert list(tmp_path.iterdir()) == []
    opted_out = OfficeProfile(require_issue_date=False)
    result = export_draft(draft, report, _Passing(), tmp_path, "r", profile=opted_out)
    assert result.docx is not None and result.docx.is_file()


def test_date_in_the_drafts_closing_is_enough(example_2021: dict[str, Any], tmp_path: Path) -> None:
    example_2021["meta"].pop("issue_date")
    report, draft = report_and_draft(example_2021)
    draft.blocks[-1].text = f"{report.meta.agency} 2025年2月1日"
    result = export_draft(draft, report, _Passing(), tmp_path, "r", formats=["docx"])
    assert result.docx is not None


def test_pdf_without_libreoffice_is_refused_before_writing(
    example_2021: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_copilot.render.office import OfficeMissing

    monkeypatch.setattr("report_copilot.render.office.find_soffice", lambda: None)
    report, draft = report_and_draft(example_2021)
    with pytest.raises(OfficeMissing, match="LibreOffice") as info:
        export_draft(draft, report, _Passing(), tmp_path, "r", formats=["docx", "pdf"])
    assert info.value.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_text_rendering_fits_100_columns(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    text = render_text(draft, report)
    lines = text.splitlines()
    assert max(cell_width(line) for line in lines) <= 100
    assert "┌" in text and "┘" in text and "<table" not in text
    assert any("一、本年新收政府信息公开申请数量" in line for line in lines)
    # every row of a drawn table has its borders at the same terminal columns
    table = [line for line in lines if line.startswith(("┌", "│", "├", "└"))]
    widths = {cell_width(line) for line in table if line.startswith(("┌", "└"))}
    assert widths and all(1 < w <= 100 for w in widths)
    result = export_draft(draft, report, _Passing(), tmp_path, "r", formats=["txt"])
    assert result.text is not None and result.text.read_text(encoding="utf-8") == text
