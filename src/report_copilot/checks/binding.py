"""Bind each number in prose to the figure it claims to quote, and say whether it agrees.

What a number is about is read from the words before it in the same clause (予以公开28件), else just
after it (28件予以公开), matched against the labels and aliases of the format definition and the
report's declared facts. A clause that names only a column (其中自然人58件) takes its row from the
sentence (收到申请72件，…). Year-on-year wording (较上年增加/同比增长/上年为) and percentages lead to
the year-on-year and rate references of `checks.derived`.

Verdicts: bound (agrees), exempt (not a statistic, with a reason), mismatch (the context names a figure
and the number differs: which figure, what it holds), unsupported (nothing in the data backs it),
ambiguous (the clause names several figures and the number matches none of them).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Literal, NamedTuple

from report_copilot.checks.derived import column_phrase, references, row_phrase
from report_copilot.checks.exemptions import meta_names
from report_copilot.checks.numbers import NumberSpan, extract
from report_copilot.model.formats import BlockDef, FormatDefinition
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase

Verdict = Literal["bound", "exempt", "mismatch", "unsupported", "ambiguous"]


@dataclass(frozen=True, slots=True)
class Concept:
    """What an alias names: a row (or row group), a column (or column group), or a fact."""

    kind: Literal["row", "col", "fact"]
    table: str
    id: str
    weak: bool = False


class Hit(NamedTuple):
    """An alias found in the text (a tuple: built for every alias occurrence, so kept cheap)."""

    start: int
    end: int
    concepts: tuple[Concept, ...]
    weak: bool = False


@dataclass(slots=True)
class Binding:
    """One number and what it was tied to."""

    span: NumberSpan
    verdict: Verdict
    ref: Reference | None = None
    candidates: list[Reference] = field(default_factory=list)
    message: str = ""
    rule: str = "P-0"
    warning: str | None = None
    """A non-blocking remark (a qualifier on an exact table figure)."""


# ---------------------------------------------------------------- the alias index
_UNIT_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"件", "起", "宗", "例", "件次", "次", "份"}),
    frozenset({"项", "个", "件", "类"}),
    frozenset({"个", "家", "所", "座"}),
    frozenset({"条", "则", "条次"}),
    frozenset({"人次", "人", "名", "位"}),
    frozenset({"场", "场次", "次"}),
    frozenset({"期", "次", "场", "批", "批次", "期次"}),
    frozenset({"篇", "篇次", "条"}),
)
_SUBJECT_KINDS = {"row", "fact"}

_YOY = re.compile(
    r"较上一?年度?|比上一?年度?|与上一?年度?相比|同比|较去年|比去年|与去年相比|较(?:19|20)\d\d年度?|比(?:19|20)\d\d年度?"
)
_PREV = re.compile(r"上一?年度?|去年")
_UP = ("增加", "增长", "上升", "提高", "提升", "增多", "多", "增")
_EITHER = ("变化", "变动", "相差", "差")
_DOWN = ("减少", "下降", "降低", "回落", "减", "少", "下滑")
_PAREN = re.compile(r"[（(]")
_PAREN_CLOSE = re.compile(r"[）)]")
_AND = re.compile(r"[和及与、]")
_SHARE = re.compile(r"占|比例|比重|比率|率")
_CLAUSE = re.compile(r"[，,；;。！？!?：:、\n]")
_SENTENCE = re.compile(r"[。！？!?\n]")
"""Sentence ends for context: a row named before 「；」 still frames the clauses after it."""
_REACHED = re.compile(r"(?:增|增加|增长|上升|提高|提升|下降|减少|降|降低|回落|下滑)(?:至|到)[ \t]*$")
"""由上年的49件增至72件: the number after 增至/降至 is this year's value, not the change."""
_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达到|达|占)?|依次为")
_SEGMENT = re.compile(r"[，,；;。！？!?：:\n]")
"""Clause ends that do not split a list (a 、 list of names stays one segment)."""
_LIST_GAP = re.compile(r"[\s、，,和及与以]*")
_COUNT_UNITS = frozenset({"件", "条", "份", "次", "件次", "个", "项", "宗", "起", "例", "条次"})
"""Measure words of plain counts: 收到申请3条 quotes a 3件 cell with a loose word, not a wrong figure."""
_FILLER = re.compile(r"[共计合累各类的达为了有总数量约近超过逾余多全年本度\s，,、]")


@cache
def units_compatible(a: str | None, b: str) -> bool:
    """Whether a prose measure word can quote a figure kept in unit `b` (件 ≈ 起/宗; 个 ≈ 家)."""
    if a is None or a == b:
        return True
    if a in {"%", "个百分点", "倍", "元"} or b in {"%", "个百分点", "元", "万元"}:
        return a == b or {a, b} <= {"元", "万元"}
    return any(a in g and b in g for g in _UNIT_GROUPS)


