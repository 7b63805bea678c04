"""L-5 fixed names: the official documents a report cites, spelt exactly (fixed_names.toml).

Two slips are caught: a known misspelling of a name or document number (公开办函 written 公开函,
a garbled 《条例》 title), and a document number whose year is not in hexagonal brackets
(〔2021〕 written [2021], 【2021】, (2021)). Either is an error: the supervising office reads these.
"""

from __future__ import annotations

import re

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.data import fixed_names, wrong_brackets
from report_copilot.checks.lint.text import squeeze

RULE = "L-5"
_DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12}?)(?P<open>[\[【(（［﹝〔])(?P<year>(?:19|20)\d{2})"
    r"(?P<close>[\]】)）］﹞〕])(?P<serial>\d{1,5})号"
)

_ISSUER_START = re.compile(r"[据照按对和及与的为、见是在经]")


def _bracket_slips(text: str) -> list[tuple[str, str, str]]:
    """(as written, as it should be) for each document number with non-hexagonal brackets."""
    slips = set(wrong_brackets())
    out = []
    for m in _DOC_NUMBER.finditer(text):
        pair = (m["open"], m["close"])
        if pair == ("〔", "〕") or (pair not in slips and not {"〔", "〕"} & set(pair)):
            continue
        prefix = _ISSUER_START.split(m["prefix"])[-1] or m["prefix"]  # 依据宁政公开办发 → 宁政公开办发
        written = m.group(0)[len(m["prefix"]) - len(prefix) :]
        fixed = f"{prefix}〔{m['year']}〕{m['serial']}号"
        known = next((n.name for n in fixed_names() if fixed.endswith(n.name)), None)
        out.append((written, known or fixed, "文号的年份应使用六角括号〔〕"))
    return out


def _misspellings(text: str) -> list[tuple[str, str, str]]:
    """(as written, the right name) for each known misspelling outside a correct occurrence."""
    names = fixed_names()
    for n in names:  # a correct name never counts as its own misspelling's context
        text = text.replace(n.name, "\0")
    canonical = _canonical_brackets(text)
    out = []
    for n in names:
        for wrong in n.misspellings:
            if wrong in canonical:
                out.append((wrong, n.name, "固定名称写错"))
    return out


def _canonical_brackets(text: str) -> str:
    return _DOC_NUMBER.sub(lambda m: f"{m['prefix']}〔{m['year']}〕{m['serial']}号", text)


def lint_names(ctx: LintContext) -> list[Finding]:
    out: list[Finding] = []
    for para in ctx.paras:
        text = squeeze(para.text)
        seen: set[str] = set()
        for written, right, what in _misspellings(text) + _bracket_slips(text):
            if written in seen:
                continue
            seen.add(written)
            out.append(finding(RULE, "error", para, f"「{written}」{what}，应为「{right}」", actual=written))
    return out
