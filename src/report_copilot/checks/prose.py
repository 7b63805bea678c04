"""Check the numbers of a text or a whole draft against the report's data: the entry points.

`check_text` and `check_draft` return every number found (exempt and bound ones included, so a
reviewer sees what each was tied to) and the findings: one per wrong number (rule P-1 … P-12 by what
the number quotes, P-0 for a number with no source in the data) followed by the paragraph and claim
rules (H-1 invisible characters, P-3/P-4/P-12 claims without figures such as 无结转/均予以公开/翻一番,
P-8 均获维持, P-9 共…其中, P-10 信息处理费), which are also kept apart in `claims`.

A check is `ok` when no number is mismatch, unsupported or ambiguous and no finding is an error. An
ambiguous number could not be verified (the clause names several figures and it matches none, nor their
sum), so it blocks like a wrong one until the sentence says what it quotes. Warnings never block.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal

from pydantic import BaseModel, Field

from report_copilot.checks.aliases import index_for
from report_copilot.checks.binding import Binding, bind_text
from report_copilot.checks.claims import claim_findings
from report_copilot.checks.findings import CheckReport, Finding, as_number
from report_copilot.checks.tabletext import mask_table_text, mask_with_hits
from report_copilot.checks.verdicts import ERROR_VERDICTS, Verdict
from report_copilot.model.draft import Draft
from report_copilot.model.hygiene import HIDDEN, describe, hidden_chars
from report_copilot.model.report import ReportBase

__all__ = ["ERROR_VERDICTS", "Mention", "ProseCheck", "Verdict", "check_draft", "check_text"]


class Mention(BaseModel):
    """One number in the prose and its verdict."""

    text: str = Field(description="the number as written, with qualifier and unit: 100余人")
    start: int = Field(description="offset in the block's text (check_draft) or in the text (check_text)")
    end: int
    value: Decimal | None = Field(description="in base units: 2.1万次 → 21000, 0.5万元 → 5000 (元), 15% → 15")
    unit: str | None
    verdict: Verdict
    ref: str | None = Field(None, description="the reference key it was tied to (or should match)")
    expected: str | None = Field(None, description="what the data holds, as prose would print it: 72件")
    message: str = ""
    reason: str | None = Field(None, description="why an exempt number is not checked")
    block: int | None = Field(None, description="index of the Draft block (check_draft)")
    rule: str | None = Field(None, description="P-1 … P-12 (format.md §8); P-0: a number with no source")
    sentence: str = Field(
        "", description="the sentence a checked number is in, for display (empty when exempt)"
    )
    where: str | None = Field(None, description="the official place of the referenced figure")
    warning: str | None = None

    @property
    def is_error(self) -> bool:
        return self.verdict in ERROR_VERDICTS

    def as_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json", exclude={"value"})
        data["value"] = as_number(self.value)
        return data


class ProseCheck(BaseModel):
    mentions: list[Mention] = Field(default_factory=list)
    findings: list[Finding] = Field(
        default_factory=list, description="every problem: one per wrong number, then the claim rules"
    )
    claims: list[Finding] = Field(
        default_factory=list,
        description="the claim-rule findings alone (H-1 hidden characters; P-3/P-4/P-12 word claims; P-8, P-9, P-10)",
    )

    @property
    def ok(self) -> bool:
        """No mismatch, unsupported or ambiguous number, and no error finding (warnings never block)."""
        return not any(m.is_error for m in self.mentions) and not any(
            f.severity == "error" for f in self.findings
        )

    @property
    def problems(self) -> list[Mention]:
        return [m for m in self.mentions if m.is_error]

    def counts(self) -> dict[str, int]:
        out = {v.value: 0 for v in Verdict}
        for m in self.mentions:
            out[m.verdict.value] += 1
        return out

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "counts": self.counts(),
            "mentions": [m.as_json() for m in self.mentions],
            "findings": [f.as_json() for f in self.findings],
        }

    def as_check_report(self) -> CheckReport:
        """The findings as a CheckReport, for gates and findings panels."""
        return CheckReport(findings=list(self.findings))


_NOT_CELLS = ("fact.", "fee.", "derived.", "rate.", "yoy.")


def mention_findings(mentions: list[Mention]) -> list[Finding]:
    """One finding per wrong number (and per non-blocking remark), so a reader of `findings` alone
    (a repair prompt, an export gate) sees every problem."""
    out: list[Finding] = []
    for m in mentions:
        if not (m.is_error or m.warning):
            continue
        out.append(
            Finding(
                rule=m.rule or "P-0",
                severity="error" if m.is_error else "warning",
                location=m.ref or (f"block:{m.block}" if m.block is not None else "text"),
                where=m.where or "",
                message=f"「{m.sentence or m.text}」中的“{m.text}”：{m.message if m.is_error else m.warning}",
                expected=m.expected,
                actual=m.text,
                cells=[m.ref] if m.ref and "." in m.ref and not m.ref.startswith(_NOT_CELLS) else [],
            )
        )
    return out


_SENTENCE_END = re.compile(r"[。！？；\n]")


def _sentence_bounds(text: str) -> list[int]:
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def _sentence(text: str, ends: list[int], start: int, end: int) -> str:
    i = bisect_left(ends, start)
    lo = ends[i - 1] + 1 if i > 0 else 0
    j = bisect_left(ends, end)
    hi = ends[j] + 1 if j < len(ends) else len(text)
    return text[lo:hi].strip()


def _mention(b: Binding, text: str, ends: list[int], block: int | None) -> Mention:
    span = b.span
    ref = b.ref
    expected = ref.quoted() if ref is not None else None
    return Mention(
        text=text[span.start : span.end],
        start=span.start,
        end=span.end,
        value=span.value,
        unit=span.unit,
        verdict=b.verdict,
        ref=ref.key if ref is not None else None,
        expected=expected,
        message=b.message,
        reason=span.exempt,
        block=block,
        rule=None if b.verdict == Verdict.EXEMPT else b.rule,
        sentence="" if b.verdict == Verdict.EXEMPT else _sentence(text, ends, span.start, span.end),
        where=ref.where if ref is not None else None,
        warning=b.warning,
    )


def hygiene_findings(text: str, block: int | None = None) -> list[Finding]:
    """H-1: invisible characters in prose (bidi controls, zero-width and other format characters) are
    an error naming the paragraph: they can make the document show a figure other than the one checked."""
    if HIDDEN.search(text) is None:
        return []  # most text: nothing to list
    found = hidden_chars(text)
    where = f"第 {block + 1} 段" if block is not None else "文中"
    first = found[0].offset
    excerpt = text[max(0, first - 12) : first + 12].translate({ord(h.char): "␣" for h in found})
    return [
        Finding(
            rule="H-1",
            severity="error",
            location=f"block:{block}" if block is not None else "text",
            where=where,
            message=f"{where}含 {len(found)} 个不可见字符 {describe(found)}（位置以 ␣ 标出：「{excerpt}」），"
            "可能使文档显示的内容与核对的不同：请删除后重新核对",
        )
    ]


def check_text(text: str, report: ReportBase, section: str | None = None) -> ProseCheck:
    """Every number of one text, and the claim rules over it.

    `section`: the draft section key of the text (requests, appeals …), when known: a sentence in
    section 三 may say 办结71件 without repeating 申请.
    """
    prose = mask_table_text(text, index_for(report))  # table text is checked as a table, not here
    bindings = bind_text(prose, report, section.split(".")[0] if section else None)
    ends = _sentence_bounds(prose)
    mentions = [_mention(b, prose, ends, None) for b in bindings]
    claims = hygiene_findings(text) + claim_findings(prose, bindings, report)
    return ProseCheck(mentions=mentions, findings=mention_findings(mentions) + claims, claims=claims)


def check_draft(draft: Draft, report: ReportBase, *, exempt: bool = True) -> ProseCheck:
    """Every prose block of a draft (tables are rendered from data and skipped); offsets are per block.

    `exempt=False` leaves exempt numbers (years, document numbers …) out of `mentions`: the audit lists
    none of them, and most numbers of a published report are such."""
    result = ProseCheck()
    index = index_for(report)  # one alias index for every block
    skip = Verdict.EXEMPT
    for i, block in draft.paragraphs():
        prose, hits = mask_with_hits(block.text, index)  # table text is checked as a table, not here
        bindings = bind_text(prose, report, block.section.split(".")[0], index, hits)
        if bindings:
            # sentences are quoted for checked numbers only (most blocks hold none)
            ends = _sentence_bounds(prose) if any(b.verdict != skip for b in bindings) else []
            mentions = [_mention(b, prose, ends, i) for b in bindings if exempt or b.verdict != skip]
            result.mentions.extend(mentions)
            result.findings.extend(mention_findings(mentions))
        result.claims.extend(hygiene_findings(block.text, i) + claim_findings(prose, bindings, report))
    result.findings.extend(result.claims)
    return result
