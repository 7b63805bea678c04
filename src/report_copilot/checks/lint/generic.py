"""L-2 泛化: a paragraph that could stand in any agency's report (format: 不宜泛化).

A paragraph is specific when it carries something of this agency this year: a figure (years and
dates do not count), a document title or number other than the format's own fixed names, a quoted
name (a platform, a column), the agency's place, portal or address, a supporting fact's label, or a
piece of the staff's notes. Anything else is 空话; a warning, since a sober sentence can be right.
"""

from __future__ import annotations

import re

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.data import fixed_names, lint_data
from report_copilot.checks.lint.text import squeeze
from report_copilot.model.report import ReportBase

RULE = "L-2"
_DATES = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日")
_TITLE = re.compile(r"《([^》]{2,60})》")
_QUOTED = re.compile(r"[“\"「]([^”\"」]{2,30})[”\"」]")
_DOC_NUMBER = re.compile(r"〔\d{4}〕\d+号")
_NOTE_PIECE = 8


def _place(agency: str) -> str:
    """云溪市市场监督管理局 → 云溪市: the agency's place, as far as its name says."""
    suffixes = str(lint_data()["generic"]["place_suffixes"])
    cut = max((agency.rfind(ch, 0, 12) for ch in suffixes), default=-1)
    return agency[: cut + 1] if cut >= 1 else ""


def _specific_words(report: ReportBase | None) -> list[str]:
    """Strings of the data and notes whose presence makes a paragraph this agency's own."""
    if report is None:
        return []
    meta = report.meta
    words = [meta.agency, _place(meta.agency), meta.portal or "", meta.url or "", *report.proper_names]
    words += [squeeze(f.label) for f in report.facts]
    for notes in report.notes.model_dump().values():
        for note in notes:
            words += _pieces(squeeze(note))
    return [w for w in words if len(w) >= 2]


def _pieces(note: str) -> list[str]:
    """Overlapping stretches of a note, so a paraphrase that keeps a phrase still counts."""
    parts = [p for p in re.split(r"[，。；、：,;:！？\s]", note) if len(p) >= _NOTE_PIECE]
    return parts or ([note] if len(note) >= 4 else [])


def is_specific(text: str, words: list[str]) -> bool:
    text = squeeze(text)
    fixed = {n.name for n in fixed_names()} | {"《条例》"}
    bare = _DATES.sub("", text)
    for name in fixed:
        bare = bare.replace(name, "")
    if re.search(r"\d", bare) or _TITLE.search(bare) or _QUOTED.search(bare) or _DOC_NUMBER.search(bare):
        return True
    return any(w in text for w in words)


def lint_generic(ctx: LintContext) -> list[Finding]:
    data = lint_data()["generic"]
    words = _specific_words(ctx.report)
    out: list[Finding] = []
    for para in ctx.paras:
        text = squeeze(para.text)
        if para.top not in data["sections"] or len(text) < data["min_chars"]:
            continue
        if any(e in text for e in data["exempt"]) or is_specific(text, words):
            continue
        markers = [m for m in data["markers"] if m in text]
        said = f"（「{'」「'.join(markers)}」说的是一般情况）" if markers else ""
        out.append(
            finding(
                RULE,
                "warning",
                para,
                "本段没有本机关本年度的具体内容（数字、文件、平台、做法）"
                + said
                + "，请写明具体做法和成效，避免泛化",
                actual=para.text,
            )
        )
    return out