@dataclass
class Index:
    """Aliases of one report: its format's labels and aliases, and its facts."""

    pattern: re.Pattern[str]
    concepts: dict[str, tuple[Concept, ...]]
    row_blocks: dict[tuple[str, str], BlockDef]
    context_words: dict[str, tuple[str, ...]]
    refs: dict[str, Reference]
    by_value: dict[tuple[Decimal, str], list[str]]
    weak: frozenset[str] = frozenset()
    names: tuple[tuple[str, str], ...] = ()
    members: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    """Rows of each row group: 因保护第三方合法权益不予公开3件 names the row, not the group."""
    default_rows: dict[str, Concept] = field(default_factory=dict)
    """Per table with a prose context: the row a bare column means (自然人提出申请58件 → 本年新收)."""


def _add(table: dict[str, list[Concept]], names: Iterable[str], concept: Concept) -> None:
    for name in names:
        name = name.strip()
        if len(name) < 2:
            continue
        if concept not in table.setdefault(name, []):
            table[name].append(concept)


@cache
def _format_aliases(
    fmt: FormatDefinition,
) -> tuple[dict[str, tuple[Concept, ...]], dict[tuple[str, str], BlockDef]]:
    table: dict[str, list[Concept]] = {}
    blocks: dict[tuple[str, str], BlockDef] = {}
    for t in fmt.tables:
        for block in t.blocks:
            for row in block.rows:
                blocks[(t.id, row.id)] = block
                for name in {row_phrase(row), *row.aliases}:
                    # a short alias not in the label is a generic verb (收到, 受理, 办结, 处理)
                    weak = bool(t.prose_context) and name not in row.label and len(name) <= 3
                    _add(table, [name], Concept("row", t.id, row.id, weak))
            for group in block.row_groups:
                if not group.subtotal:
                    continue
                blocks[(t.id, group.id)] = block
                _add(table, {row_phrase(group), *group.aliases}, Concept("row", t.id, group.id))
            for col in block.columns:
                _add(table, {column_phrase(col), *col.aliases}, Concept("col", t.id, col.id))
            for cgroup in block.column_groups:
                _add(table, {cgroup.label, *cgroup.aliases}, Concept("col", t.id, cgroup.id))
    for name, concepts in table.items():
        # 其他组织 names both the column 其他 and the group 法人或其他组织: the plain column is meant
        plain_cols = {(c.table, c.id) for c in concepts if c.kind == "col"}
        groups = {(t.id, g.id) for t in fmt.tables for b in t.blocks for g in b.column_groups}
        if any(k not in groups for k in plain_cols) and any(k in groups for k in plain_cols):
            table[name] = [c for c in concepts if c.kind != "col" or (c.table, c.id) not in groups]
    return {k: tuple(v) for k, v in table.items()}, blocks


_FEE_ALIASES = {"信息处理费": "fee.amount_yuan", "收费通知": "fee.notices"}


def index_for(report: ReportBase) -> Index:
    """The report's alias index (cached on the report, like its references)."""
    private = report.__pydantic_private__ or {}
    cache = private.get("_numbers")
    if isinstance(cache, dict) and isinstance(cache.get("index"), Index):
        return cache["index"]
    refs = references(report)
    fmt_aliases, blocks = _format_aliases(report.format)
    table: dict[str, list[Concept]] = {k: list(v) for k, v in fmt_aliases.items()}
    for fact in report.facts:
        _add(table, [fact.label, *fact.aliases], Concept("fact", "", f"fact.{fact.id}"))
    for name, key in _FEE_ALIASES.items():
        if key in refs:
            _add(table, [name], Concept("fact", "", key))
    names = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names)) if names else re.compile(r"(?!x)x")
    by_value: dict[tuple[Decimal, str], list[str]] = {}
    for key, ref in refs.items():
        if ref.kind in {"cell", "derived"}:
            by_value.setdefault((Decimal(ref.value), ref.unit), []).append(key)
    index = Index(
        pattern=pattern,
        concepts={k: tuple(v) for k, v in table.items()},
        row_blocks=blocks,
        context_words={t.id: t.prose_context for t in report.format.tables},
        refs=refs,
        by_value=by_value,
        weak=frozenset(k for k, v in table.items() if any(c.weak for c in v)),
        names=exempt_names(report),
        members={
            (t.id, g.id): frozenset(b.group_rows(g))
            for t in report.format.tables
            for b in t.blocks
            for g in b.row_groups
        },
        default_rows={
            t.id: Concept("row", t.id, t.blocks[0].rows[0].id)
            for t in report.format.tables
            if t.prose_context and t.blocks and t.blocks[0].rows
        },
    )
    if isinstance(cache, dict):
        cache["index"] = index
    return index


