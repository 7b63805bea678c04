"""Claims made in words, without a figure, that the tables must bear out.

- P-3 无结转 / 没有结转 / 无下年度结转: error when the table carries applications into next year.
- P-3 全部办结 / 均已办结 / 所有申请均已办结: warning when applications are carried into next year (a
  carried application is still within its time limit, so the clerk may mean "all that were due"; the
  sentence should say so).
- P-4 均予以公开 / 对所有申请均予以公开 (… 或部分公开): error when other outcomes are in the table.
- P-12 翻一番 / 翻番 / 减半 / 持平 of a named figure: error when last year's value says otherwise (only
  with last year's data; without it the claim cannot be checked and is left alone).

A finding's message starts with the sentence in 「」 and its location is the cell, so the zero-claim rule
(`checks.claims`) does not report the same sentence and cell again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from report_copilot.checks.aliases import SUBJECT_KINDS, Index, index_for
from report_copilot.checks.context import Context, candidate_keys
from report_copilot.checks.derived import references
from report_copilot.checks.findings import Finding, as_number
from report_copilot.model.refs import Reference, plain
from report_copilot.model.report import ReportBase

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_NO_CARRY = re.compile(r"(?:无|没有|未有|不存在|未产生|零)(?:结转|转入下一?年度?|下一?年度?结转)")
_ALL_DONE = re.compile(
    r"(?:所有|全部|均|都|一律)(?:的?(?:政府信息公开|依申请公开)?申请(?:件)?(?:均|都|全部)?)?(?:已经?|已)?"
    r"(?:按时|依法|按期|及时|在法定期限内)?(?:办结|答复完毕|办理完毕|予以答复|作出答复)"
    r"|办结率(?:为|达到?|是)?\s*100(?:\.0+)?\s*[%％]"
)
_ALL_GRANTED = re.compile(
    r"(?:均|全部|全都|一律)(?:已|依法|及时)*(?:予以)?公开(?!率|目录|指南|平台|栏目|专栏)"
)
_LAST_YEARS = re.compile(r"上一?年度?结转|结转上一?年度?")
"""上年结转的3件申请已全部办结: a claim about last year's applications, not this year's."""
_CLAUSE_START = re.compile(r"[，,：:]")
_PARTLY = re.compile(r"[、或及和与]*(?:予以)?部分公开")
_YOY_WORD = re.compile(
    r"(?P<double>翻了?一番|翻番|增长了?一倍|增加了?一倍)|(?P<half>减半|减少了?一半|下降了?一半)|(?P<flat>基本持平|持平)"
)
_DOUBLE_MORE = re.compile(r"(?:多|以上|还多|有余)")


def word_claim_findings(text: str, report: ReportBase) -> list[Finding]:
    """Every word claim of `text` the tables contradict."""
    requests = "申请" in text and any(p.search(text) for p in (_NO_CARRY, _ALL_DONE, _ALL_GRANTED))
    yoy = _YOY_WORD.search(text) is not None
    if not (requests or yoy):
        return []
    refs = references(report)
    yoy = yoy and report.previous_report is not None
    out: list[Finding] = []
    for sentence in _sentences(text):
        if requests and "申请" in sentence and "复议" not in sentence and "诉讼" not in sentence:
            out += _carry_claims(sentence, refs)
            out += _granted_claims(sentence, refs)
        if yoy and _YOY_WORD.search(sentence):
            out += _yoy_word_claims(sentence, report)
    return out


def _sentences(text: str) -> Iterator[str]:
    for m in _SENTENCE.finditer(text):
        if m.group().strip():
            yield m.group().strip()


def _finding(rule: str, severity: str, sentence: str, claim: str, ref: Reference, tail: str) -> Finding:
    return Finding(
        rule=rule,
        severity="error" if severity == "error" else "warning",
        location=ref.key,
        where=ref.where,
        message=f"「{sentence}」称“{claim}”，但「{ref.where}」为 {ref.quoted()}{tail}",
        expected=0,
        actual=as_number(Decimal(ref.value)),
        cells=[ref.key] if ref.kind == "cell" else list(ref.parts),
    )


def _carry_claims(sentence: str, refs: dict[str, Reference]) -> list[Finding]:
    carried = refs.get("requests.carried_forward.total")
    if carried is None or not carried.value:
        return []
    no_carry = _NO_CARRY.search(sentence)
    if no_carry:
        return [_finding("P-3", "error", sentence, no_carry.group(), carried, "")]
    done = _ALL_DONE.search(sentence)
    if done and not _LAST_YEARS.search(sentence, 0, done.start()):
        tail = "：结转下年度的申请尚未办结；如指应办结的申请均已按时办结，请写明口径"
        return [_finding("P-3", "warning", sentence, done.group(), carried, tail)]
    return []


def _granted_claims(sentence: str, refs: dict[str, Reference]) -> list[Finding]:
    m = _ALL_GRANTED.search(sentence)
    total, granted = refs.get("requests.total.total"), refs.get("requests.granted.total")
    if m is None or total is None or granted is None:
        return []
    clause = _CLAUSE_START.split(sentence[: m.start()])[-1]
    if "申请" not in clause or "主动公开" in clause:
        return []  # 应当主动公开的政府信息均已公开: not a claim about the outcomes of applications
    claim = m.group()
    shown = [granted]
    partly = _PARTLY.match(sentence, m.end())
    if partly:
        claim += partly.group()
        shown.append(refs["requests.partially_granted.total"])
    others = Decimal(total.value) - sum((Decimal(r.value) for r in shown), Decimal(0))
    if others <= 0:
        return []
    named = "、".join(f"{r.label}{r.quoted()}" for r in shown)
    tail = f"，其中{named}，其余 {plain(others)}件为其他处理结果"
    return [_finding("P-4", "error", sentence, claim, total, tail)]


def _yoy_word_claims(sentence: str, report: ReportBase) -> list[Finding]:
    index = index_for(report)
    out: list[Finding] = []
    for m in _YOY_WORD.finditer(sentence):
        key = _subject_key(sentence, m.start(), index)
        previous = index.refs.get(f"yoy.{key}.previous") if key else None
        current = index.refs.get(key) if key else None
        if previous is None or current is None or not previous.value:
            continue
        ratio = Decimal(current.value) / Decimal(previous.value)
        kind = m.lastgroup
        more = _DOUBLE_MORE.match(sentence, m.end()) is not None
        fits = {
            "double": ratio >= Decimal("1.9") and (more or ratio <= Decimal("2.1")),
            "half": Decimal("0.45") <= ratio <= Decimal("0.55"),
            "flat": abs(ratio - 1) <= (Decimal("0.1") if m.group().startswith("基本") else Decimal("0.05")),
        }[kind or "flat"]
        if not fits:
            tail = f"，上年为 {previous.quoted()}（为上年的 {plain(round(ratio, 2))} 倍）"
            found = _finding("P-12", "error", sentence, m.group(), current, tail)
            found.expected, found.cells = as_number(Decimal(previous.value)), [current.key]
            out.append(found)
    return out


def _subject_key(sentence: str, end: int, index: Index) -> str | None:
    """The figure a year-on-year word is about: the last subject named before it in the sentence."""
    for hit in reversed(index.hits(sentence, 0, end)):
        subjects = [c for c in index.usable(hit, sentence, None) if c.kind in SUBJECT_KINDS]
        if subjects:
            keys = candidate_keys(Context(subjects, [], True, False), index)
            return keys[0] if keys else None
    return None
