"""A file the importer cannot open says why in Chinese a clerk can act on, never the library's English."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from report_copilot.cli import app

runner = CliRunner()


def _refused(path: Path) -> str:
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2, result.output
    message = result.output.replace(str(path), "")
    assert not re.search(r"[A-Za-z]{4,}", re.sub(r"Word|Excel|Office|docx|xlsx|PDF", "", message)), message
    return message


def test_damaged_pdf_docx_and_xlsx(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    assert "不是可读取的 PDF" in _refused(pdf)
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"PK\x03\x04 not really a zip")
    assert ".docx" in _refused(docx)
    xlsx = tmp_path / "a.xlsx"
    xlsx.write_bytes(b"not a workbook")
    assert ".xlsx" in _refused(xlsx)


def test_a_pdf_that_needs_a_password(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert "加密" in _refused(path)