def exempt_names(report: ReportBase) -> tuple[tuple[str, str], ...]:
    """Strings of the input whose digits are not statistics: declared proper names and meta text."""
    meta = report.meta
    contact = meta.contact
    names = [(n, "专有名称") for n in report.proper_names if n]
    names += meta_names(
        [meta.agency, meta.short_name, meta.portal, meta.url, meta.provincial_notice, contact.office,
         contact.address, contact.postcode, contact.telephone, contact.email],
        "基本信息",
    )  # fmt: skip
    return tuple(names)


# ---------------------------------------------------------------- binding a text
@dataclass
class _Text:
    text: str
    hits: list[Hit]
    hit_starts: list[int]
    clause_ends: list[int]
    sentence_ends: list[int]
    yoy_marks: list[tuple[int, int]]
    section: str | None = None


def bind_text(text: str, report: ReportBase, section: str | None = None) -> list[Binding]:
    """Every number in `text`, bound or exempt or flagged.

    `section`: the draft section the text belongs to (a table id such as "requests" lets that table's
    generic aliases count even in a sentence that does not repeat 申请).
    """
    index = index_for(report)
    spans = extract(text, index.names)
    if not spans:
        return []
    if all(s.exempt is not None for s in spans):
        return [Binding(s, "exempt", message=f"不核对：{s.exempt}") for s in spans]
    ctx = _prepare(text, index, section)
    out: list[Binding] = []
    prev_end = 0
    live = [s for s in spans if s.exempt is None]
    following = {id(s): (live[i + 1].start if i + 1 < len(live) else len(text)) for i, s in enumerate(live)}
    forced = _respectively(live, ctx, index) if "分别" in text or "依次" in text else {}
    for span in spans:
        if span.exempt is not None:
            out.append(Binding(span, "exempt", message=f"不核对：{span.exempt}"))
            continue
        out.append(_bind(span, ctx, index, report, prev_end, following[id(span)], forced.get(id(span))))
        prev_end = span.end
    return out


def _respectively(live: list[NumberSpan], ctx: _Text, index: Index) -> dict[int, _Context]:
    """予以公开、部分公开、不予公开分别为28件、8件、4件: the n-th number quotes the n-th name.

    Names are the subjects (or, with none, the columns) named in the segment before 分别; the numbers
    are the ones right after it, separated only by 、，和及与. Binds only when the counts match."""
    text = ctx.text
    out: dict[int, _Context] = {}
    for m in _RESPECTIVELY.finditer(text):
        seg_start = _boundary_before([e.start() for e in _SEGMENT.finditer(text, 0, m.start())], m.start())
        seg_end = _SEGMENT.search(text, m.end())
        end = seg_end.start() if seg_end else len(text)
        # the segment may end at the 「，」 between the numbers: extend over number-only pieces
        nums = [sp for sp in live if m.end() <= sp.start < len(text)]
        chosen: list[NumberSpan] = []
        pos = m.end()
        for sp in nums:
            if not _LIST_GAP.fullmatch(text, pos, sp.start):
                break
            chosen.append(sp)
            pos = sp.end
        if not chosen or chosen[0].start > end:
            continue
        hits = [
            (h, _usable(h, text[seg_start:end], index, ctx.section))
            for h in _hits_in(ctx, seg_start, m.start())
        ]
        subjects: list[tuple[Concept, ...]] = []
        columns: list[tuple[Concept, ...]] = []
        for _, cs in hits:
            subj = tuple(c for c in cs if c.kind in _SUBJECT_KINDS)
            cols = tuple(c for c in cs if c.kind == "col")
            if subj and (not subjects or subjects[-1] != subj):
                subjects.append(subj)
            elif cols and not subj and (not columns or columns[-1] != cols):
                columns.append(cols)
        if len(subjects) > 1 and any(not c.weak for s in subjects for c in s):
            subjects = [s for s in subjects if any(not c.weak for c in s)]
        if len(subjects) == len(chosen) and len(subjects) > 1:
            shared = [c for cs in columns for c in cs] if len(columns) == 1 else []
            for sp, subj in zip(chosen, subjects, strict=True):
                out[id(sp)] = _Context(list(subj), shared, True, False)
        elif not subjects and len(columns) == len(chosen) and len(columns) > 1:
            for sp, cols in zip(chosen, columns, strict=True):
                row = next((index.default_rows[c.table] for c in cols if c.table in index.default_rows), None)
                if row is not None:
                    out[id(sp)] = _Context([row], list(cols), True, False, own=False)
    return out


