"""The exported DOCX rendered by LibreOffice (headless) to PDF: page count, A4, the tables' text on the pages.

Runs wherever `soffice` is installed (.ci/run installs libreoffice-writer-nogui, fonts-noto-cjk and
poppler-utils); skipped, saying why, only where it is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from report_copilot.render.docx import write_docx
from report_copilot.render.office import convert_to_pdf, find_soffice
from tests.render.drafts import report_and_draft

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
