"""Words that leave open whether a prose number counts what its table cell counts.

The binder ties 收到政府信息公开申请50件 to 本年新收 and calls a difference an error. That is certain only
when the sentence speaks of the report's year, of the agency's whole scope and of the tables' own
object. Real reports also write 2023年收到申请50件 in a 2024 report, 自2019年以来清理规范性文件…废止40件,
通过政务微博发布信息120条, 本年度办理行政复议案件40件 (a reviewing body's cases, not the
information-disclosure ones) and 主动公开信息占全部信息的60%. Such a number still binds when it agrees;
when it differs, it is listed as unsupported, not an error. The words are data
(`formats/prose_scope.toml`, section `[open]`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from report_copilot.checks.aliases import Index
from report_copilot.checks.context import TextContext, boundary_after, boundary_before
from report_copilot.checks.numbers import NumberSpan
from report_copilot.checks.prose_scope import prose_scope
from report_copilot.model.refs import Reference
from report_copilot.model.script import cjk_count

__all__ = ["carry_stated", "open_scope"]

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_DATE = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)?|年底|年末"
)


@dataclass(frozen=True)
class _Words:
    period: re.Pattern[str]
    this_year: re.Pattern[str]
    year_end: tuple[str, ...]
    compared_before: tuple[str, ...]
    compared_after: tuple[str, ...]
    range_after: re.Pattern[str]
    range_before: re.Pattern[str]
    range_end: re.Pattern[str]
    shares: re.Pattern[str]
    channels: re.Pattern[str]
    other_rates: re.Pattern[str]
    carry_included: re.Pattern[str]
    share_fillers: re.Pattern[str]
    subject_required: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    """table → (words one of which the sentence must hold, sections where the table is the subject)."""
    subset_whole: re.Pattern[str]
    subset_rows: frozenset[str]
    region_whole: re.Pattern[str]
    own_level: re.Pattern[str]


def _alternatives(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(words, key=len, reverse=True)) or "(?!x)x")


@cache
def _words() -> _Words:
    data = prose_scope()["open"]
    joins = "|".join(re.escape(w) for w in data["range_joiners"])
    return _Words(
        period=_alternatives(data["period_patterns"]),
        this_year=_alternatives([re.escape(w) for w in data["this_year_words"]]),
        year_end=tuple(data["year_end_dates"]),
        compared_before=tuple(data["compared_year"]["before"]),
        compared_after=tuple(data["compared_year"]["after"]),
        range_after=re.compile(rf"\s*(?:{joins})\s*\d"),
        range_before=re.compile(rf"\d\s*[\u4e00-\u9fff]?\s*(?:{joins})\s*$"),
        range_end=re.compile(rf"(?:{joins})\s*(?:12|十二)月$"),
        shares=_alternatives([re.escape(w) for w in data["shares"] + data["parts"]]),
        channels=re.compile(
            "(?:" + _alternatives([re.escape(w) for w in data["channels"]]).pattern + ")(?![^，,。；;]*等)"
        ),
        carry_included=_alternatives([re.escape(w) for w in data["carry_over_included"]]),
        other_rates=_alternatives([re.escape(w) for w in data["other_rates"]]),
        share_fillers=_alternatives([re.escape(w) for w in data["share_base_fillers"]]),
        subject_required={
            t["table"]: (tuple(t["words"]), tuple(t.get("sections", []))) for t in data["subject_required"]
        },
        subset_whole=_alternatives([re.escape(w) for w in data["subset_wholes"]]),
        subset_rows=frozenset(data["subset_rows"]),
        region_whole=_alternatives([re.escape(w) for w in data["region_wholes"]]),
        own_level=re.compile(
            f"(?:{_alternatives([re.escape(w) for w in data['own_levels']]).pattern})(?!信息)"
        ),
    )


def _other_year(before: str, year: int, words: _Words) -> bool:
    """2023年收到申请50件 in the 2024 report: the nearest year named before the number is another
    (a year compared with, 与2023年相比 / 较2023年, does not frame the number)."""
    framing = [
        m
        for m in _YEAR.finditer(before)
        if not before[: m.start()].endswith(words.compared_before)
        and not before.startswith(words.compared_after, m.end())
    ]
    return bool(framing) and int(framing[-1].group(1)) != year


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    return found


def _other_period(before: str, year: int, words: _Words) -> bool:
    """A longer period or a review named before the number, and not followed by the report's year."""
    last = _last(words.period, before)
    if last is None:
        return False
    rest = before[last.end() :]
    return not (words.this_year.search(rest) or str(year) + "年" in rest)


def _part_of_year(before: str, words: _Words) -> bool:
    """3月15日收到申请5件: the last date before the number is not the year's end nor opens a range."""
    last = _last(_DATE, before)
    if last is None or last.group() in words.year_end:
        return False
    if words.range_end.search(before, 0, last.end()):
        return False  # 1月至12月
    return not words.range_after.match(before, last.end())


def _in_range(text: str, span: NumberSpan, words: _Words) -> bool:
    """10至20件: either end of a range, not a figure."""
    after = words.range_after.match(text, span.end)
    return bool(after or words.range_before.search(text, max(0, span.start - 8), span.start))


