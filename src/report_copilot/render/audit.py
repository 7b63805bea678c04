"""Self-audit of a written Word document: re-open it and compare it with what was meant to be written.

A document is only handed over after this passes: page size and margins as the profile says, an
explicit East Asian font on every style and run (and no theme font or en-US East Asian language left
in the defaults), every table with the official merges and every cell equal to the data, and the
prose, paragraph by paragraph, equal to the checked draft. Every failure is a Finding of severity
"error" naming the place in Chinese; the export treats any finding as a failed export.

The tables' audit is `render.table_audit`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.checks.findings import Finding
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.audit_common import error_finding, qn
from report_copilot.render.docx import (
    STYLE_BODY,
    STYLE_H1,
    STYLE_H2,
    STYLE_MARK,
    STYLE_SIGNATURE,
    STYLE_TITLE,
    style_fonts,
)
from report_copilot.render.layout import UNCHECKED_MARK, document_blocks, one_line, split_signature
from report_copilot.render.profile import DEFAULT_PROFILE, OfficeProfile
from report_copilot.render.table_audit import audit_tables

_MM_TOLERANCE = 0.2
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


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
                    error_finding(
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
            instr = "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))
            if "PAGE" not in instr:
                out.append(error_finding("EXPORT-PAGE", f"section:{i}.footer", f"第 {i} 节页脚缺少页码"))
    return out


# ---------------------------------------------------------------- fonts


def _theme_free(rfonts: Any) -> bool:
    return not any(rfonts.get(qn(a)) for a in _THEME_ATTRS)


def _audit_fonts(document: Any, profile: OfficeProfile) -> list[Finding]:
    return _audit_style_fonts(document) + _audit_run_fonts(document, profile)


def _audit_style_fonts(document: Any) -> list[Finding]:
    """The defaults and every style: an explicit East Asian font, no theme font, no en-US East Asian."""
    out: list[Finding] = []
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    rfonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if rfonts is None or not _theme_free(rfonts) or rfonts.get(qn("w:eastAsia")) is None:
        out.append(
            error_finding(
                "EXPORT-FONT",
                "docDefaults",
                "文档默认字体仍引用主题字体或未设中文字体（Word 会回退到 MS Mincho）",
            )
        )
    lang = rpr.find(qn("w:lang")) if rpr is not None else None
    if lang is not None and (lang.get(qn("w:eastAsia")) or "").lower() == "en-us":
        out.append(error_finding("EXPORT-FONT", "docDefaults", "文档默认东亚语言为 en-US，应为 zh-CN"))
    for style in styles.findall(qn("w:style")):
        name_el = style.find(qn("w:name"))
        name = name_el.get(qn("w:val")) if name_el is not None else style.get(qn("w:styleId"))
        srpr = style.find(qn("w:rPr"))
        sfonts = srpr.find(qn("w:rFonts")) if srpr is not None else None
        if sfonts is None or sfonts.get(qn("w:eastAsia")) is None or not _theme_free(sfonts):
            out.append(error_finding("EXPORT-FONT", f"style:{name}", f"样式「{name}」未显式设置中文字体"))
    return out


def _audit_run_fonts(document: Any, profile: OfficeProfile) -> list[Finding]:
    """Every run of the body and the footers: an explicit East Asian font, the one its style wants."""
    out: list[Finding] = []
    expected_by_style = {document.styles[name].style_id: font for name, font in style_fonts(profile).items()}
    parts = [("正文", document.element.body)]
    for section in document.sections:
        parts.append(("页脚", section.footer._element))
        if profile.page_number_position == "outer":
            parts.append(("偶数页页脚", section.even_page_footer._element))
    for where, root in parts:
        for n, paragraph in enumerate(root.iter(qn("w:p")), start=1):
            ppr = paragraph.find(qn("w:pPr"))
            pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
            style_id = pstyle.get(qn("w:val")) if pstyle is not None else None
            expected = expected_by_style.get(style_id or "")
            for run in paragraph.iter(qn("w:r")):
                rrpr = run.find(qn("w:rPr"))
                rf = rrpr.find(qn("w:rFonts")) if rrpr is not None else None
                font = rf.get(qn("w:eastAsia")) if rf is not None else None
                text = "".join(t.text or "" for t in run.iter(qn("w:t")))
                sample = f"「{text[:12]}」" if text else ""
                if font is None or not _theme_free(rf):
                    out.append(
                        error_finding(
                            "EXPORT-FONT", f"{where}:{n}", f"{where}第 {n} 段的文字{sample}未显式设置中文字体"
                        )
                    )
                elif (expected and font != expected) or (not expected and font not in profile.fonts):
                    out.append(
                        error_finding(
                            "EXPORT-FONT",
                            f"{where}:{n}",
                            f"{where}第 {n} 段的文字{sample}中文字体为「{font}」，应为「{expected or '、'.join(sorted(profile.fonts))}」",
                            expected=expected,
                            actual=font,
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
    for p in document.element.body.findall(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        ppr = p.find(qn("w:pPr"))
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style = id_to_name.get(pstyle.get(qn("w:val")) if pstyle is not None else "", "Normal")
        if text or style != "Normal":
            actual.append((style, text))
    out: list[Finding] = []
    has_mark = bool(actual) and actual[0] == (STYLE_MARK, UNCHECKED_MARK)
    if unchecked_mark is not None and has_mark != unchecked_mark:
        state = "带有" if has_mark else "缺少"
        out.append(
            error_finding("EXPORT-PROSE", "mark", f"Word 文档{state}“未通过数字核对”标注，与导出选项不符")
        )
    if has_mark:
        actual = actual[1:]
    expected = _expected_paragraphs(draft, report)
    for n, ((want_style, want, what), (got_style, got)) in enumerate(
        zip(expected, actual, strict=False), start=1
    ):
        if got != want:
            out.append(
                error_finding(
                    "EXPORT-PROSE",
                    f"paragraph:{n}",
                    f"Word 文档第 {n} 段（{what}）与核对过的草稿不一致：应为「{want[:40]}」，实为「{got[:40]}」",
                    expected=want,
                    actual=got,
                )
            )
        elif got_style != want_style:
            out.append(
                error_finding(
                    "EXPORT-PROSE",
                    f"paragraph:{n}",
                    f"Word 文档第 {n} 段（{what}）样式为「{got_style}」，应为「{want_style}」",
                    expected=want_style,
                    actual=got_style,
                )
            )
    if len(expected) != len(actual):
        out.append(
            error_finding(
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
        return [error_finding("EXPORT-OPEN", str(path), f"无法重新打开导出的 Word 文档 {path}：{exc}")]
    except Exception as exc:  # a corrupt zip or XML: still a finding, never a traceback
        return [
            error_finding("EXPORT-OPEN", str(path), f"导出的 Word 文档 {path} 已损坏：{type(exc).__name__}")
        ]
    findings = _audit_page(document, profile)
    findings += _audit_fonts(document, profile)
    findings += audit_tables(document, draft.table_ids() or [], report)
    findings += _audit_prose(document, draft, report, unchecked_mark)
    return findings
