"""A published annual report → report data (meta and the three tables) + its prose as a Draft.

Agencies publish the report as a web page, a PDF, a Word file or a spreadsheet; crawlers and PDF
text layers lose the cell borders, break labels across lines ("本年度办\\n理结果") and sometimes run a
row's digits together. Every source is first reduced to lines of text (a table row becomes one line:
its label cells, then its value cells, a blank value cell written as `∅`), then one parser reads:

- meta: agency and year from the title, the format version from the table headers;
- the tables: each official row is found by its label (whitespace, quotes, ordinals and notes
  ignored; small variants tolerated) in table order, and its numbers are the cells that follow;
- the prose: paragraphs rebuilt from broken lines, under the six section headings (format.md §2).

A cell that cannot be read is reported and left blank, never guessed. A row whose digits ran
together is split only when exactly one split is consistent with the identities; otherwise the
candidates are reported. Heavy libraries (pypdf, bs4, docx, openpyxl) are imported lazily.

What published tables print instead of a number, and how it is read (issue kinds in brackets):

- an empty cell ("规章 | 0 | | 0 |", `∅` from HTML/Word) stays blank — missing, never zero
  (`blank`; the audit reports it under T3-4);
- "/", "-", "—", "无", "不适用" standing alone in a cell mean there is nothing to report (a department
  that makes no 规章): read as 0 and listed (`na`), so the identities can still be checked;
- a row with fewer cells than columns once padding is set aside ("3 | 3 | |||||||" for seven
  columns) is not filled from the left: its cells are reported (`unreadable`);
- a section whose table is absent (an image, a page cut short) is reported once (`missing_table`).

Web crawls keep cell borders as `|` (one cell a line, a row a line, Markdown-like); see `_runs`.
The year comes from the title, else the statistics period, else the page title, else the year the
opening section speaks of (each weaker source leaves a `meta` issue); the agency from the title, a
preface ("由…编制", "现公布…"), or the opening sentence of 总体情况, and must read as an institution.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

from report_copilot.errors import InputError
from report_copilot.model.draft import OVERVIEW_SUBSECTIONS, SECTION_HEADINGS, Block, Draft
from report_copilot.model.formats import (
    BlockDef,
    CellDef,
    FormatDefinition,
    RowDef,
    TableDef,
    available_formats,
    format_for_year,
    load_format,
)

__all__ = [
    "BLANK_MARK",
    "PUBLISHED_SUFFIXES",
    "ImportIssue",
    "ImportedReport",
    "import_published",
    "import_text",
    "row_line",
]

BLANK_MARK = "∅"
"""Written by the structured readers for an empty value cell, so the cell keeps its place."""

PUBLISHED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".shtml", ".pdf", ".docx", ".xlsx", ".xlsm")

IssueKind = Literal[
    "unreadable", "blank", "na", "ambiguous", "inferred", "missing_row", "missing_table", "meta"
]


@dataclass
class ImportIssue:
    """Something the importer could not read for certain; `cells` are the cells concerned."""

    kind: IssueKind
    location: str
    where: str
    message: str
    cells: list[str] = field(default_factory=list)
    candidates: list[list[int]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "location": self.location,
            "where": self.where,
            "message": self.message,
            "cells": self.cells,
            "candidates": self.candidates,
        }


@dataclass
class ImportedReport:
    """What a published report yields: input data, the prose, and what could not be read."""

    data: dict[str, Any]
    draft: Draft
    issues: list[ImportIssue]
    source: str
    source_kind: str
    format_id: str
    cells_read: int = 0
    cells_total: int = 0

    @property
    def unreadable_cells(self) -> list[str]:
        """Cells left blank because the source could not be read there (not blank in the source)."""
        out: list[str] = []
        for issue in self.issues:
            if issue.kind in {"unreadable", "ambiguous", "missing_row", "missing_table"}:
                out.extend(c for c in issue.cells if c not in out)
        return out

    @property
    def complete(self) -> bool:
        return not any(
            i.kind in {"unreadable", "ambiguous", "missing_row", "missing_table", "blank"}
            for i in self.issues
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_kind": self.source_kind,
            "format": self.format_id,
            "agency": self.data["meta"].get("agency"),
            "year": self.data["meta"].get("year"),
            "cells_read": self.cells_read,
            "cells_total": self.cells_total,
            "complete": self.complete,
            "issues": [i.as_json() for i in self.issues],
        }


# ---------------------------------------------------------------------------------------------- sources


def import_published(
    path: Path,
    *,
    agency: str | None = None,
    year: int | None = None,
    format_id: str | None = None,
) -> ImportedReport:
    """Read a published report file (.txt/.html/.pdf/.docx/.xlsx) into data, prose and issues."""
    if not path.exists():
        raise InputError(f"找不到文件：{path}", location=str(path))
    if path.is_dir():
        raise InputError(f"{path} 是目录，不是文件", location=str(path))
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        from report_copilot.inputs import excel_input

        if excel_input.is_template(path):
            return excel_input.import_workbook(path)
        lines, kind, hard = excel_input.workbook_lines(path), "xlsx", True
    elif suffix in {".html", ".htm", ".shtml", ".xhtml"}:
        lines, kind, hard = _html_lines(path.read_bytes()), "html", True
    elif suffix == ".pdf":
        lines, kind, hard = _pdf_text(path).splitlines(), "pdf", False
    elif suffix == ".docx":
        lines, kind, hard = _docx_lines(path), "docx", True
    elif suffix in {".txt", ".text", ".md", ""}:
        raw = path.read_bytes()
        text = _decode(raw, path)
        if re.search(r"<table\b|<html\b|<body\b", text[:20000], re.I):
            lines, kind, hard = _html_lines(raw), "html", True
        else:
            lines, kind, hard = text.splitlines(), "text", None
    else:
        raise InputError(
            f"{path}：不支持的文件类型「{suffix}」。可读取 .html、.pdf、.txt（由 PDF 提取的文字）、.docx、.xlsx",
            location=str(path),
        )
    return import_lines(
        lines,
        source=str(path),
        source_kind=kind,
        hard_breaks=hard,
        agency=agency,
        year=year,
        format_id=format_id,
        fallback_agency=path.stem,
    )


def import_text(text: str, **kwargs: Any) -> ImportedReport:
    """Read a report given as plain text (as extracted from a PDF); see `import_lines`."""
    kwargs.setdefault("source_kind", "text")
    return import_lines(text.splitlines(), **kwargs)


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


# ----------------------------------------------------------------------------------------- normalising

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_NOTE = re.compile(r"\([^()]{4,}\)")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
_WEB_NOISE = re.compile(
    r"版权所有|ICP备|网站标识码|公网安备|主办单位|承办单位|技术支持|打印本页|关闭窗口|【打印】|【关闭】|分享到|字号|您当前的位置|当前位置|浏览次数|访问量"
)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _norm(text: str) -> str:
    """Text for label matching: NFKC, no whitespace, no quotes, no explanatory notes."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = _QUOTES.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _NOTE.sub("", text)
    return text