def _part_of_subset(text: str, sent_start: int, pos: int, refs: list[Reference], words: _Words) -> bool:
    """包括上年结转申请4件，其中同意公开4件: the parts after 其中 count within the carry-over named
    before it, not the table's rows (the carry rows themselves keep theirs: 结转4件，其中自然人3件)."""
    cut = text.rfind("其中", sent_start, pos)
    if cut < 0 or not words.subset_whole.search(text, sent_start, cut):
        return False
    return not any(r.key.split(".")[1] in words.subset_rows for r in refs if r.key.count(".") >= 2)


def _two_levels(text: str, start: int, end: int, words: _Words) -> bool:
    """全区共受理申请227件，其中区政府受理36件: a sentence that counts both the region and the
    government's own level leaves open which of the two the tables count."""
    return bool(words.region_whole.search(text, start, end) and words.own_level.search(text, start, end))


def _table(ref: Reference) -> str:
    return ref.key.removeprefix("derived.").removeprefix("rate.").removeprefix("yoy.").split(".")[0]


def _subject_missing(ctx: TextContext, span: NumberSpan, tables: set[str], words: _Words) -> bool:
    """本年度办理行政复议案件40件 in another section than 四: a reviewing body's cases, unless the
    sentence (or the one before it) says they concern information disclosure. A text of no known
    section (a snippet checked alone) is taken to be about the tables."""
    ends, text = ctx.sentence_ends, ctx.text
    sent_start = ctx.sentence_start(span.start)
    around = text[boundary_before(ends, max(sent_start - 1, 0)) : boundary_after(ends, span.end, len(text))]
    for table in tables:
        required = words.subject_required.get(table)
        if required is None or ctx.section is None or ctx.section in required[1]:
            continue
        if not any(w in around for w in required[0]):
            return True
    return False


def _other_base(ctx: TextContext, span: NumberSpan, tables: set[str], index: Index, words: _Words) -> bool:
    """占全部信息的60% / 占总制发信息的82.4%: the share is of another whole than the rate's base."""
    clause = ctx.text[ctx.clause_start(span.start) : span.start]
    at = clause.rfind("占")
    if at < 0:
        return False
    base_start = ctx.clause_start(span.start) + at + 1
    base = ctx.text[base_start : span.start]
    for hit in ctx.hits_in(base_start, span.start):
        if any(c.table in tables for c in hit.concepts):
            base = base.replace(ctx.text[hit.start : hit.end], "")
    for table in tables:
        for word in index.context_words.get(table, ()):
            base = base.replace(word, "")
    return cjk_count(words.share_fillers.sub("", base)) >= 2


_COUNT = re.compile(r"\d+\s*[件条项起个份]")


def _by_channel(text: str, start: int, end: int, words: _Words) -> bool:
    """A sentence told channel by channel: its first figure counts one channel's applications (a
    channel named before any count), and another channel follows after a count (受理线上申请65件，
    办结62件，…受理线下申请9件). Not channels listed together (线上、线下共收到783件), nor a 其中 list
    after the whole (共受理212件，其中网站申请195件、当面申请4件)."""
    found = list(words.channels.finditer(text, start, end))
    if len({m.group() for m in found}) < 2 or _COUNT.search(text, start, found[0].start()):
        return False
    return _COUNT.search(text, found[0].end(), found[-1].start()) is not None


def open_scope(
    span: NumberSpan, ctx: TextContext, index: Index, refs: list[Reference], year: int, yoy: bool
) -> bool:
    """Whether the words leave open that the number counts what `refs` count (see the module doc).

    `yoy`: the number is read as a year-on-year figure (较2023年增加…), whose other year is meant."""
    words = _words()
    if _in_range(ctx.text, span, words):
        return True
    sent_start = ctx.sentence_start(span.start)
    before = ctx.text[sent_start : span.start]
    if not yoy and _other_year(before, year, words):
        return True
    if _other_period(before, year, words) or _part_of_year(before, words):
        return True
    if words.shares.search(ctx.text, ctx.clause_start(span.start), span.start):
        return True
    if words.channels.search(ctx.text, ctx.clause_start(span.start), span.start):
        return True  # one channel's applications (其中通过网络平台接收27件)
    sent_end = boundary_after(ctx.sentence_ends, span.end, len(ctx.text))
    if _by_channel(ctx.text, sent_start, sent_end, words):
        return True  # a sentence by channel (受理线上申请65件，办结62件，…受理线下申请9件)
    if _part_of_subset(ctx.text, sent_start, span.start, refs, words):
        return True
    if _two_levels(ctx.text, sent_start, sent_end, words):
        return True
    tables = {_table(r) for r in refs}
    if _subject_missing(ctx, span, tables, words):
        return True
    if span.unit != "%":
        return False
    clause_start = ctx.clause_start(span.start)
    return bool(words.other_rates.search(ctx.text, clause_start, span.start)) or _other_base(
        ctx, span, tables, index, words
    )


def carry_stated(ctx: TextContext, span: NumberSpan) -> bool:
    """收到申请75件（含上年结转3件）: the sentence says, after the number, that it counts last year's
    carry-over too — no silent inflation of the year's receipts, only a wording to mend."""
    end = boundary_after(ctx.sentence_ends, span.end, len(ctx.text))
    return bool(_words().carry_included.search(ctx.text, span.end, end))