def _prepare(text: str, index: Index, section: str | None = None) -> _Text:
    concepts, weak = index.concepts, index.weak
    hits = [
        Hit(m.start(), m.end(), concepts[g], g in weak)
        for m in index.pattern.finditer(text)
        for g in (m.group(),)
    ]
    yoy = [(m.start(), m.end()) for m in _YOY.finditer(text)]
    if "年" in text or "去" in text:
        starts = [h.start for h in hits]
        for m in _PREV.finditer(text):
            i = bisect_right(starts, m.start()) - 1
            if i < 0 or hits[i].end <= m.start():  # not inside an alias (上年结转)
                yoy.append((m.start(), m.end()))
    clause_ends = [m.start() for m in _CLAUSE.finditer(text)]
    long_hits = [h for h in hits if h.end - h.start > 8]
    if long_hits:  # a label may contain a delimiter (逾期不补正、行政机关不再处理…)
        inside = {p for h in long_hits for p in range(h.start + 1, h.end)}
        clause_ends = [p for p in clause_ends if p not in inside]
    return _Text(
        text=text,
        hits=hits,
        hit_starts=[h.start for h in hits],
        clause_ends=clause_ends,
        sentence_ends=[m.start() for m in _SENTENCE.finditer(text)],
        yoy_marks=sorted(yoy),
        section=section,
    )


def _boundary_before(ends: list[int], pos: int) -> int:
    i = bisect_left(ends, pos) - 1
    return ends[i] + 1 if i >= 0 else 0


def _boundary_after(ends: list[int], pos: int, default: int) -> int:
    i = bisect_left(ends, pos)
    return ends[i] if i < len(ends) else default


def _hits_in(ctx: _Text, start: int, end: int) -> list[Hit]:
    lo = bisect_left(ctx.hit_starts, start)
    hi = bisect_right(ctx.hit_starts, end)
    return [h for h in ctx.hits[lo:hi] if h.end <= end]


def _usable(hit: Hit, around: str, index: Index, section: str | None) -> tuple[Concept, ...]:
    """Drop weak aliases (收到, 办结) when the text around is not about their table (no 申请)."""
    if not hit.weak:
        return hit.concepts
    out = []
    for c in hit.concepts:
        if (
            c.weak
            and c.table != section
            and not any(w in around for w in index.context_words.get(c.table, ()))
        ):
            continue
        out.append(c)
    return tuple(out)


def _other_object(ctx: _Text, hit: Hit, pos: int, concepts: tuple[Concept, ...], index: Index) -> bool:
    """Whether a generic verb (处理, 办结, 收到) is followed, before the number, by a noun that is not
    its table's (群众留言, 热线工单): then the number counts that noun, not the table's figure."""
    gap = ctx.text[hit.end : pos]
    if not gap:
        return False
    words = {w for c in concepts for w in index.context_words.get(c.table, ())}
    if any(w in gap for w in words):
        return False
    for other in _hits_in(ctx, hit.end, pos):  # names of the same table are not another noun
        gap = gap.replace(ctx.text[other.start : other.end], "")
    rest = _FILLER.sub("", gap)
    return sum("\u4e00" <= ch <= "\u9fff" for ch in rest) >= 2


@dataclass
class _Context:
    subjects: list[Concept]
    """Rows/facts named by the nearest subject alias (in the clause, or after the number)."""
    columns: list[Concept]
    direct: bool
    """The subject was named in the number's own clause (not inherited from the sentence)."""
    several: bool
    """The clause names several different subjects before the number (予以公开和不予公开共N件)."""
    named: list[list[Concept]] = field(default_factory=list)
    own: bool = True
    """The subject itself (not only a column) is named in the clause."""
    """With `several`: each subject the clause names, in order (their sum may be what is quoted)."""


