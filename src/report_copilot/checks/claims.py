"""Claims beyond single numbers: words that assert something the tables must bear out.

- P-8: 均获维持 / 均被驳回 / 零败诉 / 全部胜诉 / 均已审结 need 结果纠正 = 0 (and 尚未审结 = 0 where the
  claim says every case is concluded) in the rows of table 四 the sentence is about.
- P-9: "共 N …，其中 a、b、c": when the parts are exhaustive by the format (they cover exactly the
  cells of the total), they must add up to N (error); parts in the same unit that add up to more than
  N are suspicious in any case (warning).
- P-10: a 信息处理费 sentence saying nothing was charged (or no fee notice sent) must agree with the data.
- Zero claims: 未收到政府信息公开申请 / 无行政复议 / 未发生行政诉讼 / 无下年度结转 / 未收到法人或其他组织
  提出的申请 say a figure is 0; when the table holds more, that is an error under the rule of the figure
  (P-1 收到, P-7 复议诉讼, P-4 办理结果, P-6 申请人, P-3 结转, P-11 制发). A clause that also states a number
  (行政复议0件) is left to the number binder; a table's own 0 never fires.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from report_copilot.checks.aliases import Concept, Hit, Index, index_for
from report_copilot.checks.binding import rule_of
from report_copilot.checks.breakdowns import catch_all_list, parenthesised
from report_copilot.checks.context import Context, candidate_keys
from report_copilot.checks.derived import references
from report_copilot.checks.findings import Finding, as_number
from report_copilot.checks.word_claims import word_claim_findings
from report_copilot.model.cells import CellValues
from report_copilot.model.refs import Reference, plain
from report_copilot.model.report import ReportBase

if TYPE_CHECKING:
    from report_copilot.checks.binding import Binding

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")

_P8 = re.compile(
    r"(?P<upheld>(?:均|全部|都|全)(?:获|被|予|已|为|获得)?(?:维持|驳回))"
    r"|(?P<no_loss>零败诉|无败诉|未(?:发生|出现)?败诉|没有败诉|全部胜诉|均胜诉|均未被纠错|未被纠错|零纠错)"
    r"|(?P<concluded>(?:均|全部|都)(?:已)?(?:审结|结案))"
)
_P8_HINT = re.compile(r"维持|驳回|败诉|胜诉|纠错|审结|结案")
_FEE_NONE = re.compile(r"(?:未|没有|不|均未|从未|无)[^，。；]{0,8}收取[^，。；]{0,8}(?:信息处理费|处理费)")
_NOTICE_NONE = re.compile(r"(?:未|没有|均未|无)[^，。；]{0,6}(?:发出|出具|开具)[^，。；]{0,4}收费通知")


def claim_findings(text: str, bindings: Sequence[Binding], report: ReportBase) -> list[Finding]:
    findings = _p8(text, report) if _P8_HINT.search(text) else []
    if "其中" in text:
        findings += _p9(text, bindings, report)
    if "费" in text or "收费通知" in text:
        findings += _p10(text, report)
    findings += word_claim_findings(text, report)
    if "未" in text or "无" in text or "没有" in text:
        findings += _zero_claims(text, bindings, report, findings)
    return findings


_NEGATION = re.compile(r"未曾|从未|并未|均未|尚无|没有|未|无")
_NOT_NEGATION = (
    "无法",
    "无正当理由",
    "未经",
    "无论",
    "无需",
    "无须",
    "未按",
    "未能",
    "未及时",
    "无误",
    "无偿",
)
_ZERO_CLAUSE = re.compile(r"[，,；;。！？!?\n：:]")
_LIST_JOIN = re.compile(r"[、和及与或]\s*(?:提起|被提起|被申请|申请)?")
_ZERO_GAP = 24
"""How far after the negation the first name may come (未发生因政府信息公开申请行政复议…)."""


def _zero_claims(
    text: str, bindings: Sequence[Binding], report: ReportBase, earlier: Sequence[Finding]
) -> list[Finding]:
    """未收到政府信息公开申请 (and the like) against a table that holds more than 0."""
    index = index_for(report)
    refs = references(report)
    numbers = sorted(b.span.start for b in bindings if b.verdict != "exempt")
    done: set[tuple[str, str]] = set()
    findings: list[Finding] = []
    for m in _NEGATION.finditer(text):
        start = m.start()
        if text.startswith(_NOT_NEGATION, start):
            continue
        bound = _ZERO_CLAUSE.search(text, m.end())
        clause_end = bound.start() if bound else len(text)
        before = [b.end() for b in _ZERO_CLAUSE.finditer(text, max(0, start - 80), start)]
        clause_start = before[-1] if before else max(0, start - 80)
        i = bisect_left(numbers, clause_start)
        if i < len(numbers) and numbers[i] < clause_end:
            continue  # 行政复议0件: the number itself is checked
        hits = index.hits(text, clause_start, clause_end)
        if any(h.start <= start < h.end for h in hits):
            continue  # the negation is part of a name (无法提供, 未补正, 尚未审结, 没有现成信息)
        after = [h for h in hits if h.start >= m.end() and text[h.start - 1 : h.start] != "而"]
        if not after or after[0].start - m.end() > _ZERO_GAP:
            continue
        sentence = _sentence_of(text, start)
        reported = [f for f in earlier if f.message.startswith(f"「{sentence}」")]
        # 未收到该申请人提交的补正: 申请人 (the applicant) does not make 收到 a claim about applications
        clause = text[clause_start:clause_end].replace("申请人", "")
        starts = [e.end() for e in _SENTENCE_END.finditer(text, 0, start)][-2:]
        about = text[starts[0] if len(starts) == 2 else 0 : start] + sentence  # and the sentence before
        for key in _zero_keys(text, after, hits, clause, index, about):
            ref = refs.get(key)
            if ref is None or not ref.value or (sentence, key) in done:
                continue
            done.add((sentence, key))
            cells = [key] if ref.kind == "cell" else list(ref.parts)
            if any(f.location == key or set(f.cells) & set(cells) for f in reported):
                continue  # already reported by P-8 for this sentence
            claimed = text[start:clause_end].strip()
            findings.append(
                Finding(
                    rule=rule_of(key, report.format),
                    severity="error",
                    location=key,
                    where=ref.where,
                    message=f"「{sentence}」称“{claimed}”，但「{ref.where}」为 {ref.text}{ref.unit}",
                    expected=0,
                    actual=as_number(Decimal(ref.value)),
                    cells=cells,
                )
            )
    return findings


def _zero_keys(
    text: str, after: list[Hit], hits: list[Hit], clause: str, index: Index, about: str
) -> list[str]:
    """The figures a negated clause names: the last name after the negation and the names listed with
    it (行政复议、行政诉讼), under the columns the clause names (法人或其他组织). A table read in a
    context (申请) is named only when the sentence (or the one before it, `about`) speaks of it:
    无涉及国家秘密的公文类信息 is about documents."""
    subjects = [
        (h, tuple(c for c in index.usable(h, clause, None) if c.kind == "row" and _about(c, about, index)))
        for h in after
    ]
    subjects = [(h, cs) for h, cs in subjects if cs]
    if any(not c.weak for _, cs in subjects for c in cs):
        # a specific name (行政诉讼) is the object; a generic verb before it (收到) is not
        subjects = [(h, tuple(c for c in cs if not c.weak)) for h, cs in subjects]
        subjects = [(h, cs) for h, cs in subjects if cs]
    columns = [c for h in hits for c in h.concepts if c.kind == "col"]
    named: list[tuple[Concept, ...]] = []
    if subjects:
        named.append(subjects[-1][1])
        for i in range(len(subjects) - 2, -1, -1):
            if not _LIST_JOIN.fullmatch(text, subjects[i][0].end, subjects[i + 1][0].start):
                break
            named.append(subjects[i][1])
    elif columns:
        row = next((index.default_rows[c.table] for c in columns if c.table in index.default_rows), None)
        if row is not None and any(w in clause for w in index.context_words[row.table]):
            named.append((row,))
    keys: list[str] = []
    for subj in named:
        tables = {c.table for c in subj}
        cols = [c for c in columns if c.table in tables]
        if not cols and not any(index.context_words.get(t) for t in tables) and "appeals" not in tables:
            continue  # 未收到行政许可申请 is not a claim about 处理决定; a named column is needed
        found = candidate_keys(Context(list(subj), cols, True, False), index)
        if found:
            keys.append(found[0])
    return keys


def _about(concept: Concept, text: str, index: Index) -> bool:
    words = index.context_words.get(concept.table)
    return not words or any(w in text for w in words)


def _sentence_of(text: str, pos: int) -> str:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    start = starts[-1] if starts else 0
    m = _SENTENCE_END.search(text, pos)
    return text[start : m.end() if m else len(text)].strip()


def _appeal_rows(report: ReportBase, sentence: str, default: tuple[str, ...]) -> list[str]:
    """Rows of table 四 a sentence is about: 复议 → review; 诉讼/起诉 → the litigation rows.

    `default` ("litigation" for 败诉/胜诉, which only lawsuits have) applies when the sentence names neither.
    """
    try:
        table = report.format.table("appeals")
    except StopIteration:
        return []
    rows = [r for b in table.blocks for r in b.rows]
    review = [r.id for r in rows if not r.group]
    litigation = [r.id for r in rows if r.group]
    out: list[str] = []
    if "复议" in sentence.replace("复议后起诉", "").replace("未经复议", ""):
        out += review
    if any(w in sentence for w in ("诉讼", "起诉", "胜诉", "败诉")):
        out += litigation
    if not out:
        out = litigation if "litigation" in default else review + litigation
    return out


def _p8(text: str, report: ReportBase) -> list[Finding]:
    findings: list[Finding] = []
    values = CellValues.of(report)
    seen: set[tuple[str, str]] = set()
    for m in _P8.finditer(text):
        kind = m.lastgroup or ""
        sentence = _sentence_of(text, m.start())
        lawsuit_word = any(w in m.group() for w in ("败诉", "胜诉"))
        rows = _appeal_rows(report, sentence, ("litigation",) if lawsuit_word else ())
        need = {"upheld": ("corrected", "pending"), "no_loss": ("corrected",), "concluded": ("pending",)}[
            kind
        ]
        for row in rows:
            for col in need:
                cid = f"appeals.{row}.{col}"
                if cid not in report.format.cells or (sentence, cid) in seen:
                    continue
                seen.add((sentence, cid))
                value = values.get(cid)
                if value:
                    cell = report.format.cell(cid)
                    findings.append(
                        Finding(
                            rule="P-8",
                            severity="error",
                            location=cid,
                            where=cell.where,
                            message=f"「{sentence}」称“{m.group()}”，但{cell.where}为 {plain(value)}",
                            expected=0,
                            actual=as_number(value),
                            cells=[cid],
                        )
                    )
    return findings


def _leaves(key: str, refs: dict[str, Reference]) -> frozenset[str]:
    ref = refs.get(key)
    if ref is None or not ref.parts or ref.kind not in {"cell", "derived"}:
        return frozenset({key})
    out: set[str] = set()
    for part in ref.parts:
        out |= _leaves(part, refs)
    return frozenset(out)


_AMONG = re.compile("其中")
_CLOSE_PAREN = re.compile(r"[）)]")


def _p9(text: str, bindings: Sequence[Binding], report: ReportBase) -> list[Finding]:
    findings: list[Finding] = []
    live = [b for b in bindings if b.verdict != "exempt" and b.span.value is not None]
    refs = references(report)
    for m in _AMONG.finditer(text):
        sent_start = max([e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())] or [0])
        end_m = _SENTENCE_END.search(text, m.end())
        sent_end = end_m.start() if end_m else len(text)
        before = [b for b in live if sent_start <= b.span.start and b.span.end <= m.start()]
        if not before:
            continue
        total = before[-1]
        catch_all = catch_all_list(text, m.end(), live, total, report)
        if catch_all is not None:
            findings += catch_all
            continue
        parts = _listed_parts(text, m, sent_end, live, total)
        if len(parts) < 2 or total.span.value is None or total.span.is_percent:
            continue
        finding = _sum_finding(text[sent_start:sent_end].strip(), total, parts, refs)
        if finding is not None:
            findings.append(finding)
    return findings


def _listed_parts(
    text: str, among: re.Match[str], sent_end: int, live: list[Binding], total: Binding
) -> list[Binding]:
    """The numbers a 其中 lists as parts of `total`: in its sentence (or its bracket), in the total's
    unit, leaving out bracketed asides and a nested 其中's own parts."""
    scope_end = sent_end
    if text[max(0, among.start() - 1) : among.start()] in "（(":
        close = _CLOSE_PAREN.search(text, among.end(), sent_end)
        scope_end = close.start() if close else sent_end
    inner = parenthesised(text, among.end(), scope_end)
    nested = text.find("其中", among.end(), scope_end)
    return [
        b
        for b in live
        if among.end() <= b.span.start
        and b.span.end <= scope_end
        and not any(s <= b.span.start < e for s, e in inner)
        and (nested < 0 or b.span.end <= nested or any(s <= nested < e for s, e in inner))
        and b.span.unit == total.span.unit
        and not b.span.is_percent
    ]


