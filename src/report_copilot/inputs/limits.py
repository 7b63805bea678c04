"""Bounds on every file a user hands us, checked before any parser sees it.

Why: a 1.5 KB workbook can declare one cell at XFD1048576 or a merge over the whole sheet (openpyxl
then builds billions of cells), a 30 KB .docx can inflate to gigabytes inside lxml, and a path in
`previous` can name /dev/zero or a FIFO (reading never ends, or opening blocks). Every reader asks
here first, so the limits live in one place; each refusal is an `InputError` (exit 2) in Chinese
naming the file and the limit, raised within milliseconds.

The zip checks read only the central directory and, for workbooks, stream the sheet XML for cell
and merge references; `zipfile` itself refuses an entry that inflates past its declared size, so a
lying directory cannot get around them.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from report_copilot.errors import InputError

__all__ = [
    "LIMITS",
    "Limits",
    "check_input_file",
    "check_regular_file",
    "check_workbook",
    "check_zip",
    "read_bounded",
    "read_text",
]

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Generous for any real annual report (tens of KB of text, a few hundred cells), tiny for a bomb."""

    text_bytes: int = 16 * _MB  # .txt/.html/.md/.json on disk
    pdf_bytes: int = 64 * _MB
    container_bytes: int = 64 * _MB  # .docx/.xlsx on disk
    unzipped_bytes: int = 256 * _MB  # every entry inflated, media included
    unzipped_xml_bytes: int = 24 * _MB  # the XML parts lxml/openpyxl build trees from
    zip_entries: int = 4096
    zip_ratio: int = 200  # inflated ÷ compressed, for entries over `ratio_floor`
    ratio_floor: int = 1 * _MB
    sheet_cells: int = 100_000  # rows × columns of a sheet's used range
    merged_cells: int = 20_000  # cells covered by merges, summed over a workbook
    html_chars: int = 10_000_000  # a report page with its site chrome is a few hundred KB
    html_elements: int = 200_000  # ten times a Word-exported report page, every span counted
    html_depth: int = 600  # a CMS page nests a few dozen elements; deeper means hostile


LIMITS = Limits()

_ZIP_SUFFIXES = {".docx", ".xlsx", ".xlsm"}
_PDF_SUFFIXES = {".pdf"}
_OFD_SUFFIXES = {".ofd"}
"""OFD (GB/T 33190) documents: a zip of XML parts, bounded like an Office container."""
LEGACY_SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".mht", ".mhtml", ".xls", ".et")
"""Legacy Office files and saved web pages (read by `published.legacy_files`): bounded like a
container, since a download under these names is often a .docx or .xlsx inside."""


def _mb(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n < 10 * _MB else f"{n // _MB} MB"


def check_regular_file(path: Path, limit: int, what: str = "文件") -> int:
    """The file's size, after making sure it is a regular file of at most `limit` bytes.

    `os.stat` never blocks (opening a FIFO would), and a device such as /dev/zero is refused
    before a single byte is read.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"找不到{what}：{path}", location=str(path)) from None
    except OSError as exc:
        raise InputError(f"无法读取{what} {path}：{exc.strerror}", location=str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} 是目录，不是{what}", location=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} 不是普通文件（是设备、管道或套接字），未读取{what}", location=str(path))
    if info.st_size > limit:
        raise InputError(
            f"{what} {path} 大小为 {_mb(info.st_size)}，超过上限 {_mb(limit)}，未读取", location=str(path)
        )
    return info.st_size


def read_bounded(path: Path, limit: int, what: str = "文件") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; never blocks, never reads past the limit.

    The path is checked, then opened non-blocking and checked again on the open descriptor, so a
    file swapped for a FIFO or a device in between is still refused.
    """
    check_regular_file(path, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"无法读取{what} {path}：{exc.strerror}", location=str(path)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{path} 不是普通文件，未读取{what}", location=str(path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{what} {path} 超过上限 {_mb(limit)}，未读取", location=str(path))
    return data


def read_text(path: Path, what: str = "文件", limit: int | None = None) -> str:
    """A UTF-8 text file the user named (BOM tolerated), bounded like every other input.

    Drafts and last year's report reach the checks through here, so a multi-gigabyte or endless
    file (a device, a FIFO) is refused with a message instead of exhausting memory.
    """
    try:
        return read_bounded(path, LIMITS.text_bytes if limit is None else limit, what).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} 不是 UTF-8 编码的文本文件（请另存为 UTF-8）", location=str(path)) from None