def _context(
    span: NumberSpan, ctx: _Text, index: Index, prev_end: int, next_start: int, inherit: bool
) -> _Context:
    text = ctx.text
    sentence_ends = ctx.sentence_ends
    sent_start = _boundary_before(sentence_ends, span.start)
    clause_start = max(_boundary_before(ctx.clause_ends, span.start), sent_start)
    clause_end = min(_boundary_after(ctx.clause_ends, span.end, len(text)), next_start)
    paren = _PAREN.search(text, span.end, clause_end)
    if paren:
        clause_end = paren.start()  # 行政复议4件（结果维持2件…）: the parenthesis details, it does not name
    around = ""

    def usable(hits: list[Hit], own_clause: bool = False) -> list[tuple[Hit, tuple[Concept, ...]]]:
        nonlocal around
        out = []
        for h in hits:
            if not h.weak:
                out.append((h, h.concepts))
                continue
            if not around:
                # the sentence and the one before it: 本年度办结71件 follows a sentence about 申请
                sent_end = _boundary_after(sentence_ends, span.end, len(text))
                around = text[_boundary_before(sentence_ends, max(sent_start - 1, 0)) : sent_end]
            cs = _usable(h, around, index, ctx.section)
            if cs and own_clause and h.end <= span.start and _other_object(ctx, h, span.start, cs, index):
                continue  # 处理群众留言92条: the verb governs another noun, not 申请
            if cs:
                out.append((h, cs))
        return out

    # hits between the previous number and this one (a label may straddle the previous number)
    pre = usable([h for h in _hits_in(ctx, clause_start, span.start) if h.end > prev_end], True)
    taken = {h.start for h, _ in pre}
    if pre and span.unit == "%":
        # 占办结总数的50.70%: what follows 占 is the base, not what the share is of
        pre = [(h, cs) for h, cs in pre if "占" not in text[max(clause_start, h.start - 3) : h.start]]
    if len(pre) > 1 and any(not c.weak for _, cs in pre for c in cs if c.kind in _SUBJECT_KINDS):
        # a specific name (逾期不补正) outranks a generic verb after it (不再处理其申请)
        pre = [(h, tuple(c for c in cs if not c.weak)) for h, cs in pre]
        pre = [(h, cs) for h, cs in pre if cs]
    subjects_pre = []
    columns = []
    for h, cs in pre:
        subj = [c for c in cs if c.kind in _SUBJECT_KINDS]
        if subj:
            subjects_pre.append((h, subj))
        columns += [c for c in cs if c.kind == "col"]
    post: list[tuple[Hit, tuple[Concept, ...]]] = []
    if not subjects_pre or not columns:
        post = usable(_hits_in(ctx, span.end, clause_end))
        if not columns or not pre:
            columns += [c for h, cs in post for c in cs if c.kind == "col"]
    if len(subjects_pre) > 1:
        # 因保护第三方合法权益不予公开3件: a row named before its own group is the figure meant
        group = subjects_pre[-1][1]
        for _, first_named in subjects_pre[:-1]:
            if any(
                c.kind == "row" and c.id in index.members.get((g.table, g.id), ()) and c.table == g.table
                for c in first_named
                for g in group
            ):
                subjects_pre = [(h, cs2) for h, cs2 in subjects_pre if cs2 is not group]
                subjects_pre.append((subjects_pre[-1][0], first_named))
                break
    if subjects_pre:
        several = len(subjects_pre) > 1 and len({tuple(cs) for _, cs in subjects_pre}) > 1
        several = several and bool(_AND.search(text, subjects_pre[0][0].end, subjects_pre[-1][0].start))
        named = [cs for _, cs in subjects_pre] if several else []
        return _Context(list(subjects_pre[-1][1]), columns, True, several, named)
    for _, cs in post:
        subj = [c for c in cs if c.kind in _SUBJECT_KINDS]
        if subj:
            return _Context(subj, columns, True, False)
    if columns or inherit:
        # 其中自然人58件: the row comes from the sentence; a table-specific column keeps to its table
        tables = {c.table for c in columns}
        before = [h for h in _hits_in(ctx, sent_start, span.start) if h.start not in taken]
        earlier = usable(before)
        for i in range(len(earlier) - 1, -1, -1):
            cs = earlier[i][1]
            subj = [c for c in cs if c.kind in _SUBJECT_KINDS and (not tables or c.table in tables)]
            if subj and all(c.weak for c in subj) and _specific_before(earlier, i, ctx):
                continue  # 无法提供类答复23件: 答复 qualifies the specific name before it
            if subj and not columns and inherit:
                # 其中自然人申请58件，占80.56%: the share is of the column named since the row
                later = [
                    c
                    for h2, cs2 in earlier[i + 1 :]
                    if not _PAREN_CLOSE.search(text, h2.end, span.start)  # （其中自然人58件）, 同比…
                    for c in cs2
                    if c.kind == "col"
                ]
                tables_subj = {c.table for c in subj}
                columns = [c for c in later[-1:] if c.table in tables_subj]
            if subj:
                # a column named in the clause (其中自然人57件) names the figure as much as a row does
                return _Context(subj, columns, bool(columns), False, own=False)
        # 自然人提出申请58件 / 占新收申请总量的80.56%: a bare applicant column means the received row
        cols = columns or [c for _, cs in earlier for c in cs if c.kind == "col"][-1:]
        sent_end = _boundary_after(sentence_ends, span.end, len(text))
        for c in cols:
            row = index.default_rows.get(c.table)
            if row is not None and any(w in text[sent_start:sent_end] for w in index.context_words[c.table]):
                return _Context(
                    [row], [x for x in cols if x.table == c.table], bool(columns), False, own=False
                )
    return _Context([], columns, False, False, own=False)


