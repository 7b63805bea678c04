"""The exported DOCX rendered by LibreOffice (headless) to PDF: page count, A4, the tables' text on the pages.

Runs wherever `soffice` is installed (.ci/run installs libreoffice-writer-nogui, fonts-noto-cjk and
poppler-utils); skipped, saying why, only where it is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from report_copilot.render.docx import write_docx
from report_copilot.render.office import convert_to_pdf, find_soffice
from tests.render.drafts import report_and_draft
from tests.render.pdf_pages import Line, body_height, pdf_lines

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        find_soffice() is None, reason="LibreOffice (soffice) is not installed: cannot render DOCX to PDF"
    ),
    pytest.mark.skipif(
        shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo/pdftotext) is not installed"
    ),
]


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Any]]:
    from tests.conftest import load_example

    out: dict[str, tuple[Path, Any]] = {}
    folder = tmp_path_factory.mktemp("rendered")
    data_2021 = load_example("yunxi-amr-2024.json")
    data_2021["previous"] = load_example("yunxi-amr-2023.json")
    for name, data in (("yunxi", data_2021), ("guyuan", load_example("guyuan-2019.json"))):
        report, draft = report_and_draft(data)
        docx = folder / f"{name}.docx"
        write_docx(draft, report, docx)
        out[name] = (convert_to_pdf(docx, folder), report)
    return out


@pytest.mark.parametrize("name", ["yunxi", "guyuan"])
def test_pages_are_a4_and_few(name: str, rendered: dict[str, tuple[Path, Any]]) -> None:
    info = pdf_info(rendered[name][0])
    width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert 2 <= int(info["Pages"]) <= 5


@pytest.mark.parametrize("name", ["yunxi", "guyuan"])
def test_table_text_is_on_the_pages(name: str, rendered: dict[str, tuple[Path, Any]]) -> None:
    pdf, report = rendered[name]
    text = re.sub(r"\s+", "", pdf_text(pdf))
    for label in (
        "第二十条第（一）项",
        "申请人情况",
        "法人或其他组织",
        "本年新收政府信息公开申请数量",
        "行政复议",
        "复议后起诉",
    ):
        assert label in text, label
    # the appeals table's one row of 15 numbers, in order
    values = [report.appeals.review, report.appeals.direct_suit, report.appeals.suit_after_review]
    row = "".join(
        str(getattr(v, c)) for v in values for c in ("upheld", "corrected", "other", "pending", "total")
    )
    assert row in text
    assert report.meta.agency in text


def test_gb_fonts_render_through_the_aliases(rendered: dict[str, tuple[Path, Any]]) -> None:
    out = subprocess.run(
        ["pdffonts", str(rendered["yunxi"][0])], capture_output=True, text=True, check=True
    ).stdout
    # 仿宋/宋体 → Noto Serif CJK, 黑体 → Noto Sans CJK; nothing fell back to DejaVu for Chinese text
    assert "NotoSerifCJK" in out and "NotoSansCJK" in out


def test_page_number_is_printed(rendered: dict[str, tuple[Path, Any]]) -> None:
    text = pdf_text(rendered["yunxi"][0])
    assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)


# ---------------------------------------------------------------- the GB/T 9704 page, measured in the PDF

PITCH_PT = 579 / 20  # the line pitch in points (render/docx_page.py)
LEFT_PT = 28 / 25.4 * 72  # left margin
RIGHT_PT = (210 - 26) / 25.4 * 72  # right edge of the text area
CHAR_PT = 15.75  # a 三号 character condensed to fit 28 a line
BOTTOM_PT = (297 - 35) / 25.4 * 72  # bottom of the text area


def _full_drafts() -> list[tuple[str, Any, Any]]:
    """Each bundled example drafted in full (the template drafter), and the seed report's own prose."""
    from report_copilot.drafting.template import template_draft
    from report_copilot.inputs.json_input import report_from_data
    from report_copilot.model.draft import Draft
    from tests.conftest import EXAMPLES, load_example

    yunxi = load_example("yunxi-amr-2024.json")
    yunxi["previous"] = load_example("yunxi-amr-2023.json")
    guyuan = load_example("guyuan-2019.json")
    guyuan["meta"]["issue_date"] = "2020-01-20"  # the example's data carries none
    out = []
    for name, data in (("yunxi", yunxi), ("guyuan", guyuan)):
        report = report_from_data(data)
        out.append((name, template_draft(report)[0], report))
    seed = Draft.from_markdown((EXAMPLES / "guyuan-2019.md").read_text(encoding="utf-8"))
    out.append(("guyuan-seed", seed, report_from_data(guyuan)))
    return out


@dataclass
class Rendered:
    name: str
    pages: list[list[Line]]
    body: list[list[Line]]
    """Per page, the lines of body-size text (prose, headings, closing), top to bottom."""
    draft: Any
    report: Any

    def slot(self, line: Line) -> float:
        top = min(page[0].y0 for page in self.body if page)
        return (line.y0 - top) / PITCH_PT


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> list[Rendered]:
    from report_copilot.render.layout import document_blocks, one_line

    folder = tmp_path_factory.mktemp("full")
    out = []
    for name, draft, report in _full_drafts():
        docx = folder / f"{name}.docx"
        write_docx(draft, report, docx)
        pages = pdf_lines(convert_to_pdf(docx, folder))
        prose = "".join(one_line(b.text) for b in document_blocks(draft, report) if b.kind != "table")
        prose = re.sub(r"\s+", "", prose)
        height = body_height(pages, prose)
        body = [[line for line in page if abs(line.height - height) < 0.3] for page in pages]
        out.append(Rendered(name, pages, body, draft, report))
    return out


