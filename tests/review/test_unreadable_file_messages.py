"""A file the importer cannot open says why in Chinese a clerk can act on, never the library's English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
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


def test_a_pdf_locked_only_against_editing_is_read(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    """Official PDFs are often AES-encrypted with an owner password and no password to open them."""
    from pypdf import PdfReader, PdfWriter

    from report_copilot.inputs.published import import_published
    from tests.review.published import published_text
    from tests.review.test_import import _pdf_with_text

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(_pdf_with_text(published_text(seed_2019).splitlines()))
    writer = PdfWriter(clone_from=PdfReader(str(plain)))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    assert PdfReader(str(locked)).is_encrypted
    assert import_published(locked).data == import_published(plain).data


def test_an_encrypted_pdf_without_its_decryption_library_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import DependencyError

    def missing(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="", owner_password="x", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    monkeypatch.setattr(PdfReader, "decrypt", missing)
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2, result.output
    assert "加密" in result.output and "重新安装" in result.output and "Traceback" not in result.output
