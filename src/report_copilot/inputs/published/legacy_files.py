"""Reports saved in older or disguised forms: legacy Word files, single-file web pages, and the
'.doc' / '.xls' downloads of government sites that are really web pages or Office Open XML.

Agencies attach their annual report as .doc or .wps as often as .pdf, and many content systems
serve an HTML page under a .doc or .xls name (Word and Excel open it without a word). So the
file's first bytes decide how it is read, never its name:

- a zip container (`PK`) is a .docx / .xlsx under another name, read as such;
- a MIME archive (`MIME-Version:`, an .mht "web page, single file") is read as its HTML part;
- HTML (or Word/Excel's own "web page" format) is read as a web page;
- a binary Word, WPS or RTF file is converted to .docx by LibreOffice (`soffice`, when installed)
  in a private temporary folder, then read as a .docx. Without LibreOffice the message says how
  to save the file as .docx; a binary Excel file is never converted (save it as .xlsx).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from report_copilot.errors import InputError
from report_copilot.inputs.limits import LEGACY_SUFFIXES, LIMITS, check_zip, read_bounded
from report_copilot.inputs.published.docx_reader import docx_lines
from report_copilot.inputs.published.html_reader import html_lines
from report_copilot.soffice import TIMEOUT_S, convert, find_soffice

__all__ = ["LEGACY_SUFFIXES", "legacy_lines", "sniffed_kind"]

_SHEET_SUFFIXES = (".xls", ".et")
"""Spreadsheets are read only when HTML or .xlsx is inside: a binary workbook is never converted."""
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of a Compound File: binary .doc, .wps, .xls and .et alike."""
CONVERT_SECONDS = TIMEOUT_S


def sniffed_kind(head: bytes) -> str:
    """What the first bytes say the file is: zip, odf, ole, rtf, mime, html, xml-office, or unknown."""
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    lowered = stripped[:2048].lower().replace(b"\x00", b"")
    if head.startswith(b"PK\x03\x04"):
        return "odf" if b"application/vnd.oasis.opendocument" in head[:200] else "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if (
        b"mime-version:" in lowered[:1024]
        or lowered.startswith(b"from:")
        or b"content-type: multipart" in lowered
    ):
        return "mime"
    if any(mark in lowered for mark in (b"<html", b"<!doctype html", b"<table", b"<body", b"<meta")):
        return "html"
    if b"<w:worddocument" in lowered or b"<office:document" in lowered:
        return "xml-office"
    return "unknown"


def legacy_lines(path: Path) -> tuple[list[str], str]:
    """The file's lines and the kind of source they were read from (docx, xlsx or html)."""
    raw = read_bounded(path, LIMITS.container_bytes)
    kind = sniffed_kind(raw[:4096])
    sheet = path.suffix.lower() in _SHEET_SUFFIXES
    if kind == "zip":
        return _zip_lines(path, raw, sheet), "xlsx" if sheet else "docx"
    if kind == "html":
        return html_lines(raw), "html"
    if kind == "mime":
        return html_lines(_mime_html(path, raw)), "html"
    if sheet or kind == "unknown":
        raise InputError(_unreadable(path, sheet), location=str(path))
    with tempfile.TemporaryDirectory(prefix="copilot-convert-") as folder:
        return _as_named(path, Path(folder), lambda: docx_lines(_converted(path, Path(folder)))), "docx"


def _zip_lines(path: Path, raw: bytes, sheet: bool) -> list[str]:
    """A .docx or .xlsx saved under an old name: copied to its own name, bounded like one."""
    with tempfile.TemporaryDirectory(prefix="copilot-zip-") as folder:
        copy = Path(folder) / f"report{'.xlsx' if sheet else '.docx'}"
        copy.write_bytes(raw)

        def read() -> list[str]:
            check_zip(copy)
            if sheet:
                from report_copilot.inputs.published.workbook import workbook_lines

                return workbook_lines(copy)
            return docx_lines(copy)

        return _as_named(path, Path(folder), read)


def _as_named(path: Path, folder: Path, read: Callable[[], list[str]]) -> list[str]:
    """`read()` of a working copy in `folder`, its messages naming the user's file, not the copy."""
    try:
        return read()
    except InputError as exc:
        message = re.sub(re.escape(str(folder)) + r"[^\s：，（]*", str(path), exc.message)
        raise InputError(message, location=str(path), problems=exc.problems) from None


def _mime_html(path: Path, raw: bytes) -> bytes | str:
    """The HTML part of a single-file web page (.mht), decoded from its transfer encoding (and to
    text when the part names its charset: the page's own meta tag may name another)."""
    import email
    import email.policy

    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                charset = part.get_content_charset()
                if charset:
                    try:
                        return payload.decode(charset, errors="replace")
                    except LookupError:  # a charset name Python does not know
                        return payload
                return payload
    raise InputError(f"{path} 是单文件网页（.mht），但其中没有网页正文（HTML）", location=str(path))


def _unreadable(path: Path, sheet: bool) -> str:
    if sheet:
        return (
            f"{path} 是旧版 Excel（.xls/.et）文件，无法直接读取：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入"
        )
    return f"{path} 不是可识别的 Word、WPS 或网页文件（文件开头不符合任何一种格式），未读取"


def _converted(path: Path, folder: Path) -> Path:
    """The .docx LibreOffice makes of a binary Word / WPS / RTF / ODF file, in `folder`."""
    soffice = find_soffice()
    if soffice is None:
        raise InputError(
            f"{path} 是旧版 Word/WPS 文件（{path.suffix}），读取它需要 LibreOffice（soffice），本机未安装："
            "请在 Word 或 WPS 中“另存为” .docx（或 PDF）后再导入，或安装 LibreOffice 后重试",
            location=str(path),
        )
    source = folder / f"report{path.suffix.lower()}"
    shutil.copyfile(path, source)  # LibreOffice never opens (or locks) the user's own file
    done = convert(soffice, source, folder / "out", "docx", timeout=CONVERT_SECONDS)
    if done.timed_out:
        raise InputError(
            f"LibreOffice 转换 {path} 超过 {CONVERT_SECONDS:.0f} 秒仍未完成，已停止："
            "请在 Word 或 WPS 中“另存为” .docx 后再导入",
            location=str(path),
        )
    if done.output is None:
        raise InputError(
            f"LibreOffice 未能把 {path} 转换为 .docx（文件可能已损坏或加密：{done.detail}）："
            "请在 Word 或 WPS 中“另存为” .docx 后再导入",
            location=str(path),
        )
    return done.output