def _sum_finding(
    sentence: str, total: Binding, parts: list[Binding], refs: dict[str, Reference]
) -> Finding | None:
    """P-9 when the parts do not add up to the total: an error when their cells are exactly the
    total's cells, a warning when exact parts exceed it, nothing when the list may be partial."""
    assert total.span.value is not None
    part_sum = sum((b.span.value for b in parts if b.span.value is not None), Decimal(0))
    if part_sum == total.span.value:
        return None
    exhaustive = _exhaustive(total, parts, refs)
    if exhaustive:
        severity = "error"
        message = f"其中各项之和为 {plain(part_sum)}，与总数 {plain(total.span.value)} 不符"
    elif part_sum > total.span.value and all(b.span.approx == "exact" for b in parts):
        severity = "warning"
        message = f"“其中”所列各项之和 {plain(part_sum)} 超过总数 {plain(total.span.value)}，请核实口径"
    else:
        return None
    return Finding(
        rule="P-9",
        severity=severity,
        location=total.ref.key if total.ref else "text",
        where=total.ref.where if total.ref else "",
        message=f"「{sentence}」：{message}",
        expected=as_number(total.span.value),
        actual=as_number(part_sum),
        cells=[b.ref.key for b in parts if b.ref is not None] if exhaustive else [],
    )