def _specific_before(earlier: list[tuple[Hit, tuple[Concept, ...]]], i: int, ctx: _Text) -> bool:
    """Whether a specific (non-generic) subject is named before hit i in the same clause."""
    hit = earlier[i][0]
    for j in range(i - 1, -1, -1):
        other = earlier[j][0]
        if bisect_left(ctx.clause_ends, hit.start) != bisect_left(ctx.clause_ends, other.end):
            return False
        if any(c.kind in _SUBJECT_KINDS and not c.weak for c in earlier[j][1]):
            return True
    return False


@cache
def _block_columns(block: BlockDef) -> tuple[frozenset[str], list[str]]:
    """Column and column-group ids of a block, and the columns a row means when none is named
    (its total column, or every column of a block without one)."""
    known = frozenset(c.id for c in block.columns) | frozenset(g.id for g in block.column_groups)
    total = next((c.id for c in block.columns if c.sum_of), None)
    return known, [total] if total else [c.id for c in block.columns]


def _candidate_keys(ctx: _Context, index: Index) -> list[str]:
    """Base keys (cell ids, derived keys, fact keys) the context names, nearest first."""
    keys: list[str] = []
    for subject in ctx.subjects:
        if subject.kind == "fact":
            keys.append(subject.id)
            continue
        block = index.row_blocks.get((subject.table, subject.id))
        if block is None:
            continue
        known, default = _block_columns(block)
        cols = [c.id for c in ctx.columns if c.table == subject.table and c.id in known] or default
        for col in dict.fromkeys(cols):
            key = f"{subject.table}.{subject.id}.{col}"
            if key in index.refs:
                keys.append(key)
            elif f"derived.{key}" in index.refs:
                keys.append(f"derived.{key}")
    return list(dict.fromkeys(keys))


def _yoy_mode(span: NumberSpan, ctx: _Text, prev_end: int) -> str | None:
    """'diff+' / 'diff-' (较上年增加/减少), 'diff' (变化), 'previous' (上年为), 'reached' (增至: this
    year's value, its subject named before last year's), or None."""
    if not ctx.yoy_marks:
        return None
    text = ctx.text
    sent_start = _boundary_before(ctx.sentence_ends, span.start)
    lo = bisect_left(ctx.yoy_marks, (sent_start, -1))
    marks = []
    for s, e in ctx.yoy_marks[lo:]:
        if s >= span.start:
            break
        if e <= span.start:
            marks.append((s, e))
    if not marks:
        return None
    raw_before = text[max(prev_end, sent_start, span.start - 6) : span.start]
    if _REACHED.search(raw_before):
        return "reached"
    before = raw_before.rstrip(" 了为达到至")
    for verb in _UP:
        if before.endswith(verb):
            return "diff+"
    for verb in _DOWN:
        if before.endswith(verb):
            return "diff-"
    for verb in _EITHER:
        if before.endswith(verb):
            return "diff"
    clause_start = max(_boundary_before(ctx.clause_ends, span.start), prev_end)
    if any(s >= clause_start for s, _ in marks):
        return "previous"
    return None


@cache
def _rule(key: str) -> str:
    if key.startswith("yoy."):
        return "P-12"
    if key.startswith("rate."):
        return "P-5"
    if key.startswith("fee."):
        return "P-10"
    if key.startswith("fact."):
        return "P-0"
    parts = key.removeprefix("derived.").split(".")
    table, row, col = parts[0], ".".join(parts[1:-1]), parts[-1]
    if table == "appeals":
        return "P-7"
    if table == "active":
        return "P-11"
    if table == "requests":
        if col != "total":
            return "P-6"
        return {"new": "P-1", "total": "P-2", "carried_forward": "P-3", "carried_over": "P-3"}.get(row, "P-4")
    return "P-0"


_MULTIPLIER_UNITS = {"万": 10_000, "亿": 100_000_000, "千": 1000}


def _base(ref: Reference) -> tuple[Decimal, str]:
    """A figure in the base unit the extractor uses: 0.5 万元 → 5000 元; 120 万人次 → 1200000 人次."""
    return _base_of(ref.value, ref.unit)


