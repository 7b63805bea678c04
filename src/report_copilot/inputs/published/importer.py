"""The entry points: a file, a text or lines → an `ImportedReport`.

`import_published` picks the reader for the file kind (an Excel template goes to `workbook`),
`import_lines` runs the stages in order: clean lines, sections, meta, format, tables, identities,
prose, and gathers their issues.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError
from report_copilot.inputs.limits import check_input_file
from report_copilot.inputs.published.agency import (
    chrome_agency,
    complete_agency,
    opening_agency,
    preface_agency,
    publisher_agency,
    signature_agency,
)
from report_copilot.inputs.published.cells import read_runs
from report_copilot.inputs.published.displaced import place_displaced_tables
from report_copilot.inputs.published.identities import resolve_splits
from report_copilot.inputs.published.impossible_runs import report_impossible
from report_copilot.inputs.published.layout_columns import mark_layout_blanks
from report_copilot.inputs.published.letter_spacing import unspaced
from report_copilot.inputs.published.meta import (
    detect_format,
    find_meta,
    override_notes,
    resolve_year,
    simplified,
    title_suffix_agency,
)
from report_copilot.inputs.published.model import ImportedReport, ImportIssue
from report_copilot.inputs.published.normalize import clean_lines, prose_spacing
from report_copilot.inputs.published.prose import build_draft, proper_names
from report_copilot.inputs.published.rows import tab_rows
from report_copilot.inputs.published.sections import find_sections, section_text, table_region
from report_copilot.inputs.published.short_rows import resolve_short_rows
from report_copilot.inputs.published.sources import file_lines
from report_copilot.inputs.published.tables import TableReading, read_grid, read_single_row
from report_copilot.inputs.published.textlines import narrow_figures
from report_copilot.model.draft import SECTION_HEADINGS, Draft
from report_copilot.model.formats import FormatDefinition, format_for_year, load_format
from report_copilot.model.script import fold_radical_lines

MAX_TEXT_CHARS = 2_000_000
"""A report's text is tens of thousands of characters; the readers are linear, but not free."""


def import_published(
    path: Path,
    *,
    agency: str | None = None,
    year: int | None = None,
    format_id: str | None = None,
) -> ImportedReport:
    """Read a published report file (.txt/.html/.pdf/.ofd/.docx/.xlsx) into data, prose and issues."""
    if not path.exists():
        raise InputError(f"找不到文件：{path}", location=str(path))
    if path.is_dir():
        raise InputError(f"{path} 是目录，不是文件", location=str(path))
    check_input_file(path)  # size, zip and sheet bounds before any parser (inputs/limits.py)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from report_copilot.inputs.published import workbook

        if workbook.is_template(path):
            return workbook.import_workbook(path)
    lines, kind, hard = file_lines(path)
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
    return import_lines(tab_rows(text.splitlines()), **kwargs)


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
    raw_lines, lines, converted = _prepared(lines, source)
    if hard_breaks is None:
        hard_breaks = _hard_breaks(lines)
    sections = find_sections(lines)
    meta = _meta(raw_lines, lines, converted, sections, source, agency, year, format_id, fallback_agency)
    fmt = meta.fmt
    placed, placed_sections = place_displaced_tables(fmt, lines, sections)  # a table above its heading
    reading, found_any = _tables(fmt, placed, placed_sections)
    if format_id is None and fmt.id != format_for_year(meta.year).id and not _holds_cells(reading):
        # No table holds a cell: the layout was told by words of the prose alone (an opening that
        # names 政府集中采购 or 其他对外管理服务事项), which say nothing of the tables' layout. The
        # year's own format is read instead, and no X-1 is raised on prose words.
        fmt = format_for_year(meta.year)
        placed, placed_sections = place_displaced_tables(fmt, lines, sections)
        reading, found_any = _tables(fmt, placed, placed_sections)
    lines, sections = placed, placed_sections
    if not found_any and not (sections and meta.found):
        raise InputError(f"{source}：未找到二、三、四部分的统计表格，无法导入", location=source)
    resolve_splits(fmt, reading)
    resolve_short_rows(fmt, reading)
    report_impossible(fmt, reading)
    data = _data(fmt, meta.agency, meta.year, reading.values)
    data["proper_names"] = proper_names(meta.text)
    read = len(reading.values) - [*reading.values.values()].count(None)
    return ImportedReport(
        data=data,
        draft=_draft(lines, sections, meta, hard_breaks),
        issues=meta.issues + reading.issues,
        source=source,
        source_kind=source_kind,
        format_id=fmt.id,
        cells_read=read,
        cells_total=len(fmt.cells),
    )


