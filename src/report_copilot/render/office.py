"""DOCX → PDF with LibreOffice (headless): `copilot export --pdf`, the rendering test, a visual check.

soffice runs as `report_copilot.soffice` runs it (own HOME, profile and process group), with a
fontconfig file that maps the GB fonts the document names to the Noto CJK fonts Debian ships
(design/libraries.md §Word).
"""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

from report_copilot.errors import CopilotError
from report_copilot.files import write_bytes_atomic
from report_copilot.soffice import TIMEOUT_S, convert, find_soffice

__all__ = [
    "OfficeMissing",
    "convert_to_pdf",
    "export_pdf",
    "find_soffice",
    "fontconfig_file",
    "require_soffice",
]

PDF_TIMEOUT_S = TIMEOUT_S


class OfficeMissing(CopilotError):
    """LibreOffice is not installed: no PDF can be made (exit code 2, like any missing input)."""

    exit_code = 2


def require_soffice() -> str:
    """The LibreOffice binary, or OfficeMissing with what to install (checked before anything is written)."""
    soffice = find_soffice()
    if soffice is None:
        raise OfficeMissing(
            "未安装 LibreOffice（找不到 soffice），无法导出 PDF；Word 文档未受影响。请安装 LibreOffice"
            "（Debian/Ubuntu：apt-get install libreoffice-writer-nogui fonts-noto-cjk）后重试，"
            "或去掉 --pdf 只导出 Word",
            location="soffice",
        )
    return soffice


def export_pdf(docx: Path, target: Path, *, timeout: float = PDF_TIMEOUT_S) -> Path:
    """The PDF of `docx` at `target`, converted in a temporary folder and then put in place atomically."""
    with tempfile.TemporaryDirectory(prefix="copilot-pdf-") as tmp:
        pdf = convert_to_pdf(docx, Path(tmp), timeout=timeout)
        write_bytes_atomic(target, pdf.read_bytes())
    return target


def fontconfig_file(folder: Path) -> Path:
    """Write the bundled font alias file into `folder` (fontconfig needs a real path)."""
    target = folder / "fonts.conf"
    target.write_text(
        resources.files("report_copilot.render").joinpath("fonts.conf").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return target


def convert_to_pdf(docx: Path, out_dir: Path, *, timeout: float = PDF_TIMEOUT_S) -> Path:
    """Convert one DOCX to PDF in `out_dir`; returns the PDF path. Raises CopilotError in Chinese."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="copilot-fonts-") as tmp:
        fonts = {"FONTCONFIG_FILE": str(fontconfig_file(Path(tmp)))}
        done = convert(soffice, docx, out_dir, "pdf", timeout=timeout, env=fonts)
    if done.timed_out:
        raise CopilotError(f"LibreOffice 转换 {docx.name} 超时（{timeout:.0f} 秒）")
    if done.output is None:
        raise CopilotError(f"LibreOffice 未能把 {docx.name} 转为 PDF：{done.detail}")
    return done.output