@cache
def _base_of(raw: Decimal | int, unit: str) -> tuple[Decimal, str]:
    value = Decimal(raw)
    if len(unit) > 1 and unit[0] in _MULTIPLIER_UNITS and unit != "万元" or unit in {"万元", "亿元", "千元"}:
        return value * _MULTIPLIER_UNITS[unit[0]], unit[1:]
    return value, unit


def _amount(ref: Reference) -> Decimal:
    return _base(ref)[0]


def _sum_of_named(span: NumberSpan, context: _Context, index: Index) -> Reference | None:
    """予以公开和不予公开共32件: the sum of the figures the clause names, when that is what is quoted."""
    parts: list[Reference] = []
    for subjects in context.named:
        keys = _candidate_keys(_Context(subjects, context.columns, True, False), index)
        ref = next(
            (index.refs[k] for k in keys if units_compatible(span.unit, _base(index.refs[k])[1])), None
        )
        if ref is None or ref.kind not in {"cell", "derived", "fact"}:
            return None
        parts.append(ref)
    if len(parts) < 2 or len({p.key for p in parts}) < len(parts):
        return None
    value = sum((_amount(p) for p in parts), Decimal(0))
    if not span.agrees(value):
        return None
    return Reference(
        key="sum:" + "+".join(p.key for p in parts),
        kind="derived",
        value=int(value) if value == value.to_integral_value() else value,
        unit=_base(parts[0])[1],
        label="、".join(p.label for p in parts) + "合计",
        where=" + ".join(p.where for p in parts),
        parts=tuple(p.key for p in parts),
    )


def _shown(ref: Reference) -> str:
    return f"{ref.qualifier if ref.qualifier in {'约', '近', '超过'} else ''}{ref.text}{ref.qualifier if ref.qualifier in {'余', '多'} else ''}{ref.unit}"


def _bind(
    span: NumberSpan,
    ctx: _Text,
    index: Index,
    report: ReportBase,
    prev_end: int,
    next_start: int,
    forced: _Context | None = None,
) -> Binding:
    mode = _yoy_mode(span, ctx, prev_end)
    reached = mode == "reached"
    if reached:
        mode = None
    percent = span.unit == "%"
    points = span.unit == "个百分点"
    times = span.unit == "倍"
    inherit = reached or mode is not None or percent or points or times
    context = forced or _context(span, ctx, index, prev_end, next_start, inherit)
    if not context.direct and context.subjects:
        near = ctx.text[max(_boundary_before(ctx.clause_ends, span.start), prev_end) : span.start]
        # 较上年增加22件 / 占办结总数的50.71%: the clause names the figure through its inherited subject
        context.direct = (
            reached
            or mode in {"diff+", "diff-", "diff"}
            or ((percent or points) and bool(_SHARE.search(near)))
        )
    base_keys = _candidate_keys(context, index)
    if not base_keys:
        return _unsupported(span, index, report, mode)

    keys: list[str] = []
    for key in base_keys:
        plain_key = key.removeprefix("derived.")
        if mode in {"diff+", "diff-", "diff"}:
            if points:
                keys.append(f"yoy.rate.{plain_key}.diff")
            elif percent or times:
                keys.append(f"yoy.{key}.pct")
            else:
                keys.append(f"yoy.{key}.diff")
        elif mode == "previous":
            keys.append(f"yoy.rate.{plain_key}.previous" if percent else f"yoy.{key}.previous")
        elif percent and not key.startswith(("fact.", "fee.")):
            keys.append(f"rate.{plain_key}")
        else:
            keys.append(key)
    if mode is not None and report.previous_report is None:
        return Binding(
            span,
            "unsupported",
            rule="P-12",
            message="同比数字无法核对：未提供上年报告数据（请用 --previous 指定上年数据文件，或在数据文件中填写 previous）",
        )
    refs = [index.refs[k] for k in keys if k in index.refs]
    if not refs:
        return _unsupported(span, index, report, mode)
    compatible = [r for r in refs if units_compatible(span.unit, _base(r)[1]) or (times and r.unit == "%")]
    if not compatible:
        loose = [
            r
            for r in refs
            if span.unit in _COUNT_UNITS and _base(r)[1] in _COUNT_UNITS and _agrees(span, r, mode, times)
        ]
        if loose:
            bound = _bound(span, loose[0], refs)
            bound.warning = (
                f"「{loose[0].where}」以“{_base(loose[0])[1]}”计，文中写作“{span.unit}”，建议统一计量单位"
            )
            return bound
        if context.direct and context.own and not all(c.weak for c in context.subjects):
            ref = refs[0]
            return Binding(
                span,
                "mismatch",
                ref=ref,
                candidates=refs,
                rule=_rule(ref.key),
                message=f"单位不符：「{ref.where}」为 {_shown(ref)}，文中写作 {span.text.strip()}",
            )
        return _unsupported(span, index, report, mode)
    for ref in compatible:
        if _agrees(span, ref, mode, times):
            return _bound(span, ref, compatible)
    if not context.direct:
        return _unsupported(span, index, report, mode)
    ref = compatible[0]
    total = _sum_of_named(span, context, index) if context.several else None
    if total is not None:
        return _bound(span, total, compatible)
    if context.several:
        listed = "；".join(f"「{r.where}」为 {_shown(r)}" for r in compatible[:3])
        return Binding(
            span, "ambiguous", ref=ref, candidates=compatible, rule=_rule(ref.key),
            message=f"所指不明：本句同时提到多项数据（{listed}），{span.text.strip()} 与其中任何一项都不一致",
        )  # fmt: skip
    return _mismatch(span, ref, compatible, index, mode)


