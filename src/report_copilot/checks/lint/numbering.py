"""L-4 numbering: 一是…二是…, （一）（二）…, 1. 2. … without gaps or repeats (style.md).

A list may run over several paragraphs of a section (一是 at the head of each), so the count carries
on through a section; a new list starts at 一 / （一） / 1 anywhere. Statute references (第二十条第
（一）项) and decimals (2.1万) are not list markers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from report_copilot.checks.findings import Finding
from report_copilot.checks.lint.context import LintContext, finding
from report_copilot.checks.lint.numerals import from_chinese, to_chinese
from report_copilot.checks.lint.text import Paragraph

RULE = "L-4"
_CN = "一二三四五六七八九十"
_IS = re.compile(rf"(?:^|(?<=[；;。：:，,！？\s]))([{_CN}]{{1,3}})是")
_PAREN_CN = re.compile(rf"(?:^|(?<=[^第]))[（(]([{_CN}]{{1,3}})[）)]")
_PAREN_AR = re.compile(r"(?:^|(?<=[^第]))[（(](\d{1,2})[）)]")
_ARABIC = re.compile(r"(?:^|(?<=[；;。：:\s]))(\d{1,2})[.、．](?!\d)")
_DOUBLED = re.compile(
    rf"(?:^|(?<=[；;。：:，,\s]))[{_CN}]{{1,3}}是\s*(?:[{_CN}]{{1,3}}是|[（(][{_CN}\d]{{1,3}}[）)]|\d{{1,2}}[.、．）)](?!\d))"
)


def _show(kind: str, n: int) -> str:
    return {
        "is": lambda: f"{to_chinese(n)}是",
        "paren": lambda: f"（{to_chinese(n)}）",
        "paren_ar": lambda: f"（{n}）",
        "arabic": lambda: f"{n}.",
    }[kind]()


def _markers(text: str, kind: str) -> Iterator[tuple[int, int]]:
    """(position, number) of each marker of one kind in a text."""
    pattern = {"is": _IS, "paren": _PAREN_CN, "paren_ar": _PAREN_AR, "arabic": _ARABIC}[kind]
    for m in pattern.finditer(text):
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else from_chinese(raw)
        if n is not None and n > 0:
            yield m.start(), n


class _Sequence:
    """The running count of one list kind; a marker that neither continues nor restarts is a slip."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.last = 0

    def see(self, n: int) -> str | None:
        last, self.last = self.last, n
        if n == 1 or n == last + 1:
            return None
        if last == 0:
            return f"编号从「{_show(self.kind, n)}」开始，前面没有「{_show(self.kind, 1)}」"
        if n == last:
            return f"编号「{_show(self.kind, n)}」重复"
        if n > last:
            missing = "、".join(_show(self.kind, k) for k in range(last + 1, min(n, last + 4)))
            return f"「{_show(self.kind, last)}」之后是「{_show(self.kind, n)}」，缺少「{missing}」"
        return f"「{_show(self.kind, last)}」之后又是「{_show(self.kind, n)}」，编号倒退"


def lint_numbering(ctx: LintContext) -> list[Finding]:
    out: list[Finding] = []
    by_para = {p.block: p for p in ctx.paras}
    # lists opening paragraphs (and sub-headings), counted through a section
    for kind, top_level in (("is", False), ("paren", True), ("arabic", False)):
        seq, group = _Sequence(kind), ""
        for i, block in enumerate(ctx.draft.blocks):
            key = block.section.split(".")[0] if top_level else block.section
            if key != group or (block.kind == "heading" and not top_level):
                seq, group = _Sequence(kind), key
            if block.kind == "paragraph" and i in by_para:
                para = by_para[i]
            elif block.kind == "heading" and block.level >= 2 and kind == "paren":
                para = Paragraph(i, block.section, 0, block.text)
            else:
                continue
            for pos, n in _markers(para.text, kind):
                if kind != "is" and pos != 0:
                    continue
                if (slip := seq.see(n)) is not None:
                    out.append(finding(RULE, "warning", para, slip, actual=para.text[pos : pos + 30]))
    # lists inside one paragraph: （一）…（二）…, 1.…；2.…, （1）…（2）…
    for para in ctx.paras:
        for m in _DOUBLED.finditer(para.text):  # a note numbered by the clerk, numbered again
            out.append(
                finding(RULE, "warning", para, f"「{m.group(0)}」编号叠用，请删去一个", actual=m.group(0))
            )
        for kind in ("paren", "arabic", "paren_ar"):
            seq = _Sequence(kind)
            for pos, n in _markers(para.text, kind):
                if pos == 0 and kind != "paren_ar":
                    continue
                if (slip := seq.see(n)) is not None:
                    out.append(finding(RULE, "warning", para, slip, actual=para.text[pos : pos + 30]))
    return out
