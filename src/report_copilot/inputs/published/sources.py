"""Each kind of file a report is published as → lines of text, a table row as one line.

A web page, a Word file and a spreadsheet keep their cell borders; each row is written as a
`row_line` (label cells, then value cells, an empty value cell as `∅`; spreadsheets through
`excel_input.workbook_lines`) so that one parser reads every source. A PDF yields its text layer
as is. pypdf, bs4 and docx are imported inside the functions that need them: importing this module
loads none of them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from report_copilot.errors import InputError
from report_copilot.inputs.published.model import BLANK_MARK

PUBLISHED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".shtml", ".pdf", ".docx", ".xlsx", ".xlsm")


def _decode(raw: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path} 的编码无法识别（请另存为 UTF-8 文本）", location=str(path))


def _pdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise InputError("读取 PDF 需要 pypdf（pip install pypdf）") from exc
    # pypdf logs its repairs of damaged files as warnings on stderr; the user gets our message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise InputError(f"{path} 不是可读取的 PDF 文件：{exc}", location=str(path)) from None
    text = "\n\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 50:
        raise InputError(
            f"{path}：PDF 中没有文字层（可能是扫描件），请先做文字识别（OCR）再导入", location=str(path)
        )
    return text


_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "tr",
    "table",
    "blockquote",
    "pre",
    "center",
    "title",
)


def _html_lines(raw: bytes) -> list[str]:
    """A web page as lines: one per block element, one per table row (label cells, then values)."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "select", "button"]):
        tag.decompose()
    # Only tables without nested tables hold data; outer ones are page layout.
    for table in [t for t in soup.find_all("table") if not t.find("table")]:
        lines = []
        for tr in table.find_all("tr"):
            cells = [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"], recursive=False)]
            line = row_line(cells)
            if line:
                lines.append(line)
        table.replace_with(NavigableString("\n" + "\n".join(lines) + "\n"))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    text = soup.get_text("")
    return [line.replace("\xa0", " ") for line in text.splitlines()]


def _docx_lines(path: Path) -> list[str]:
    """A Word file in reading order: paragraphs, and each table row as one line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path} 不是可读取的 Word（.docx）文件：{exc}", location=str(path)) from None
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                cells = []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
                line = row_line(cells)
                if line:
                    lines.append(line)
        else:
            lines.append(item.text)
    return lines


_NUMERIC_CELL = re.compile(r"^[-−]?[\d,，.]+\s*(?:万元|元)?$|^[-—–/／－─]+$")


def row_line(cells: list[str]) -> str:
    """One table row as a line: label cells, then value cells (an empty value cell → `∅`)."""
    texts = [re.sub(r"\s+", " ", c or "").strip() for c in cells]
    last_label = -1
    for i, text in enumerate(texts):
        if text and not _NUMERIC_CELL.match(text):
            last_label = i
    out = [t for t in texts[: last_label + 1] if t]
    out += [t or BLANK_MARK for t in texts[last_label + 1 :]]
    if all(t == BLANK_MARK for t in out):
        return ""
    return " ".join(out)