def _exhaustive(total: Binding, parts: list[Binding], refs: dict[str, Reference]) -> bool:
    """Whether the parts' cells cover exactly the total's cells, each once (then they must add up)."""
    if total.ref is None or any(b.ref is None for b in parts):
        return False
    whole = _leaves(total.ref.key, refs)
    union: set[str] = set()
    for b in parts:
        assert b.ref is not None
        piece = _leaves(b.ref.key, refs)
        if union & piece:
            return False
        union |= piece
    return union == whole and len(whole) > 1


def _p10(text: str, report: ReportBase) -> list[Finding]:
    fee = report.processing_fee
    findings: list[Finding] = []
    if fee is None:
        return findings
    for m in _FEE_NONE.finditer(text):
        if fee.amount_yuan > 0:
            findings.append(
                Finding(
                    rule="P-10",
                    severity="error",
                    location="processing_fee.amount_yuan",
                    where="信息处理费 › 实际收取金额（元）",
                    message=f"「{_sentence_of(text, m.start())}」称未收取信息处理费，但数据中实际收取 {plain(fee.amount_yuan)} 元",
                    expected=0,
                    actual=as_number(fee.amount_yuan),
                )
            )
    values = CellValues.of(report)
    no_fee_paid = values.get("requests.other.no_fee_paid.total")
    for m in _NOTICE_NONE.finditer(text):
        sent = fee.notices or 0
        unpaid = no_fee_paid or 0
        if sent > 0 or unpaid > 0:
            what = f"发出收费通知 {sent} 件" if sent else f"因逾期未缴费不再处理的申请 {plain(unpaid)} 件"
            findings.append(
                Finding(
                    rule="P-10",
                    severity="error",
                    location="processing_fee.notices",
                    where="信息处理费 › 发出收费通知件数",
                    message=f"「{_sentence_of(text, m.start())}」称未发出收费通知，但数据中{what}",
                    expected=0,
                    actual=sent or as_number(unpaid),
                )
            )
    return findings