def test_lines_sit_on_a_grid_of_22(full: list[Rendered]) -> None:
    full_pages = 0
    for doc in full:
        for number, (page, body) in enumerate(zip(doc.pages, doc.body, strict=True), start=1):
            text = [line for line in page if line.y0 < BOTTOM_PT]  # the page number stands below
            assert all(line.y1 <= BOTTOM_PT + 1 for line in text), (doc.name, number, "below the text area")
            tables = [line.y0 for line in text if line.height < body[0].height] if body else []
            above = [line for line in body if not tables or line.y0 < min(tables)]  # after a table the
            slots = [doc.slot(line) for line in above]  # text follows the table's height, not the grid
            assert all(abs(s - round(s)) < 0.1 for s in slots), (doc.name, number, slots)
            assert all(0 <= round(s) <= 21 for s in slots), (doc.name, number, "a 23rd line")
            if not tables and len(body) == len(text) and body and round(slots[-1]) == 21:
                assert len(body) == 22, (doc.name, number)  # a full page of prose: 22 lines
                full_pages += 1
    assert full_pages >= 2  # the seed report's prose fills whole pages


def test_full_lines_hold_28_characters(full: list[Rendered]) -> None:
    checked = 0
    for doc in full:
        for body in doc.body:
            for line, after in zip(body, body[1:], strict=False):
                reaches = line.x1 > RIGHT_PT - CHAR_PT / 2
                # a full line: only CJK text, and the next line starts with a character that could
                # have ended this one (not punctuation, a bracket, digits or Latin kept together)
                if not (line.cjk_only and reaches and after.text and "\u4e00" <= after.text[0] <= "\u9fff"):
                    continue
                indent = round((line.x0 - LEFT_PT) / CHAR_PT)
                hanging = line.x1 > RIGHT_PT + 2  # LibreOffice hangs a final comma or stop in the margin
                assert len(line.text) + indent == 28 + hanging, (doc.name, line.text, indent)
                checked += 1
    assert checked >= 20


def _kept_texts(doc: Rendered) -> list[str]:
    """Headings and lead-in sentences (a paragraph right before a table), spaces removed."""
    from report_copilot.render.layout import document_blocks, one_line

    blocks = document_blocks(doc.draft, doc.report)
    kept = [
        one_line(b.text)
        for i, b in enumerate(blocks)
        if b.kind == "heading"
        or (b.kind == "paragraph" and i + 1 < len(blocks) and blocks[i + 1].kind == "table")
    ]
    return [re.sub(r"\s+", "", t) for t in kept if t]


def test_no_heading_or_lead_in_last_on_a_page(full: list[Rendered]) -> None:
    for doc in full:
        kept = _kept_texts(doc)
        assert kept
        for number, page in enumerate(doc.pages[:-1], start=1):
            text_lines = [line for line in page if line.y0 < 760]  # above the page number
            last = text_lines[-1]
            if last not in doc.body[number - 1]:
                continue  # the page ends with a table
            tail = re.sub(r"\s+", "", last.text)
            assert not any(t.endswith(tail) or t.startswith(tail) for t in kept), (doc.name, number, tail)


def test_no_page_holds_only_the_closing(full: list[Rendered]) -> None:
    from report_copilot.render.layout import document_blocks, one_line, split_signature

    for doc in full:
        closing = [b for b in document_blocks(doc.draft, doc.report) if b.kind == "signature"]
        agency, date = split_signature(one_line(closing[-1].text))
        last = [re.sub(r"\s+", "", line.text) for line in doc.body[-1]]
        assert re.sub(r"\s+", "", date) in last  # the closing is on the last page
        assert len([t for t in last if t not in {re.sub(r"\s+", "", agency), re.sub(r"\s+", "", date)}]) >= 1


def test_pdf_carries_the_reports_properties(full: list[Rendered], tmp_path: Path) -> None:
    doc = full[0]
    docx = tmp_path / "props.docx"
    write_docx(doc.draft, doc.report, docx)
    info = pdf_info(convert_to_pdf(docx, tmp_path))
    assert info["Title"] == doc.draft.title
    assert info["Author"] == doc.report.meta.agency


def test_export_writes_the_pdf_beside_the_docx(full: list[Rendered], tmp_path: Path) -> None:
    from report_copilot.service.export import export_draft

    class Passing:
        ok = True
        findings: list[Any] = []
        mentions: list[Any] = []

    doc = full[0]
    result = export_draft(doc.draft, doc.report, Passing(), tmp_path, "r", formats=["pdf"])
    assert result.docx == tmp_path / "r.docx" and result.pdf == tmp_path / "r.pdf"
    assert int(pdf_info(result.pdf)["Pages"]) == len(doc.pages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.pdf"]  # no soffice leftovers