def _agrees(span: NumberSpan, ref: Reference, mode: str | None, times: bool) -> bool:
    value = _amount(ref)
    if mode in {"diff+", "diff-", "diff"}:
        if (mode == "diff+" and value <= 0) or (mode == "diff-" and value >= 0):
            return False
        if times:
            return span.agrees(abs(value) / 100) or span.agrees(abs(value) / 100 + 1)
        return span.agrees(abs(value))
    if ref.qualifier and span.approx == "exact":
        return False  # the data is an approximation; prose must not present it as exact
    if ref.qualifier and span.approx != "exact":
        return span.value is not None and span.value == value
    return span.agrees(value)


def _bound(span: NumberSpan, ref: Reference, candidates: list[Reference]) -> Binding:
    warning = None
    if span.approx != "exact" and ref.kind in {"cell", "derived"}:
        warning = f"「{ref.where}」为确数 {_shown(ref)}，文中写作约数 {span.text.strip()}，建议写确数"
    return Binding(
        span,
        "bound",
        ref=ref,
        candidates=candidates,
        rule=_rule(ref.key),
        message=f"与「{ref.where}」一致（{_shown(ref)}）",
        warning=warning,
    )


def _mismatch(
    span: NumberSpan, ref: Reference, candidates: list[Reference], index: Index, mode: str | None
) -> Binding:
    if mode in {"diff+", "diff-"} and span.value is not None and span.agrees(abs(_amount(ref))):
        direction = "增加" if ref.value > 0 else "减少"
        message = f"变化方向不符：「{ref.where}」为{direction} {ref.text}{ref.unit}"
    elif ref.qualifier and span.approx == "exact":
        message = f"「{ref.where}」为约数 {_shown(ref)}，文中写作确数 {span.text.strip()}"
    else:
        others = [r for r in candidates[1:3] if r.value != ref.value]
        also = "".join(f"；「{r.where}」为 {_shown(r)}" for r in others)
        message = f"与数据不符：「{ref.where}」为 {_shown(ref)}{also}，文中写作 {span.text.strip()}"
        hint = _same_value(span, ref, index)
        if hint:
            message += f"（{span.text.strip()} 是「{hint.where}」的数值，疑似引错了单元格）"
    return Binding(span, "mismatch", ref=ref, candidates=candidates, rule=_rule(ref.key), message=message)


def _same_value(span: NumberSpan, ref: Reference, index: Index) -> Reference | None:
    if span.value is None or span.approx != "exact" or ref.kind not in {"cell", "derived"}:
        return None
    table = ref.key.removeprefix("derived.").split(".")[0]
    for key in index.by_value.get((span.value, ref.unit), []):
        if key != ref.key and key.removeprefix("derived.").split(".")[0] == table:
            return index.refs[key]
    return None


def _unsupported(span: NumberSpan, index: Index, report: ReportBase, mode: str | None) -> Binding:
    if mode is not None and report.previous_report is None:
        return Binding(
            span,
            "unsupported",
            rule="P-12",
            message="同比数字无法核对：未提供上年报告数据（请用 --previous 指定上年数据文件，或在数据文件中填写 previous）",
        )
    message = "数据中没有这个数字的出处：如为表格数据，请在数字前写明所指（如“予以公开”）；如为其他工作数据，请在支撑数据（facts）中填报名称、数值和单位"
    if span.value is not None and span.approx == "exact" and span.unit:
        same = [
            index.refs[k]
            for (v, unit), keys in index.by_value.items()
            if v == span.value and units_compatible(span.unit, unit) and v != 0
            for k in keys
        ]
        if same:
            message += f"（数值与「{same[0].where}」相同）"
    return Binding(span, "unsupported", rule="P-12" if mode else "P-0", message=message)