def _holds_cells(reading: TableReading) -> bool:
    """Whether any table cell was read, or waits for its digits to be split (a number of the prose
    left over in a section's text is no table)."""
    return bool(reading.pending or reading.short) or any(v is not None for v in reading.values.values())


def prose_of(lines: list[str], *, source: str, year: int, format_id: str) -> tuple[Draft, str]:
    """A text's draft and agency read as a report's, with no table needed: for judging a report's
    opening apart from any table (bench/bench_prose_openings.py), where `import_lines` refuses."""
    raw_lines, lines, converted = _prepared(lines, source)
    sections = find_sections(lines)
    meta = _meta(raw_lines, lines, converted, sections, source, None, year, format_id, source)
    return _draft(lines, sections, meta, _hard_breaks(lines)), meta.agency


def meta_of(
    lines: list[str], *, source: str, fallback_agency: str | None
) -> tuple[str, int, list[ImportIssue]]:
    """The agency, year and meta issues `import_lines` finds in a text, before it looks for tables: for
    measuring them on report openings (bench/bench_meta_openings.py), which import refuses."""
    raw_lines, lines, converted = _prepared(lines, source)
    sections = find_sections(lines)
    meta = _meta(raw_lines, lines, converted, sections, source, None, None, None, fallback_agency)
    return meta.agency, meta.year, meta.issues


