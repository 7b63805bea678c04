"""Self-audit of a written Word document: re-open it and compare it with what was meant to be written.

A document is only handed over after this passes: page size and margins as the profile says, an
explicit East Asian font on every style and run (and no theme font or en-US East Asian language left
in the defaults), every table with the official merges and every cell equal to the data, and the
prose, paragraph by paragraph, equal to the checked draft. Every failure is a Finding of severity
"error" naming the place in Chinese; the export treats any finding as a failed export.

The tables are read from the WordprocessingML itself (gridSpan across, vMerge down), so a merge that
python-docx would paper over is still caught.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.checks.findings import Finding
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.docx import (
    STYLE_BODY,
    STYLE_H1,
    STYLE_H2,
    STYLE_MARK,
    STYLE_SIGNATURE,
    STYLE_TITLE,
    style_fonts,
)
from report_copilot.render.layout import (
    UNCHECKED_MARK,
    cell_texts,
    document_blocks,
    one_line,
    split_signature,
    table_layout,
)
from report_copilot.render.profile import DEFAULT_PROFILE, OfficeProfile

_MM_TOLERANCE = 0.2
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _finding(rule: str, location: str, message: str, **extra: Any) -> Finding:
    return Finding(rule=rule, severity="error", location=location, message=message, **extra)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


# ---------------------------------------------------------------- page


def _audit_page(document: Any, profile: OfficeProfile) -> list[Finding]:
    from docx.shared import Emu

    wanted = {
        "page_width": ("纸张宽度", profile.page_width_mm),
        "page_height": ("纸张高度", profile.page_height_mm),
        "top_margin": ("上边距", profile.margin_top_mm),
        "bottom_margin": ("下边距", profile.margin_bottom_mm),
        "left_margin": ("左边距", profile.margin_left_mm),
        "right_margin": ("右边距", profile.margin_right_mm),
    }
    out: list[Finding] = []
    for i, section in enumerate(document.sections, start=1):
        for attr, (label, mm) in wanted.items():
            value = getattr(section, attr)
            actual = None if value is None else Emu(value).mm
            if actual is None or abs(actual - mm) > _MM_TOLERANCE:
                shown = "未设置" if actual is None else f"{actual:.1f} 毫米"
                out.append(
                    _finding(
                        "EXPORT-PAGE",
                        f"section:{i}.{attr}",
                        f"第 {i} 节{label}为 {shown}，应为 {mm:g} 毫米",
                        expected=mm,
                        actual=None if actual is None else round(actual, 1),
                    )
                )
        footers = (
            [section.footer, section.even_page_footer]
            if profile.page_number_position == "outer"
            else [section.footer]
        )
        for footer in footers:
            instr = "".join(t.text or "" for t in footer._element.iter(_qn("w:instrText")))
            if "PAGE" not in instr:
                out.append(_finding("EXPORT-PAGE", f"section:{i}.footer", f"第 {i} 节页脚缺少页码"))
    return out


# ---------------------------------------------------------------- fonts


def _theme_free(rfonts: Any) -> bool:
    return not any(rfonts.get(_qn(a)) for a in _THEME_ATTRS)


def _audit_fonts(document: Any, profile: OfficeProfile) -> list[Finding]:
    out: list[Finding] = []
    styles = document.styles.element
    defaults = styles.find(_qn("w:docDefaults"))
    rpr = defaults.find(_qn("w:rPrDefault")).find(_qn("w:rPr")) if defaults is not None else None
    rfonts = rpr.find(_qn("w:rFonts")) if rpr is not None else None
    if rfonts is None or not _theme_free(rfonts) or rfonts.get(_qn("w:eastAsia")) is None:
        out.append(
            _finding(
                "EXPORT-FONT",
                "docDefaults",
                "文档默认字体仍引用主题字体或未设中文字体（Word 会回退到 MS Mincho）",
            )
        )
    lang = rpr.find(_qn("w:lang")) if rpr is not None else None
    if lang is not None and (lang.get(_qn("w:eastAsia")) or "").lower() == "en-us":
        out.append(_finding("EXPORT-FONT", "docDefaults", "文档默认东亚语言为 en-US，应为 zh-CN"))
    for style in styles.findall(_qn("w:style")):
        name_el = style.find(_qn("w:name"))
        name = name_el.get(_qn("w:val")) if name_el is not None else style.get(_qn("w:styleId"))
        srpr = style.find(_qn("w:rPr"))
        sfonts = srpr.find(_qn("w:rFonts")) if srpr is not None else None
        if sfonts is None or sfonts.get(_qn("w:eastAsia")) is None or not _theme_free(sfonts):
            out.append(_finding("EXPORT-FONT", f"style:{name}", f"样式「{name}」未显式设置中文字体"))

    expected_by_style = {document.styles[name].style_id: font for name, font in style_fonts(profile).items()}
    parts = [("正文", document.element.body)]
    for section in document.sections:
        parts.append(("页脚", section.footer._element))
        if profile.page_number_position == "outer":
            parts.append(("偶数页页脚", section.even_page_footer._element))
    for where, root in parts:
        for n, paragraph in enumerate(root.iter(_qn("w:p")), start=1):
            ppr = paragraph.find(_qn("w:pPr"))
            pstyle = ppr.find(_qn("w:pStyle")) if ppr is not None else None
            style_id = pstyle.get(_qn("w:val")) if pstyle is not None else None
            expected = expected_by_style.get(style_id or "")
            for run in paragraph.iter(_qn("w:r")):
                rrpr = run.find(_qn("w:rPr"))
                rf = rrpr.find(_qn("w:rFonts")) if rrpr is not None else None
                font = rf.get(_qn("w:eastAsia")) if rf is not None else None
                text = "".join(t.text or "" for t in run.iter(_qn("w:t")))
                sample = f"「{text[:12]}」" if text else ""
                if font is None or not _theme_free(rf):
                    out.append(
                        _finding(
                            "EXPORT-FONT", f"{where}:{n}", f"{where}第 {n} 段的文字{sample}未显式设置中文字体"
                        )
                    )
                elif (expected and font != expected) or (not expected and font not in profile.fonts):
                    out.append(
                        _finding(
                            "EXPORT-FONT",
                            f"{where}:{n}",
                            f"{where}第 {n} 段的文字{sample}中文字体为「{font}」，应为「{expected or '、'.join(sorted(profile.fonts))}」",
                            expected=expected,
                            actual=font,
                        )
                    )
    return out


# ---------------------------------------------------------------- tables


def _cell_text(tc: Any) -> str:
    paragraphs = tc.findall(_qn("w:p"))
    return "\n".join("".join(t.text or "" for t in p.iter(_qn("w:t"))) for p in paragraphs)


def read_table_grid(
    tbl: Any,
) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[tuple[int, int], str], int]:
    """(grid position → position of the cell that covers it, origin → text, number of rows)."""
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    texts: dict[tuple[int, int], str] = {}
    rows = tbl.findall(_qn("w:tr"))
    for r, tr in enumerate(rows):
        c = 0
        for tc in tr.findall(_qn("w:tc")):
            tcpr = tc.find(_qn("w:tcPr"))
            span_el = tcpr.find(_qn("w:gridSpan")) if tcpr is not None else None
            span = int(span_el.get(_qn("w:val"))) if span_el is not None else 1
            vmerge = tcpr.find(_qn("w:vMerge")) if tcpr is not None else None
            continues = vmerge is not None and vmerge.get(_qn("w:val")) in (None, "continue")
            if continues and (r - 1, c) in origin:
                top = origin[(r - 1, c)]
            else:
                top = (r, c)
                texts[top] = _cell_text(tc)
            for k in range(span):
                origin[(r, c + k)] = top
            c += span
    return origin, texts, len(rows)


def _audit_tables(document: Any, draft_tables: list[str], report: ReportBase) -> list[Finding]:
    fmt = report.format
    tables = document.element.body.findall(_qn("w:tbl"))
    out: list[Finding] = []
    if len(tables) != len(draft_tables):
        out.append(
            _finding(
                "EXPORT-TABLE",
                "tables",
                f"Word 文档中有 {len(tables)} 张表格，草稿中应有 {len(draft_tables)} 张",
                expected=len(draft_tables),
                actual=len(tables),
            )
        )
    for tbl, table_id in zip(tables, draft_tables, strict=False):
        layout = table_layout(fmt, table_id)
        title = fmt.table(table_id).title
        origin, texts, n_rows = read_table_grid(tbl)
        n_cols = 1 + max((c for _, c in origin), default=-1)
        if (n_rows, n_cols) != (layout.n_rows, layout.n_cols):
            out.append(
                _finding(
                    "EXPORT-TABLE",
                    f"table:{table_id}",
                    f"「{title}」为 {n_rows} 行 {n_cols} 列，官方表样为 {layout.n_rows} 行 {layout.n_cols} 列",
                )
            )
            continue
        expected = cell_texts(layout, report)
        for spec in layout.cells:
            covered = {
                origin.get((r, c))
                for r in range(spec.row, spec.last_row + 1)
                for c in range(spec.col, spec.last_col + 1)
            }
            if covered != {(spec.row, spec.col)}:
                what = spec.text or (fmt.cell(spec.cell_id).where if spec.cell_id else "")
                out.append(
                    _finding(
                        "EXPORT-TABLE",
                        f"table:{table_id}:{spec.row + 1},{spec.col + 1}",
                        f"「{title}」第 {spec.row + 1} 行第 {spec.col + 1} 列（{what}）的合并单元格与官方表样不符",
                    )
                )
                continue
            want = expected[(spec.row, spec.col)]
            got = texts.get((spec.row, spec.col), "")
            if got != want:
                if spec.cell_id:
                    cell = fmt.cell(spec.cell_id)
                    out.append(
                        _finding(
                            "EXPORT-TABLE",
                            spec.cell_id,
                            f"Word 文档中「{cell.where}」为「{got}」，数据为「{want}」",
                            where=cell.where,
                            expected=want,
                            actual=got,
                            cells=[spec.cell_id],
                        )
                    )
                else:
                    out.append(
                        _finding(
                            "EXPORT-TABLE",
                            f"table:{table_id}:{spec.row + 1},{spec.col + 1}",
                            f"「{title}」第 {spec.row + 1} 行第 {spec.col + 1} 列表头为「{got}」，官方表样为「{want}」",
                            expected=want,
                            actual=got,
                        )
                    )
    return out


# ---------------------------------------------------------------- prose


def _expected_paragraphs(draft: Draft, report: ReportBase) -> list[tuple[str, str, str]]:
    """(style name, text, what) for every body paragraph outside tables, in order."""
    out: list[tuple[str, str, str]] = []
    for i, block in enumerate(document_blocks(draft, report)):
        text = one_line(block.text)
        what = f"第 {i + 1} 块"
        match block.kind:
            case "title":
                out.append((STYLE_TITLE, text, "标题"))
            case "heading":
                style = STYLE_H1 if block.level <= 1 else STYLE_H2 if block.level == 2 else STYLE_BODY
                out.append((style, text, f"{what}（标题）"))
            case "signature":
                agency, date = split_signature(text)
                out.extend((STYLE_SIGNATURE, line, "落款") for line in (agency, date) if line)
            case "paragraph":
                if text:
                    out.append((STYLE_BODY, text, what))
    return out


def _audit_prose(
    document: Any, draft: Draft, report: ReportBase, unchecked_mark: bool | None
) -> list[Finding]:
    id_to_name = {s.style_id: s.name for s in document.styles}
    actual: list[tuple[str, str]] = []
    for p in document.element.body.findall(_qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(_qn("w:t")))
        ppr = p.find(_qn("w:pPr"))
        pstyle = ppr.find(_qn("w:pStyle")) if ppr is not None else None
        style = id_to_name.get(pstyle.get(_qn("w:val")) if pstyle is not None else "", "Normal")
        if text or style != "Normal":
            actual.append((style, text))
    out: list[Finding] = []
    has_mark = bool(actual) and actual[0] == (STYLE_MARK, UNCHECKED_MARK)
    if unchecked_mark is not None and has_mark != unchecked_mark:
        state = "带有" if has_mark else "缺少"
        out.append(_finding("EXPORT-PROSE", "mark", f"Word 文档{state}“未通过数字核对”标注，与导出选项不符"))
    if has_mark:
        actual = actual[1:]
    expected = _expected_paragraphs(draft, report)
    for n, ((want_style, want, what), (got_style, got)) in enumerate(
        zip(expected, actual, strict=False), start=1
    ):
        if got != want:
            out.append(
                _finding(
                    "EXPORT-PROSE",
                    f"paragraph:{n}",
                    f"Word 文档第 {n} 段（{what}）与核对过的草稿不一致：应为「{want[:40]}」，实为「{got[:40]}」",
                    expected=want,
                    actual=got,
                )
            )
        elif got_style != want_style:
            out.append(
                _finding(
                    "EXPORT-PROSE",
                    f"paragraph:{n}",
                    f"Word 文档第 {n} 段（{what}）样式为「{got_style}」，应为「{want_style}」",
                    expected=want_style,
                    actual=got_style,
                )
            )
    if len(expected) != len(actual):
        out.append(
            _finding(
                "EXPORT-PROSE",
                "paragraphs",
                f"Word 文档正文有 {len(actual)} 段，核对过的草稿应有 {len(expected)} 段",
                expected=len(expected),
                actual=len(actual),
            )
        )
    return out


def audit_docx(
    path: Path,
    draft: Draft,
    report: ReportBase,
    *,
    profile: OfficeProfile | None = None,
    unchecked_mark: bool | None = None,
) -> list[Finding]:
    """Every way the written document differs from the draft, the data and the profile (empty = passes).

    `unchecked_mark`: True/False requires the 未通过数字核对 mark to be present/absent; None accepts either.
    """
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    profile = profile or DEFAULT_PROFILE
    try:
        document = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        return [_finding("EXPORT-OPEN", str(path), f"无法重新打开导出的 Word 文档 {path}：{exc}")]
    except Exception as exc:  # a corrupt zip or XML: still a finding, never a traceback
        return [_finding("EXPORT-OPEN", str(path), f"导出的 Word 文档 {path} 已损坏：{type(exc).__name__}")]
    findings = _audit_page(document, profile)
    findings += _audit_fonts(document, profile)
    findings += _audit_tables(document, draft.table_ids() or [], report)
    findings += _audit_prose(document, draft, report, unchecked_mark)
    return findings
