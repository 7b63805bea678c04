"""Each kind of file a report is published as → lines of text, a table row as one line.

A web page, a Word file and a spreadsheet keep their cell borders; each row is written as a
`row_line` (label cells, then value cells, an empty value cell as `∅`; spreadsheets through
`excel_input.workbook_lines`) so that one parser reads every source. A PDF yields its text layer
as pypdf extracts it, each table ruled by drawn borders read as rows of cells (`pdf_tables`). pypdf, bs4 and docx are imported inside the functions that need them: importing this module
loads none of them.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

from report_copilot.errors import InputError
from report_copilot.inputs.limits import LEGACY_SUFFIXES
from report_copilot.inputs.published.docx_reader import docx_lines
from report_copilot.inputs.published.html_reader import html_lines
from report_copilot.inputs.published.legacy_files import legacy_lines
from report_copilot.inputs.published.ofd import ofd_lines
from report_copilot.inputs.published.rows import row_line, tab_rows

__all__ = [
    "PUBLISHED_SUFFIXES",
    "decode_text",
    "docx_lines",
    "file_lines",
    "html_lines",
    "is_report_markdown",
    "pdf_text",
    "row_line",
]

PUBLISHED_SUFFIXES: tuple[str, ...] = (
    *(".txt", ".text", ".md", ".html", ".htm", ".shtml", ".pdf", ".ofd", ".docx", ".xlsx", ".xlsm"),
    *LEGACY_SUFFIXES,
)
"""`.md` counts only when it holds a published report (`is_report_markdown`)."""


_DRAFT_MARK = b'<table data-table="'
"""Where a draft written by `copilot draft` places each official table; no published page has it."""
_REPORT_TITLE = re.compile(
    r"(?:19|20)\d{2}年度?.{0,40}?(?:政府(?:信息|資訊)公[开開]|政[务務]公[开開]).{0,12}?(?:[报報]告|年[报報])"
)
"""A report's title ("2024 年上海市科委政府信息公开工作年度报告", in simplified or traditional
characters), looked for at the top of the file once whitespace and Markdown marks are dropped."""
_TABLE_LABEL = re.compile(r"新收政府(?:信息|資訊)公[开開]申[请請][数數]量")
"""The label of table 三's first row, printed in every layout: a report without a title line (the
title left out by the crawler) still prints its tables; a draft has only table placeholders."""


def is_report_markdown(path: Path) -> bool:
    """A Markdown file holding a published report (PDF → Markdown, OCR, crawlers): its title at the
    top, or table 三 printed, and none of our drafts' table placeholders (a draft, or a note, is not
    a published report). Full-width digits and a text on one line (a crawl) count the same."""
    if path.suffix.lower() != ".md":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4_000_000)
    except OSError:
        return False
    if _DRAFT_MARK in head:
        return False
    text = unicodedata.normalize("NFKC", head.decode("utf-8", errors="ignore"))
    top = [line for line in (re.sub(r"[\s#*]+", "", x) for x in text[:6000].splitlines()) if line][:8]
    # A title is a short line, or two (a title wrapped by the converter), or the start of a one-line text.
    if any(
        len(line) <= 60 and _REPORT_TITLE.search(line + "".join(top[i + 1 : i + 2])) is not None
        for i, line in enumerate(top)
    ):
        return True
    return bool(top and _REPORT_TITLE.search(top[0][:120])) or bool(
        _TABLE_LABEL.search(re.sub(r"\s+", "", text))
    )


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
"""What Windows Notepad writes first when it saves "Unicode" text (UTF-16 with a byte-order mark)."""


def decode_text(raw: bytes, path: Path) -> str:
    """A published text as saved by an office's tools: UTF-8 (with or without BOM), GB18030 (the
    superset of GBK that Chinese Windows saves as "ANSI"), or UTF-16 with a byte-order mark."""
    encodings = ("utf-16", "utf-8-sig", "gb18030") if raw[:2] in _UTF16_BOMS else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path} 的编码无法识别（请另存为 UTF-8 文本）", location=str(path))


def pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, PdfReadError

        from report_copilot.inputs.published.pdf_tables import pdf_pages
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise InputError("读取 PDF 需要 pypdf（pip install pypdf）") from exc
    # pypdf logs its repairs of damaged files as warnings on stderr; the user gets our message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                f"{path} 是加密的 PDF（打开需要密码），无法读取；请先另存为不加密的 PDF 再导入",
                location=str(path),
            )
        pages = pdf_pages(list(reader.pages))
    except DependencyError:
        raise InputError(
            f"{path} 是加密的 PDF，解密需要 cryptography 库（随本工具安装；请重新安装：pip install report-copilot）",
            location=str(path),
        ) from None
    except (PdfReadError, OSError, ValueError, KeyError):
        # pypdf's own words are English and say nothing a clerk can act on.
        raise InputError(
            f"{path} 不是可读取的 PDF 文件（已损坏、不完整或并非 PDF）", location=str(path)
        ) from None
    text = "\n\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 50:
        raise InputError(
            f"{path}：PDF 中没有文字层（可能是扫描件），请先做文字识别（OCR）再导入", location=str(path)
        )
    return text


def file_lines(path: Path) -> tuple[list[str], str, bool | None]:
    """A published report file's lines, its kind and whether its lines are broken by hand (None:
    decided from their lengths), read as `import_published` reads them (an Excel template aside)."""
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        from report_copilot.inputs.published import workbook

        return workbook.workbook_lines(path), "xlsx", True
    if suffix in {".html", ".htm", ".shtml", ".xhtml"}:
        return html_lines(path.read_bytes()), "html", True
    if suffix == ".pdf":
        return pdf_text(path).splitlines(), "pdf", False
    if suffix == ".ofd":
        return ofd_lines(path), "ofd", False
    if suffix == ".docx":
        return docx_lines(path), "docx", True
    if suffix in LEGACY_SUFFIXES:
        lines, kind = legacy_lines(path)
        return lines, kind, True
    if suffix in {".txt", ".text", ".md", ""}:
        raw = path.read_bytes()
        text = decode_text(raw, path)
        if re.search(r"<table\b|<html\b|<body\b", text[:20000], re.I):
            return html_lines(raw), "html", True
        return tab_rows(text.splitlines()), "text", None
    raise InputError(
        f"{path}：不支持的文件类型「{suffix}」。可读取 .html、.pdf、.ofd、.txt（由 PDF 提取的文字）、.docx、.doc、.wps、.mht、.xlsx",
        location=str(path),
    )
