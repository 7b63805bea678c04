"""The self-audit passes on a fresh export and fails, naming the place, on a deliberately broken file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from report_copilot.render.audit import audit_docx
from report_copilot.render.docx import write_docx
from report_copilot.render.profile import OfficeProfile
from tests.conftest import set_cell
from tests.render.drafts import report_and_draft


def written(data: dict[str, Any], tmp_path: Path, **kwargs: Any) -> tuple[Path, Any, Any]:
    report, draft = report_and_draft(data)
    path = tmp_path / "report.docx"
    write_docx(draft, report, path, **kwargs)
    return path, report, draft


def tamper(path: Path, change: Callable[[Any], None]) -> None:
    doc = Document(str(path))
    change(doc)
    doc.save(str(path))


@pytest.mark.parametrize("fixture", ["example_2021", "seed_2019"])
def test_fresh_export_passes(fixture: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    path, report, draft = written(request.getfixturevalue(fixture), tmp_path)
    assert audit_docx(path, draft, report) == []
    assert audit_docx(path, draft, report, unchecked_mark=False) == []


def test_changed_table_value_is_named_by_cell(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        cell = doc.tables[1].cell(3, 3)  # 一、本年新收 › 自然人
        cell.paragraphs[0].runs[0].text = "59"

    tamper(path, change)
    findings = audit_docx(path, draft, report)
    assert [(f.rule, f.location, f.expected, f.actual) for f in findings] == [
        ("EXPORT-TABLE", "requests.new.natural_person", "58", "59")
    ]
    assert "一、本年新收政府信息公开申请数量" in findings[0].message


def test_data_changed_after_export_is_caught(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, _, draft = written(example_2021, tmp_path)
    changed, _ = report_and_draft(set_cell(example_2021, "appeals.review.upheld", 3))
    locations = {f.location for f in audit_docx(path, draft, changed)}
    assert "appeals.review.upheld" in locations


def test_margin_and_page_size(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        doc.sections[0].left_margin = Mm(31.8)
        doc.sections[0].page_height = Mm(279.4)

    tamper(path, change)
    findings = audit_docx(path, draft, report)
    assert {(f.rule, f.location) for f in findings} == {
        ("EXPORT-PAGE", "section:1.left_margin"),
        ("EXPORT-PAGE", "section:1.page_height"),
    }
    # a profile that asks for the changed values accepts the page but not the moved text
    custom = OfficeProfile(margin_left_mm=31.8, page_height_mm=279.4)
    assert all(f.rule != "EXPORT-PAGE" for f in audit_docx(path, draft, report, profile=custom))


def test_run_without_east_asian_font(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        run = next(p for p in doc.paragraphs if p.style.name == "GW Body").runs[0]
        fonts = run._r.rPr.rFonts
        del fonts.attrib[qn("w:eastAsia")]
        fonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")

    tamper(path, change)
    findings = audit_docx(path, draft, report)
    assert [f.rule for f in findings] == ["EXPORT-FONT"]
    assert "未显式设置中文字体" in findings[0].message


def test_wrong_font_for_a_heading(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        run = next(p for p in doc.paragraphs if p.style.name == "GW Heading 1").runs[0]
        run._r.rPr.rFonts.set(qn("w:eastAsia"), "MS Mincho")

    tamper(path, change)
    findings = audit_docx(path, draft, report)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("EXPORT-FONT", "黑体", "MS Mincho")]


def test_theme_fonts_back_in_defaults(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        rpr.find(qn("w:rFonts")).set(qn("w:eastAsiaTheme"), "minorEastAsia")
        rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "en-US")

    tamper(path, change)
    messages = [f.message for f in audit_docx(path, draft, report)]
    assert len(messages) == 2 and any("en-US" in m for m in messages)


def test_prose_differing_from_the_checked_draft(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        paragraph = next(p for p in doc.paragraphs if p.text.startswith("一是"))
        paragraph.runs[0].text = "一是公开内容全面。"

    tamper(path, change)
    findings = audit_docx(path, draft, report)
    assert [f.rule for f in findings] == ["EXPORT-PROSE"]
    assert findings[0].actual == "一是公开内容全面。"


def test_missing_paragraph(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        paragraph = doc.paragraphs[-1]
        paragraph._p.getparent().remove(paragraph._p)

    tamper(path, change)
    assert "paragraphs" in {f.location for f in audit_docx(path, draft, report)}


def test_broken_merge(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path)

    def change(doc: Any) -> None:
        # 法人或其他组织 spans five columns; make it span four and add a plain cell
        tc = doc.tables[1].cell(1, 4)._tc
        tc.tcPr.find(qn("w:gridSpan")).set(qn("w:val"), "4")
        tc.addnext(type(tc).new())

    tamper(path, change)
    findings = audit_docx(path, draft, report)
    assert findings and all(f.rule == "EXPORT-TABLE" for f in findings)
    assert any("合并单元格" in f.message for f in findings)


def test_mark_presence_is_checked(example_2021: dict[str, Any], tmp_path: Path) -> None:
    path, report, draft = written(example_2021, tmp_path, unchecked_mark=True)
    assert audit_docx(path, draft, report, unchecked_mark=True) == []
    assert [f.location for f in audit_docx(path, draft, report, unchecked_mark=False)] == ["mark"]


def test_not_a_word_file(example_2021: dict[str, Any], tmp_path: Path) -> None:
    report, draft = report_and_draft(example_2021)
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    findings = audit_docx(path, draft, report)
    assert [f.rule for f in findings] == ["EXPORT-OPEN"]