def check_zip(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse a .docx/.xlsx/.ofd whose central directory promises too much: size, entries or ratio."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        if path.suffix.lower() in _OFD_SUFFIXES:
            raise InputError(f"{path} 不是可读取的 OFD 文件（已损坏或不完整）", location=str(path)) from None
        raise InputError(
            f"{path} 不是有效的 Office 文件（已损坏或并非 .docx/.xlsx；旧版 .doc/.xls 请先另存为新格式）",
            location=str(path),
        ) from None
    if len(entries) > limits.zip_entries:
        raise InputError(
            f"{path} 内含 {len(entries)} 个部件，超过上限 {limits.zip_entries} 个，未读取", location=str(path)
        )
    total = sum(e.file_size for e in entries)
    xml = sum(e.file_size for e in entries if e.filename.lower().endswith((".xml", ".rels")))
    if total > limits.unzipped_bytes or xml > limits.unzipped_xml_bytes:
        raise InputError(
            f"{path} 解压后为 {_mb(total)}（其中 XML {_mb(xml)}），超过上限 "
            f"{_mb(limits.unzipped_bytes)}（XML {_mb(limits.unzipped_xml_bytes)}），疑为压缩炸弹，未读取",
            location=str(path),
        )
    for entry in entries:
        if entry.file_size > limits.ratio_floor:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > limits.zip_ratio:
                raise InputError(
                    f"{path} 中的 {entry.filename} 压缩比为 {ratio:.0f}:1，超过上限 {limits.zip_ratio}:1，"
                    "疑为压缩炸弹，未读取",
                    location=str(path),
                )


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def _cell(ref: str) -> tuple[int, int] | None:
    """(row, column) of an A1 reference; None when it is not one."""
    match = _REF.match(ref.strip())
    if match is None:
        return None
    col = 0
    for letter in match.group(1).upper():
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)), col


def _area(ref: str) -> int:
    """Cells covered by a range such as A1:XFD1048576 (a single cell covers 1)."""
    parts = ref.split(":")
    first, last = _cell(parts[0]), _cell(parts[-1])
    if first is None or last is None:
        return 0
    return (abs(last[0] - first[0]) + 1) * (abs(last[1] - first[1]) + 1)


def check_workbook(path: Path, limits: Limits = LIMITS) -> None:
    """Refuse a workbook whose sheets reach too far or merge too much, before openpyxl builds them.

    openpyxl materialises every cell of the used range when rows are iterated and every cell of a
    merge on load; both are bounded here from the sheet XML alone.
    """
    check_zip(path, limits)
    merged = 0
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        for name in sheets:
            rows = cols = 0
            try:
                with archive.open(name) as stream:
                    for _event, element in iterparse(stream, events=("end",)):
                        tag = element.tag.rsplit("}", 1)[-1]
                        if tag == "c":
                            where = _cell(element.get("r") or "")
                            if where is not None:
                                rows, cols = max(rows, where[0]), max(cols, where[1])
                        elif tag == "mergeCell":
                            merged += _area(element.get("ref") or "")
                        if tag in {"c", "row", "mergeCell"}:
                            element.clear()
            except (ParseError, zipfile.BadZipFile, OSError, ValueError):
                raise InputError(f"{path} 中的 {name} 已损坏，无法读取", location=str(path)) from None
            sheet = name.rsplit("/", 1)[-1]
            if rows * cols > limits.sheet_cells:
                raise InputError(
                    f"{path} 的工作表 {sheet} 用到第 {rows} 行、第 {cols} 列，共 {rows * cols} 格，"
                    f"超过可读取的上限 {limits.sheet_cells} 格，未读取",
                    location=str(path),
                )
            if merged > limits.merged_cells:
                raise InputError(
                    f"{path} 的合并单元格共覆盖 {merged} 格（至工作表 {sheet}），超过上限 "
                    f"{limits.merged_cells} 格，未读取",
                    location=str(path),
                )


def check_input_file(path: Path, limits: Limits = LIMITS) -> None:
    """Every bound that applies to a report file of this kind, by its suffix."""
    suffix = path.suffix.lower()
    if suffix in _ZIP_SUFFIXES:
        check_regular_file(path, limits.container_bytes)
        if suffix == ".docx":
            check_zip(path, limits)
        else:
            check_workbook(path, limits)
    elif suffix in _OFD_SUFFIXES:
        check_regular_file(path, limits.container_bytes)
        check_zip(path, limits)
    elif suffix in _PDF_SUFFIXES:
        check_regular_file(path, limits.pdf_bytes)
    elif suffix in LEGACY_SUFFIXES:
        check_regular_file(path, limits.container_bytes)
    else:
        check_regular_file(path, limits.text_bytes)