def _hard_breaks(lines: list[str]) -> bool:
    """Whether the text's lines are broken by hand (their median length is a paragraph's)."""
    lengths = sorted(filter(None, map(len, map(str.strip, lines))))
    return bool(lengths) and lengths[len(lengths) // 2] > 60


def _draft(lines: list[str], sections: dict[str, int], meta: _Meta, hard_breaks: bool) -> Draft:
    start, end = meta.title
    title = prose_spacing(" ".join(x for x in lines[start:end] if x.strip())) if end else ""
    return build_draft(title, lines, sections, hard_breaks, end)


def _prepared(lines: list[str], source: str) -> tuple[list[str], list[str], list[str] | None]:
    """(the lines as given, the lines to read, the simplified lines if the page was traditional)."""
    size = sum(map(len, lines))
    if size > MAX_TEXT_CHARS:
        raise InputError(
            f"{source}：正文约 {size // 10000} 万字，远超一篇年度报告（上限 {MAX_TEXT_CHARS // 10000} 万字），已停止读取",
            location=source,
        )
    lines = unspaced(fold_radical_lines(lines))  # 人⺠政府, 政 府: as PDF text layers print 政府
    raw_lines, lines = lines, narrow_figures(lines)
    converted = simplified(lines)  # before cleaning: a one-line crawl is cut at 情况, not 情況
    return raw_lines, clean_lines(converted or lines), converted


@dataclass
class _Meta:
    """What the report says of itself (or what it was taken to be), with the doubts to list."""

    agency: str
    year: int
    fmt: FormatDefinition
    title: tuple[int, int]
    found: bool
    """The text names its agency or year (a report without tables is then still a report)."""
    text: str
    issues: list[ImportIssue]


def _meta(
    raw_lines: list[str],
    lines: list[str],
    converted: list[str] | None,
    sections: dict[str, int],
    source: str,
    agency: str | None,
    year: int | None,
    format_id: str | None,
    fallback_agency: str | None,
) -> _Meta:
    first = min(sections.values()) if sections else len(lines)
    found_agency, found_year, title_start, title_end = find_meta(lines, first)
    found_agency = found_agency or preface_agency(lines, first)
    issues: list[ImportIssue] = []
    if converted is not None:
        issues.append(ImportIssue("meta", "source", "原文", _TRADITIONAL))
    if not found_agency and not agency:
        found_agency, agency_doubt = _weaker_agency(raw_lines, lines, sections, first)
        issues += [agency_doubt] if agency_doubt else []
    issues += override_notes(lines, sections, first, found_year, (year, format_id))
    year, fmt = _year_and_format(lines, sections, first, found_year, year, format_id, source, issues)
    if not agency and found_agency:
        whole = "\n".join(raw_lines if converted is None else lines)
        found_agency, notes = complete_agency(found_agency, [whole])
        issues += notes
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
    found = bool(found_agency or found_year)
    return _Meta(agency, year, fmt, (title_start, title_end), found, "\n".join(lines), issues)


_TRADITIONAL = "原文为繁体中文（网站的繁体版页面），已逐字转换为简体后读取，请核对机关名称和正文"


def _year_and_format(
    lines: list[str],
    sections: dict[str, int],
    first: int,
    found_year: int | None,
    year: int | None,
    format_id: str | None,
    source: str,
    issues: list[ImportIssue],
) -> tuple[int, FormatDefinition]:
    """The report year and table format: as given, else from the text, each read from the other."""
    if year is None:
        year, doubt = resolve_year(lines, sections, first, found_year)
        if doubt:
            issues.append(
                ImportIssue("meta", "meta.year", "基本信息 › 报告年度", f"基本信息 › 报告年度：{doubt}")
            )
    fmt: FormatDefinition | None
    if format_id:
        fmt = load_format(format_id)
    else:
        fmt = detect_format(table_region(lines, sections), year) or (format_for_year(year) if year else None)
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
    return year, fmt


def _tables(fmt: FormatDefinition, lines: list[str], sections: dict[str, int]) -> tuple[TableReading, bool]:
    """Every table of the format read from its section, and whether any section held a cell."""
    reading = TableReading()
    keys = list(SECTION_HEADINGS)
    found_any = False
    for table in fmt.tables:
        runs = read_runs(mark_layout_blanks(table, section_text(lines, sections, table.section, keys)))
        found_any = found_any or any(r.cells for r in runs)
        if table.layout == "single_row":
            read_single_row(table, runs, reading)
        else:
            read_grid(table, runs, reading)
    return reading, found_any


def _weaker_agency(
    raw_lines: list[str], lines: list[str], sections: dict[str, int], first: int
) -> tuple[str | None, ImportIssue | None]:
    """The agency when no title names it: the opening sentence, the signature, the page's 发布机构 or
    来源 line, its breadcrumb, its title."""
    for how, name in (
        ("正文首句", opening_agency(lines, sections)),
        ("落款", signature_agency(lines)),
        ("网页的发布机构或来源", publisher_agency(lines, first)),
        ("网页导航", chrome_agency(raw_lines)),
        ("网页标题", title_suffix_agency(lines, first)),
    ):
        if name:
            message = (
                f"基本信息 › 机关名称：未找到报告标题，按{how}定为「{name}」，请核对（可用 --agency 指定）"
            )
            return name, ImportIssue("meta", "meta.agency", "基本信息 › 机关名称", message)
    return None, None


_Step = tuple[int, str, int, str]
"""(parent node, key, child node, cell id) in the data's key order: a step links the child node
under the key, or (child 0: the data itself is no one's child) puts the cell's value there."""


@cache
def _data_plan(fmt: FormatDefinition) -> tuple[int, tuple[_Step, ...]]:
    """Where each cell goes in the data (table › row path › column): the same for every report, so
    worked out once per format as the number of nested dicts and the ordered steps that fill them."""
    tree: dict[str, Any] = {}
    for cid, cell in fmt.cells.items():
        node = tree
        for part in (cell.table.id, *cell.row.id.split(".")):
            node = node.setdefault(part, {})
        node[cell.column.id] = cid
    steps: list[_Step] = []
    count = 1  # node 0 is the data itself

    def walk(sub: dict[str, Any], parent: int) -> None:
        nonlocal count
        for key, v in sub.items():
            if isinstance(v, dict):
                child, count = count, count + 1
                steps.append((parent, key, child, ""))
                walk(v, child)
            else:
                steps.append((parent, key, 0, v))

    walk(tree, 0)
    return count, tuple(steps)


def _data(fmt: FormatDefinition, agency: str, year: int, values: dict[str, Any]) -> dict[str, Any]:
    """The report's data: meta, then every table's cells nested by row path (a Decimal as a float)."""
    count, steps = _data_plan(fmt)
    nodes: list[dict[str, Any]] = [{} for _ in range(count)]
    nodes[0]["meta"] = {"agency": agency, "year": year, "format": fmt.id}
    get = values.get
    for parent, key, child, cid in steps:
        if child:
            nodes[parent][key] = nodes[child]
        else:
            value = get(cid)
            nodes[parent][key] = float(value) if isinstance(value, Decimal) else value
    return nodes[0]