def _core(label: str) -> str:
    """A row label without its ordinal ("（一）", "1.") and notes: what must appear in the source."""
    text = _norm(label)
    previous = None
    while previous != text:
        previous, text = text, _ORDINAL.sub("", text)
    return text.rstrip(":：")


_LABEL_VARIANTS: dict[str, tuple[str, ...]] = {
    "总计": ("合计",),
    "规范性文件": ("行政规范性文件",),
    "行政规范性文件": ("规范性文件",),
}
"""Row labels that published tables print differently (format.md §2); checked after the official one."""


def _prose_spacing(text: str) -> str:
    """Drop the spaces PDF extraction puts around CJK text ("专职人员 2 人" → "专职人员2人")."""
    text = text.translate(_FULLWIDTH_DIGITS).replace("\u3000", " ").replace("\xa0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


# ------------------------------------------------------------------------------------------- tokenising


@dataclass
class _Cell:
    raw: str
    value: int | Decimal | None
    unit: str | None = None
    status: Literal["ok", "blank", "na", "junk"] = "ok"


@dataclass
class _Run:
    """Text since the previous cells (a row's label, perhaps with headers), then the cells after it.

    `delimited`: the cells were separated by explicit cell borders (`|`), so each is certain and a
    number is never split into several cells.
    """

    label: str
    cells: list[_Cell] = field(default_factory=list)
    delimited: bool = False


_MEASURE = "件条个次人项篇家份期场名户万亿千百%％‰年月日号天岁倍批台套所起例"
_NA_CELL = r"[-—–/／－─]{1,3}|无|不适用"
_TOKEN = re.compile(
    r"(?P<sep>[|｜¦])"
    r"|(?P<space>\s+)"
    r"|(?P<blank>" + BLANK_MARK + r")"
    r"|(?P<na>(?<![^\s|｜¦])(?:" + _NA_CELL + r")(?![^\s|｜¦]))"
    r"|(?P<num>[-−+＋]?\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>\s*(?:万元|元))?"
    r"|(?P<text>[^\s\d|｜¦" + BLANK_MARK + r"]+)"
)
"""Cell borders (`|` as web crawls and Markdown print them), a blank value cell (`∅`, written by
the structured readers), a not-applicable mark ("/", "—", "-", "无" standing alone), numbers, text."""


def _tokens(text: str) -> Iterator[tuple[str, str, str | None]]:
    """(kind, text, unit) tokens: sep, space, blank, na, num, text (numbers in prose or ordinals are text)."""
    text = unicodedata.normalize("NFKC", text).replace("−", "-")
    # A no-break space decoded in the wrong charset shows as "?" before a number ("? 0").
    text = re.sub(r"(?m)(?:^|(?<=[|｜¦]))([ \t]*)[?\ufffd](?=[ \t]*\d)", r"\1 ", text)
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup != "unit" else "num"
        if m.group("num") is not None:
            rest = text[m.end() :]
            after = rest.lstrip()
            ordinal = bool(re.match(r"[.、](?=\D)", rest)) and m.group("unit") is None
            unit_after = not m.group("unit") and after[:1] != "" and after[0] in _MEASURE
            # "第2项", "办发〔2019〕38号": a number glued to CJK text on both sides is part of the text.
            glued = (
                m.group("unit") is None
                and _CJK.match(text[m.start() - 1 : m.start()] or " ") is not None
                and _CJK.match(rest[:1] or " ") is not None
            )
            prose = unit_after or glued
            if ordinal or prose:
                yield "text", m.group(0), None
                continue
            yield "num", m.group("num").lstrip("+"), (m.group("unit") or "").strip() or None
        elif kind in {"sep", "space", "blank", "na"}:
            yield kind, m.group(0), None  # type: ignore[misc]
        else:
            yield "text", m.group(0), None


def _parse_number(raw: str) -> int | Decimal | None:
    clean = raw.replace(",", "")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() and "." not in clean else value


def _runs(text: str) -> list[_Run]:
    """Group a table region into runs of label text and the cells that follow it.

    Cell borders (`|`) come in two dialects. Crawls that print each cell as "text |" mark an empty
    cell by a border standing apart ("0 |\n|\n0 |") and pad a short row to the table's width with
    borders run together ("0 | ||"): padding, not cells, as it says nothing of which column is
    empty. Compact tables ("|0||0|") have borders glued to their text, and there "||" is an empty
    cell. Empty cells around a row's values are trimmed later with the padding (see `_window`).
    """
    compact = len(re.findall(r"[^\s|｜¦]\s?[|｜¦][^\s|｜¦]", text)) > len(re.findall(r"\s[|｜¦]", text))
    toks = list(_tokens(text))
    runs: list[_Run] = [_Run("")]
    solid = [(i, t) for i, t in enumerate(toks) if t[0] != "space"]
    for n, (i, (kind, raw, unit)) in enumerate(solid):
        current = runs[-1]
        prev_kind = solid[n - 1][1][0] if n else ""
        next_kind = solid[n + 1][1][0] if n + 1 < len(solid) else ""
        if kind == "sep":
            glued = i > 0 and toks[i - 1][0] == "sep"
            if prev_kind == "sep" and current.label and (compact or not glued):
                current.cells.append(_Cell("", None, status="blank"))
            if current.label or current.cells:
                current.delimited = True
            continue
        if kind == "num":
            current.cells.append(_Cell(raw, _parse_number(raw), unit))
        elif kind in {"blank", "na"}:
            near_cell = (
                raw == BLANK_MARK
                or prev_kind in {"num", "blank", "na", "sep"}
                or next_kind in {"num", "blank", "na", "sep"}
            )
            if near_cell:
                status: Literal["blank", "na"] = "blank" if raw == BLANK_MARK else "na"
                current.cells.append(_Cell(raw, None, status=status))
            else:
                _append_text(runs, raw)
        else:
            between_cells = (
                current.cells
                and next_kind in {"num", "blank", "na"}
                and not _CJK.search(raw)
                and len(raw) <= 4
            )
            if between_cells:
                current.cells.append(_Cell(raw, None, status="junk"))
            else:
                _append_text(runs, raw)
    return [r for r in runs if r.label or r.cells]


def _append_text(runs: list[_Run], text: str) -> None:
    if runs[-1].cells:
        runs.append(_Run(text))
    else:
        runs[-1].label += text


# --------------------------------------------------------------------------------------- table reading


@dataclass
class _RowTarget:
    table: TableDef
    block: BlockDef
    row: RowDef

    @property
    def cell_ids(self) -> list[str]:
        return [f"{self.table.id}.{self.row.id}.{c.id}" for c in self.block.columns]


def _label_score(row: RowDef, label: str) -> float:
    """How well a run's label text ends with this row's label (1 = exactly; 0 = not at all)."""
    seg = _norm(label).rstrip(":：")
    if not seg:
        return 0.0
    best = 0.0
    cores = [_core(row.label), *_LABEL_VARIANTS.get(_core(row.label), ())]
    for n, core in enumerate(cores):
        weight = 1.0 if n == 0 else 0.95
        if seg.endswith(core):
            return weight
        if len(core) >= 6:
            tail = seg[-len(core) :]
            ratio = SequenceMatcher(None, core, tail).ratio()
            if ratio >= 0.8:
                best = max(best, ratio * 0.9 * weight)
            # A label broken by its own numbers ("确认或重新出 0 0 … 具已获取信息").
            for k in range(len(core) - 1, max(4, len(core) // 2) - 1, -1):
                if seg.endswith(core[:k]):
                    best = max(best, 0.7 * weight)
                    break
    return best


def _cell_value(cell: CellDef, c: _Cell) -> Any:
    """A read cell as input data; None when it cannot be read."""
    if c.value is None:
        return None
    if cell.kind == "count":
        return c.value if isinstance(c.value, int) and c.value >= 0 and c.unit is None else None
    if cell.kind == "signed":
        return c.value if isinstance(c.value, int) and c.unit is None else None
    if cell.kind == "amount":
        value = Decimal(c.value)
        if c.unit == "元" and cell.unit == "万元":
            value = value / 10000
        return value if value >= 0 else None
    # money: keep the unit the filer wrote
    if c.value < 0:
        return None
    return f"{c.value}{c.unit}" if c.unit else c.value


@dataclass
class _TableReading:
    values: dict[str, Any] = field(default_factory=dict)
    issues: list[ImportIssue] = field(default_factory=list)
    pending: list[tuple[list[_RowTarget], list[list[int]]]] = field(default_factory=list)
    """Rows whose digits ran together: the rows, and every split of their digits."""


def _read_grid(table: TableDef, runs: list[_Run], reading: _TableReading) -> None:
    targets = [_RowTarget(table, b, r) for b in table.blocks for r in b.rows]
    used: set[int] = set()
    pointer = 0
    matches: list[tuple[_RowTarget, int | None]] = []
    for target in targets:
        best_j, best_score = None, 0.0
        for j in range(pointer, len(runs)):
            if j in used or not runs[j].cells:
                continue
            score = _label_score(target.row, runs[j].label)
            if score >= 0.99:
                best_j, best_score = j, score
                break
            if score > best_score:
                best_j, best_score = j, score
        if best_j is None or best_score < 0.7:
            matches.append((target, None))
            continue
        used.add(best_j)
        pointer = best_j + 1
        matches.append((target, best_j))
    if all(j is None for _, j in matches):
        _missing_table(table, reading)
        return
    for target, j in matches:
        if j is None:
            _missing_row(target, reading)
        else:
            _take_cells(target, runs[j], reading)


def _missing_row(target: _RowTarget, reading: _TableReading) -> None:
    ids = target.cell_ids
    for cid in ids:
        reading.values[cid] = None
    reading.issues.append(
        ImportIssue(
            "missing_row",
            f"{target.table.id}.{target.row.id}",
            f"{target.table.title} › {target.row.label}",
            f"{target.table.title} › {target.row.label}：原文中未找到这一行，其单元格未导入",
            cells=ids,
        )
    )


def _missing_table(table: TableDef, reading: _TableReading) -> None:
    """A section whose table is not in the source at all (an image, or left out): one issue."""
    ids = [cid for b in table.blocks for r in b.rows for cid in _RowTarget(table, b, r).cell_ids]
    for cid in ids:
        reading.values[cid] = None
    reading.issues.append(
        ImportIssue(
            "missing_table",
            table.id,
            table.title,
            f"{table.title}：原文中没有这张表（可能是图片或被省略），其 {len(ids)} 个单元格未导入",
            cells=ids,
        )
    )


def _window(cells: list[_Cell], n: int) -> list[_Cell]:
    """The n value cells of a row that has more cells than columns, when the rest are only padding.

    Web crawls print a merged or spanned cell as extra borders (`0 | ||`), so a row may carry
    empty cells before or after its values; the values are the leftmost window of n cells outside
    which every cell is empty. Anything else is returned unchanged (and reported as unreadable).
    """
    if len(cells) <= n:
        return cells
    for start in range(len(cells) - n + 1):
        outside = cells[:start] + cells[start + n :]
        if all(c.status == "blank" and c.raw in {"", BLANK_MARK} for c in outside):
            return cells[start : start + n]
    return cells


def _strip_padding(cells: list[_Cell]) -> list[_Cell]:
    """The cells without the empty ones at either end (padding, or borders of a merged cell)."""
    filled = [i for i, c in enumerate(cells) if not (c.status == "blank" and c.raw == "")]
    return cells[filled[0] : filled[-1] + 1] if filled else []


def _take_cells(target: _RowTarget, run: _Run, reading: _TableReading) -> None:
    n = len(target.block.columns)
    fmt_cells = [_cell_def(target, c) for c in target.block.columns]
    cells = _window(run.cells, n)
    if len(cells) == n:
        _assign(fmt_cells, cells, reading)
        return
    digits_only = all(c.status == "ok" and isinstance(c.value, int) and c.value >= 0 for c in cells)
    if len(cells) < n and digits_only and not run.delimited:
        splits = list(_splits([c.raw for c in cells], n))
        if splits:
            reading.pending.append(([target], splits))
            for cell in fmt_cells:
                reading.values[cell.id] = None
            return
    for cell in fmt_cells:
        reading.values[cell.id] = None
    cells = _strip_padding(cells)
    shown = " ".join(c.raw or "（空）" for c in cells)
    reading.issues.append(
        ImportIssue(
            "unreadable",
            f"{target.table.id}.{target.row.id}",
            f"{target.table.title} › {target.row.label}",
            f"{target.table.title} › {target.row.label}：应有 {n} 个数，原文读到 {len(cells)} 个（{shown}），"
            "无法确定对应关系，本行未导入",
            cells=[c.id for c in fmt_cells],
        )
    )


def _cell_def(target: _RowTarget, column: Any) -> CellDef:
    cid = f"{target.table.id}.{target.row.id}.{column.id}"
    return CellDef(cid, target.table, target.block, target.row, column)


def _assign(fmt_cells: list[CellDef], cells: list[_Cell], reading: _TableReading) -> None:
    na: list[tuple[CellDef, str]] = []
    for cell, c in zip(fmt_cells, cells, strict=True):
        if c.status == "na":
            # "/", "—", "无": nothing to report in this cell (a department that makes no 规章) → 0.
            reading.values[cell.id] = 0
            na.append((cell, c.raw))
            continue
        value = _cell_value(cell, c) if c.status == "ok" else None
        reading.values[cell.id] = value
        if c.status == "blank":
            reading.issues.append(
                ImportIssue(
                    "blank",
                    cell.id,
                    cell.where,
                    f"{cell.where}：原文此格为空白（未填），未按 0 导入",
                    cells=[cell.id],
                )
            )
        elif value is None:
            reading.issues.append(
                ImportIssue(
                    "unreadable",
                    cell.id,
                    cell.where,
                    f"{cell.where}：无法识别原文「{c.raw}{c.unit or ''}」，未导入",
                    cells=[cell.id],
                )
            )
    if na:
        first = na[0][0]
        marks = "、".join(sorted({f"「{raw}」" for _, raw in na}))
        names = "、".join(cell.column.label for cell, _ in na)
        where = f"{first.table.title} › {first.row.label}"
        reading.issues.append(
            ImportIssue(
                "na",
                f"{first.table.id}.{first.row.id}",
                where,
                f"{where}：原文{names}为{marks}（无此项/不适用），按 0 导入",
                cells=[cell.id for cell, _ in na],
            )
        )


_SPLIT_LIMIT = 20000


def _splits(raws: list[str], n: int) -> Iterator[list[int]]:
    """Every way to cut the digit strings into n numbers (no leading zeros), at most _SPLIT_LIMIT."""

    def cuts(s: str, k: int) -> Iterator[list[str]]:
        if k == 1:
            if s == "0" or not s.startswith("0"):
                yield [s]
            return
        for i in range(1, len(s) - k + 2):
            head = s[:i]
            if head != "0" and head.startswith("0"):
                break
            for tail in cuts(s[i:], k - 1):
                yield [head, *tail]

    def spread(index: int, left: int) -> Iterator[list[str]]:
        if index == len(raws):
            if left == 0:
                yield []
            return
        remaining = len(raws) - index - 1
        for k in range(1, min(left - remaining, len(raws[index])) + 1):
            for parts in cuts(raws[index], k):
                for rest in spread(index + 1, left - k):
                    yield parts + rest

    if sum(len(r) for r in raws) < n:
        return
    yield from ([int(p) for p in parts] for parts in itertools.islice(spread(0, n), _SPLIT_LIMIT))


def _read_single_row(table: TableDef, runs: list[_Run], reading: _TableReading) -> None:
    """Table 四: one row of 15 numbers under a header (the rows are the three column groups)."""
    block = table.blocks[0]
    targets = [_RowTarget(table, block, r) for r in block.rows]
    fmt_cells = [_cell_def(t, c) for t in targets for c in block.columns]
    n = len(fmt_cells)
    # The value row: the first run holding a number or a "/" (header rows hold only empty cells),
    # under the table's own header — without it, numbers of a neighbouring table would be taken.
    words = [w for w in (_core(x.label) for x in [*block.rows, *block.columns]) if len(w) >= 4]
    header = next(
        (i for i, r in enumerate(runs) if any(w in _norm(r.label) for w in words)),
        None,
    )
    run = next(
        (
            r
            for r in runs[header if header is not None else len(runs) :]
            if any(c.status in {"ok", "na"} for c in r.cells) and "。" not in r.label[-30:]
        ),
        None,
    )
    if run is None:
        _missing_table(table, reading)
        return
    cells = _window(run.cells, n)
    if len(cells) == n:
        _assign(fmt_cells, cells, reading)
        return
    if (
        len(cells) < n
        and not run.delimited
        and all(c.status == "ok" and isinstance(c.value, int) for c in cells)
    ):
        splits = list(_splits([c.raw for c in cells], n))
        if splits:
            for cell in fmt_cells:
                reading.values[cell.id] = None
            reading.pending.append((targets, splits))
            return
    for cell in fmt_cells:
        reading.values[cell.id] = None
    cells = _strip_padding(cells)
    reading.issues.append(
        ImportIssue(
            "unreadable",
            table.id,
            table.title,
            f"{table.title}：应有 {n} 个数，原文读到 {len(cells)} 个"
            f"（{' '.join(c.raw or '（空）' for c in cells)}），未导入",
            cells=[c.id for c in fmt_cells],
        )
    )


# ------------------------------------------------------------------------------ splitting by identities


def _terms(names: tuple[str, ...], table_id: str, member: str, by_column: bool) -> list[tuple[str, int]]:
    """(cell id, sign) of each term of an identity equation, for one row or column."""
    out = []
    for name in names:
        sign = -1 if name.startswith("-") else 1
        name = name.lstrip("-")
        out.append((f"{table_id}.{name}.{member}" if by_column else f"{table_id}.{member}.{name}", sign))
    return out


def _violations(fmt: FormatDefinition, values: dict[str, Any]) -> list[set[str]]:
    """Cells of every identity (of this year alone) broken by `values`, where all its cells are known."""
    out: list[set[str]] = []

    def num(cid: str) -> Decimal | None:
        v = values.get(cid)
        return Decimal(v) if isinstance(v, int | Decimal) else None

    for identity in fmt.identities:
        if identity.requires_previous:
            continue
        table = fmt.table(identity.table)
        blocks = [table.block(b) for b in identity.blocks] if identity.blocks else list(table.blocks)
        for block in blocks:
            checks: list[tuple[list[tuple[str, int]], list[tuple[str, int]], str]] = []
            if identity.kind == "total":
                axis, _, target = (identity.target or "").partition(":")
                if axis == "column":
                    col = next((c for c in block.columns if c.id == target), None)
                    if col is None:
                        continue
                    for row in block.rows:
                        checks.append(
                            (
                                [(f"{table.id}.{row.id}.{col.id}", 1)],
                                [(f"{table.id}.{row.id}.{p}", 1) for p in col.sum_of or ()],
                                "==",
                            )
                        )
                else:
                    trow = next((r for r in block.rows if r.id == target), None)
                    if trow is None:
                        continue
                    for c in block.columns:
                        checks.append(
                            (
                                [(f"{table.id}.{trow.id}.{c.id}", 1)],
                                [(f"{table.id}.{p}.{c.id}", 1) for p in trow.sum_of or ()],
                                "==",
                            )
                        )
            else:
                by_column = identity.for_each == "column"
                members = [c.id for c in block.columns] if by_column else [r.id for r in block.rows]
                for member in members:
                    left = _terms(identity.left, table.id, member, by_column)
                    right = _terms(identity.right, table.id, member, by_column)
                    checks.append((left, right, identity.relation))
            for left, right, relation in checks:
                ids = [cid for cid, _ in left + right]
                if any(cid not in fmt.cells for cid in ids):
                    continue
                lv = [num(cid) for cid, _ in left]
                rv = [num(cid) for cid, _ in right]
                if any(v is None for v in lv + rv):
                    continue
                lsum = sum((s * v for (_, s), v in zip(left, lv, strict=True)), Decimal(0))  # type: ignore[misc]
                rsum = sum((s * v for (_, s), v in zip(right, rv, strict=True)), Decimal(0))  # type: ignore[misc]
                ok = lsum == rsum if relation == "==" else lsum <= rsum
                if not ok:
                    out.append(set(ids))
    return out


def _resolve_splits(fmt: FormatDefinition, reading: _TableReading) -> None:
    """Fill rows whose digits ran together, when exactly one split fits the identities."""
    pending = list(reading.pending)
    progress = True
    while pending and progress:
        progress = False
        still: list[tuple[list[_RowTarget], list[list[int]]]] = []
        for targets, splits in pending:
            ids = [cid for t in targets for cid in t.cell_ids]
            if len(splits) == 1:
                fits = splits
            else:
                fits = []
                for candidate in splits:
                    trial = {**reading.values, **dict(zip(ids, candidate, strict=True))}
                    if not any(v & set(ids) for v in _violations(fmt, trial)):
                        fits.append(candidate)
            if len(fits) == 1:
                reading.values.update(dict(zip(ids, fits[0], strict=True)))
                if len(splits) > 1:
                    where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
                    reading.issues.append(
                        ImportIssue(
                            "inferred",
                            ids[0].rsplit(".", 1)[0],
                            where,
                            f"{where}：原文数字连在一起，按勾稽关系只有一种拆分成立，已拆为 "
                            + " ".join(str(v) for v in fits[0]),
                            cells=ids,
                            candidates=[fits[0]],
                        )
                    )
                progress = True
            else:
                still.append((targets, fits if fits else splits))
        pending = still
    for targets, candidates in pending:
        ids = [cid for t in targets for cid in t.cell_ids]
        where = " › ".join([targets[0].table.title] + [t.row.label for t in targets][:1])
        shown = "；".join(" ".join(str(v) for v in c) for c in candidates[:5])
        more = f"等 {len(candidates)} 种" if len(candidates) > 5 else f"共 {len(candidates)} 种"
        reading.issues.append(
            ImportIssue(
                "ambiguous",
                ids[0].rsplit(".", 1)[0],
                where,
                f"{where}：原文数字连在一起，符合勾稽关系的拆分不止一种（{shown}，{more}），本行未导入",
                cells=ids,
                candidates=candidates[:20],
            )
        )


# ---------------------------------------------------------------------------------- sections and meta

_SECTION_KEYWORDS: dict[str, tuple[str, ...]] = {
    "overview": ("总体情况", "概述", "基本情况", "总体"),
    "active": ("主动公开",),
    "requests": ("收到和处理", "依申请", "申请情况", "处理政府信息公开申请"),
    "appeals": ("复议", "诉讼"),
    "problems": ("问题", "改进"),
    "other": ("其他需要报告", "其他事项", "其他"),
}
_HEADING = re.compile(r"^([一二三四五六])\s*[、.．]\s*(\S.{0,60})$")


def _find_sections(lines: list[str]) -> dict[str, int]:
    """Line index of each of the six section headings that can be found, in order."""
    keys = list(SECTION_HEADINGS)
    found: dict[str, int] = {}
    position = -1
    for i, line in enumerate(lines):
        compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", line).replace("、", "、"))
        m = _HEADING.match(compact)
        if not m:
            continue
        key = keys["一二三四五六".index(m.group(1))]
        if key in found or i <= position:
            continue
        head = m.group(2) + (re.sub(r"\s+", "", lines[i + 1]) if i + 1 < len(lines) else "")[:10]
        if any(word in head[:30] for word in _SECTION_KEYWORDS[key]) and len(m.group(2)) <= 40:
            # A later section's heading may not come before an earlier one.
            if any(keys.index(k) > keys.index(key) for k in found):
                continue
            found[key] = i
            position = i
    return found


_YEAR = r"(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3}"
_TITLE = re.compile(
    r"(?P<pre>.*?)(?:关于)?(?P<year>" + _YEAR + r")\s*年度?(?P<mid>.*?)"
    r"政府信息公开(?:工作)?(?:情况)?(?:的)?(?:年度)?(?:工作)?(?:报告|年报)"
)
_YEAR_HINT = re.compile(r"(?P<year>(?:19|20)\d{2})\s*(?:年度?(?:政府信息公开)?(?:工作)?年度?报告|年报)")
"""A page or file title that names only the year ("2020年报_审计局")."""
_PERIOD = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)"
    r"|(?:截止|截至|截止到)\s*(?P<end>(?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
"""The statistics period the preface states ("统计期限为2024年1月1日至2024年12月31日")."""
_AGENCY_SUFFIX = re.compile(
    r"(?:政府|办公室|办公厅|委员会|管委会|局|委|办|厅|院|署|中心|镇|乡|街道|办事处|处|所|站|队|部"
    r"|馆|会|室|区|县|市|州|盟|旗|省|公司|集团|社|场|园)$"
)
_AGENCY_VERB = re.compile(
    r"^.*(?:现予公布|予以公布|向社会公布|现公布|公布|特编制|编制了|编制|印发|现将|现就|关于|发布)"
)
_NOT_AGENCY = re.compile(r"^(?:我|本|该|全)")


def _clean_agency(raw: str) -> str | None:
    """The agency name in the text before a title's year, or None when it does not read as one.

    Page chrome and preface sentences come along ("Page 8 - …", "首页 > … > 中村乡", "根据…规定，
    现公布…"), and so do spam banners on hijacked sites; a name must end like an institution
    (…局, …办公室, …镇, …街道办事处) and may not be a pronoun (我局, 本机关).
    """
    text = unicodedata.normalize("NFKC", raw)
    text = re.sub(r"\s+", "", text)
    text = re.split(r"[>›»|｜/_]|-{1,2}|—{1,2}", text)[-1]
    text = re.split(r"[，,。；;：:、《「“(（\[【]", text)[-1]
    text = _AGENCY_VERB.sub("", text)
    text = text.strip("》」”)）]】的")
    if not 2 <= len(text) <= 40 or _NOT_AGENCY.match(text) or not _AGENCY_SUFFIX.search(text):
        return None
    return text


def _find_meta(lines: list[str], first_section: int) -> tuple[str | None, int | None, int, int]:
    """Agency, year and the span of title lines [start, end), from the report's title."""
    head: list[tuple[int, str]] = []
    for i, line in enumerate(lines[: max(first_section, 0) or 40]):
        text = re.sub(r"\s+", "", line)
        if text:
            head.append((i, text))
        if len(head) >= 12:
            break
    fallback: tuple[str | None, int | None, int, int] | None = None
    for end in range(len(head)):
        # The shortest run of lines ending here that reads as a title; prefer one naming the agency.
        for span in range(1, min(4, end + 1) + 1):
            joined = "".join(text for _, text in head[end - span + 1 : end + 1])
            m = _TITLE.search(unicodedata.normalize("NFKC", joined))
            if not m or len(m.group(0)) > 160:
                continue
            year = int(m.group("year").translate(_CN_DIGITS))
            agency = _clean_agency(m.group("pre")) or _clean_agency(m.group("mid"))
            if agency:
                return agency, year, head[end - span + 1][0], head[end][0] + 1
            if span == 1:
                fallback = fallback or (None, year, head[end][0], head[end][0] + 1)
    for i, text in head:
        # A title that names no year ("驼峰路街道办事处政府信息公开工作年度报告").
        m = re.match(
            r"^(?P<pre>.+?)政府信息公开(?:工作)?(?:年度)?(?:工作)?报告$", unicodedata.normalize("NFKC", text)
        )
        agency = _clean_agency(m.group("pre")) if m else None
        if agency:
            year_only = fallback[1] if fallback is not None else None
            return agency, year_only, i, i + 1
    if fallback is not None:
        return fallback
    return None, None, 0, 0


_OPENING = re.compile(
    r"(?:^|[。\n])\s*(?:(?:19|20)\d{2})\s*年(?:度|以来)?[,，]?\s*"
    r"(?P<agency>[^，,。；;：:、（(《\s]{2,40}?)"
    r"(?:认真|全面|深入|坚持|严格|始终|积极|按照|紧紧|持续|进一步|高度重视|不断|扎实|围绕|以)"
)
"""The opening sentence of 总体情况 naming the agency ("2022年，二道区房屋征收工作管理办公室认真…")."""


def _opening_agency(lines: list[str], sections: dict[str, int]) -> str | None:
    start = sections.get("overview")
    if start is None:
        return None
    text = unicodedata.normalize("NFKC", "\n".join(lines[start + 1 : start + 6]))
    m = _OPENING.search(text)
    return _clean_agency(m.group("agency")) if m else None


def _preface_agency(lines: list[str], first_section: int) -> str | None:
    """The agency a preface names as the author ("本报告由保康县农业农村局编制")."""
    text = unicodedata.normalize("NFKC", "".join(lines[: max(first_section, 0) + 12]))
    text = re.sub(r"\s+", "", text)
    for m in re.finditer(r"由(?P<agency>[^，,。；;：:（(《》]{2,40}?)(?:负责|组织|认真)?编制", text):
        agency = _clean_agency(m.group("agency"))
        if agency:
            return agency
    return None


def _period_year(lines: list[str], first_section: int) -> int | None:
    """The year of the statistics period stated in the preface or the opening section."""
    text = unicodedata.normalize("NFKC", "\n".join(lines[: max(first_section, 0) + 40]))
    m = _PERIOD.search(text)
    if m is None:
        return None
    return int(m.group("year") or m.group("end"))


def _prose_year(lines: list[str], sections: dict[str, int], first_section: int) -> int | None:
    """The year the opening section speaks of most ("2020年，我街…"); a last resort."""
    start = sections.get("overview", first_section if first_section < len(lines) else 0)
    later = [i for i in sections.values() if i > start]
    region = unicodedata.normalize("NFKC", "\n".join(lines[start : min(later) if later else start + 40]))
    region = re.sub(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]", "", region)
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", region)]
    if not years:
        return None
    counts = {y: years.count(y) for y in years}
    return max(counts, key=lambda y: (counts[y], y))


def _head_year_hint(lines: list[str], first_section: int) -> int | None:
    for line in lines[: max(first_section, 0) or 12]:
        m = _YEAR_HINT.search(unicodedata.normalize("NFKC", re.sub(r"\s+", "", line)))
        if m:
            return int(m.group("year"))
    return None


def _resolve_year(
    lines: list[str], sections: dict[str, int], first: int, title_year: int | None
) -> tuple[int | None, str | None]:
    """The report year and, when it is not certain, why (an import issue message)."""
    period = _period_year(lines, first)
    if title_year is not None and period is not None and period != title_year:
        return period, f"标题为 {title_year} 年，统计期限为 {period} 年，按统计期限定为 {period} 年度，请核对"
    if title_year is not None:
        return title_year, None
    if period is not None:
        return period, None
    hint = _head_year_hint(lines, first)
    if hint is not None:
        return hint, f"未找到报告标题，按页面标题定为 {hint} 年度，请核对"
    prose = _prose_year(lines, sections, first)
    if prose is not None:
        return prose, f"未找到报告标题和统计期限，按正文所述年份定为 {prose} 年度，请核对"
    return None, None


def _detect_format(text: str, year: int | None) -> FormatDefinition | None:
    """The format whose section 二 and 三 labels the source uses (X-1 is then checked against the year)."""
    norm = _norm(text)
    scores: dict[str, int] = {}
    for fid in available_formats():
        fmt = load_format(fid)
        score = 0
        for table in fmt.tables:
            for block in table.blocks:
                for column in block.columns:
                    if len(_core(column.label)) >= 4 and _core(column.label) in norm:
                        score += 1
                for row in block.rows:
                    core = _core(row.label)
                    if len(core) >= 6 and core in norm:
                        score += 1
        if "(九)" in norm and "政府集中采购" in norm and fmt.table("active").blocks[-1].id == "item9":
            score += 3
        scores[fid] = score
    best = max(scores.values()) if scores else 0
    leaders = [fid for fid, s in scores.items() if s == best]
    if best == 0:
        return None
    if len(leaders) == 1:
        return load_format(leaders[0])
    if year is not None:
        fmt = format_for_year(year)
        if fmt.id in leaders:
            return fmt
    return load_format(leaders[-1])


# ------------------------------------------------------------------------------------------------ prose


def _clean_lines(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.replace("\u3000", " ").replace("\xa0", " ").rstrip()
        if _PAGE_NUMBER.match(line) or _WEB_NOISE.search(line):
            out.append("")
            continue
        out.append(line)
    return out


def _paragraphs(lines: list[str], hard_breaks: bool) -> list[str]:
    """Rebuild paragraphs from lines: soft line breaks (PDF) are joined, hard ones (HTML) kept."""
    texts = [_prose_spacing(line) for line in lines]
    texts = [t for t in texts if t]
    if hard_breaks:
        return texts
    lengths = sorted(len(t) for t in texts if len(t) > 8)
    typical = lengths[int(len(lengths) * 0.8)] if lengths else 30
    out: list[str] = []
    current = ""
    for text in texts:
        if _starts_block(text) and current:
            out.append(current)
            current = ""
        current += text
        ends = text[-1] in "。！？；：:" or text.endswith(("。”", "。）", "！”"))
        if (ends and len(text) < typical * 0.9) or (_is_heading_line(text) and len(text) < typical * 0.8):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _starts_block(text: str) -> bool:
    return bool(re.match(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)", text))


def _is_heading_line(text: str) -> bool:
    return _starts_block(text) and len(text) <= 30 and text[-1] not in "，、；"


def _subsection_key(heading: str) -> str:
    for key, label in OVERVIEW_SUBSECTIONS.items():
        if heading.startswith(label):
            return key
    words = {
        "overview.active_disclosure": ("主动公开",),
        "overview.on_request": ("依申请",),
        "overview.information_management": ("信息管理", "管理"),
        "overview.platforms": ("平台",),
        "overview.oversight": ("监督", "保障", "考核"),
    }
    for key, options in words.items():
        if any(w in heading for w in options):
            return key
    return "overview"


def _table_like(paragraph: str) -> bool:
    """A line of a table (labels and bare numbers) rather than a sentence."""
    if "。" in paragraph:
        return False
    return True


def _build_draft(
    title: str, lines: list[str], sections: dict[str, int], hard_breaks: bool, title_end: int
) -> Draft:
    blocks: list[Block] = []
    if title:
        blocks.append(Block(kind="title", text=title, section="preface"))
    order = sorted(sections.items(), key=lambda kv: kv[1])
    bounds = [("preface", title_end, order[0][1] if order else len(lines))]
    for n, (key, start) in enumerate(order):
        end = order[n + 1][1] if n + 1 < len(order) else len(lines)
        bounds.append((key, start, end))
    for key, start, end in bounds:
        body = lines[start:end]
        if key != "preface":
            heading = _prose_spacing(body[0]) if body else SECTION_HEADINGS[key]
            blocks.append(Block(kind="heading", text=heading, level=1, section=key))
            body = body[1:]
        section = key
        table_section = key in {"active", "requests", "appeals"}
        if table_section:
            blocks.append(Block(kind="table", text=key, section=key))
        for paragraph in _paragraphs(body, hard_breaks):
            if table_section and _table_like(paragraph):
                continue
            if key == "overview" and _starts_block(paragraph) and paragraph.startswith(("（", "(")):
                head, sep, rest = paragraph.partition("。")
                if len(paragraph) <= 30 and not sep:
                    section = _subsection_key(_strip_ordinal(paragraph))
                    blocks.append(Block(kind="heading", text=paragraph, level=2, section=section))
                    continue
                if sep and len(head) <= 20 and not re.search(r"\d", head):
                    section = _subsection_key(_strip_ordinal(head))
                    blocks.append(Block(kind="heading", text=head, level=2, section=section))
                    if rest:
                        blocks.append(Block(kind="paragraph", text=rest, section=section))
                    continue
            blocks.append(Block(kind="paragraph", text=paragraph, section=section))
    return Draft(title=title, blocks=blocks)


def _strip_ordinal(text: str) -> str:
    return re.sub(r"^[（(][一二三四五六七八九十]+[）)]", "", text)


def _proper_names(text: str) -> list[str]:
    """Quoted names containing digits (a platform called “331”): not statistics (format.md §8)."""
    names: list[str] = []
    for m in re.finditer(r"[“\"「]([^”\"」]{1,20})[”\"」]", text):
        name = m.group(1).strip()
        if (
            re.search(r"\d", name)
            and len(name) <= 10
            and not re.search(r"[年月日号]", name)
            and name not in names
        ):
            names.append(name)
    return names


# ------------------------------------------------------------------------------------------------ entry


def import_lines(
    lines: list[str],
    *,
    source: str = "原文",
    source_kind: str = "text",
    hard_breaks: bool | None = None,
    agency: str | None = None,
    year: int | None = None,
    format_id: str | None = None,
    fallback_agency: str | None = None,
) -> ImportedReport:
    """Read a report from its lines (any source); `hard_breaks=None` decides from line lengths."""
    lines = _clean_lines(lines)
    if hard_breaks is None:
        lengths = sorted(len(x.strip()) for x in lines if x.strip())
        hard_breaks = bool(lengths) and lengths[len(lengths) // 2] > 60
    sections = _find_sections(lines)
    first = min(sections.values()) if sections else len(lines)
    found_agency, found_year, title_start, title_end = _find_meta(lines, first)
    found_agency = found_agency or _preface_agency(lines, first)
    issues: list[ImportIssue] = []
    if not found_agency and not agency:
        found_agency = _opening_agency(lines, sections)
        if found_agency:
            issues.append(
                ImportIssue(
                    "meta",
                    "meta.agency",
                    "基本信息 › 机关名称",
                    f"基本信息 › 机关名称：未找到报告标题，按正文首句定为「{found_agency}」，请核对（可用 --agency 指定）",
                )
            )
    text = "\n".join(lines)
    if year is None:
        year, doubt = _resolve_year(lines, sections, first, found_year)
        if doubt:
            issues.append(
                ImportIssue("meta", "meta.year", "基本信息 › 报告年度", f"基本信息 › 报告年度：{doubt}")
            )
    if format_id:
        fmt = load_format(format_id)
    else:
        fmt = _detect_format(_table_region(lines, sections), year) or (
            format_for_year(year) if year else None
        )
    if fmt is None:
        raise InputError(
            f"{source}：未找到报告年度，也未找到官方表格，无法判断格式版本（可用 --year 指定年度）",
            location="meta.year",
        )
    if year is None:
        year = fmt.first_year
        issues.append(
            ImportIssue(
                "meta",
                "meta.year",
                "基本信息 › 报告年度",
                f"基本信息 › 报告年度：标题中未找到年度，暂按格式定为 {year}，请核对（可用 --year 指定）",
            )
        )
    agency = agency or found_agency
    if not agency:
        agency = fallback_agency or "未识别的机关"
        issues.append(
            ImportIssue(
                "meta",
                "meta.agency",
                "基本信息 › 机关名称",
                f"基本信息 › 机关名称：标题中未找到机关名称，暂用「{agency}」，请核对（可用 --agency 指定）",
            )
        )
    if _looks_traditional(text):
        issues.append(
            ImportIssue(
                "meta",
                "source",
                "原文",
                "原文为繁体中文（网站的繁体版页面），表格标签可能无法识别；请从网站简体版另存后再导入",
            )
        )
    reading = _TableReading()
    keys = list(SECTION_HEADINGS)
    found_any = False
    for table in fmt.tables:
        region = _section_text(lines, sections, table.section, keys)
        runs = _runs(region)
        found_any = found_any or any(r.cells for r in runs)
        if table.layout == "single_row":
            _read_single_row(table, runs, reading)
        else:
            _read_grid(table, runs, reading)
    if not found_any and not (sections and (found_agency or found_year)):
        raise InputError(f"{source}：未找到二、三、四部分的统计表格，无法导入", location=source)
    _resolve_splits(fmt, reading)
    issues.extend(reading.issues)
    data = _data(fmt, agency, year, reading.values)
    data["proper_names"] = _proper_names(text)
    title = (
        _prose_spacing(" ".join(x for x in lines[title_start:title_end] if x.strip())) if title_end else ""
    )
    draft = _build_draft(title, lines, sections, hard_breaks, title_end)
    read = sum(1 for v in reading.values.values() if v is not None)
    return ImportedReport(
        data=data,
        draft=draft,
        issues=issues,
        source=source,
        source_kind=source_kind,
        format_id=fmt.id,
        cells_read=read,
        cells_total=len(fmt.cells),
    )


_TRADITIONAL = re.compile("[開條報資關於處請數據總體為與務發構們門產辦護複議訴訟規範項]")
_SIMPLIFIED = re.compile("[开条报资关于处请数据总体为与务发构们门产办护复议诉讼规范项]")


def _looks_traditional(text: str) -> bool:
    """Text in traditional characters (a site's 繁體 view), where the official labels do not match."""
    sample = text[:20000]
    return len(_TRADITIONAL.findall(sample)) > 2 * len(_SIMPLIFIED.findall(sample)) + 10


def _table_region(lines: list[str], sections: dict[str, int]) -> str:
    keys = list(SECTION_HEADINGS)
    parts = [_section_text(lines, sections, s, keys) for s in ("二", "三")]
    return "\n".join(parts)


def _section_text(lines: list[str], sections: dict[str, int], numeral: str, keys: list[str]) -> str:
    """The text under one section heading (the whole text when headings were not found)."""
    key = keys["一二三四五六".index(numeral)]
    if key not in sections:
        # Without its heading, read from the previous found heading to the next one.
        before = [i for k, i in sections.items() if keys.index(k) < keys.index(key)]
        after = [i for k, i in sections.items() if keys.index(k) > keys.index(key)]
        start = max(before) if before else 0
        end = min(after) if after else len(lines)
        return "\n".join(lines[start:end])
    start = sections[key]
    later = [i for i in sections.values() if i > start]
    end = min(later) if later else len(lines)
    return "\n".join(lines[start + 1 : end])


def _data(fmt: FormatDefinition, agency: str, year: int, values: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"meta": {"agency": agency, "year": year, "format": fmt.id}}
    for cid, cell in fmt.cells.items():
        node = data.setdefault(cell.table.id, {})
        for part in cell.row.id.split("."):
            node = node.setdefault(part, {})
        value = values.get(cid)
        node[cell.column.id] = float(value) if isinstance(value, Decimal) else value
    return data
