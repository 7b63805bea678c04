"""The sentence context of a number: which figure its words name.

What a number is about is read from the words before it in the same clause (予以公开28件), else just
after it (28件予以公开). A clause that names only a column (其中自然人58件) takes its row from the
sentence (收到申请72件，…). Year-on-year wording (较上年增加/同比增长/上年为) is marked here so the
binder can turn a base figure into its year-on-year reference.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from report_copilot.checks.aliases import SUBJECT_KINDS, Concept, Hit, Index
from report_copilot.checks.name_lists import LIST_JOINER, listed_with, without_listing_marks
from report_copilot.checks.nonnames import claim_only, handled, naming_hits
from report_copilot.checks.numbers import NumberSpan
from report_copilot.checks.wholes import join_wholes
from report_copilot.model.formats import BlockDef
from report_copilot.model.script import cjk_count

_YOY = re.compile(
    r"较上一?年度?|比上一?年度?|与上一?年度?相比|同比|较去年|比去年|与去年相比|较(?:19|20)\d\d年度?|比(?:19|20)\d\d年度?"
)
_PREV = re.compile(r"上一?年度?|去年")
_PAREN = re.compile(r"[（(]")
_PAREN_CLOSE = re.compile(r"[）)]")
_CLAUSE = re.compile(r"[，,；;。！？!?：:、\n]")
_SENTENCE = re.compile(r"[。！？!?\n]")
"""Sentence ends for context: a row named before 「；」 still frames the clauses after it."""
"""由上年的49件增至72件: the number after 增至/降至 is this year's value, not the change."""
"""Clause ends that do not split a list (a 、 list of names stays one segment)."""
_FILLER = re.compile(r"[共计合累各类的达为了有总数量约近超过逾余多全年本度\s，,、]")
_SAME_OBJECT = re.compile(
    r"政府信息公开申请|政府信息|信息公开|公开申请|申请|信息|案件|事项|提交|提出|递交"
    r"|其中|合计|共计|总计|分别|依次|占比|比例|比重|占|上一?年度?|去年|同比|相比|与|较|比"
    r"|增加|减少|增长|下降|上升|提高|提升|降低|回落|下滑|变化|增多|增|减|至|到|是|达|为|有"
)
"""What may stand between a subject and its number without naming something else: the objects
every table's figures count (an application, a piece of information, a case), and the words of
shares, year-on-year changes and lists."""

Scored = list[tuple[Hit, tuple[Concept, ...]]]
"""Hits with the concepts still usable in their place."""


@dataclass
class TextContext:
    """One text prepared for binding: its alias hits and the boundaries that frame a number."""

    text: str
    hits: list[Hit]
    hit_starts: list[int]
    clause_ends: list[int]
    sentence_ends: list[int]
    yoy_marks: list[tuple[int, int]]
    section: str | None = None

    def hits_in(self, start: int, end: int) -> list[Hit]:
        """Hits that lie entirely within text[start:end]."""
        lo = bisect_left(self.hit_starts, start)
        hi = bisect_right(self.hit_starts, end)
        return [h for h in self.hits[lo:hi] if h.end <= end]

    def sentence_start(self, pos: int) -> int:
        return boundary_before(self.sentence_ends, pos)

    def clause_start(self, pos: int) -> int:
        return boundary_before(self.clause_ends, pos)


@dataclass
class Context:
    """What the words around one number name."""

    subjects: list[Concept]
    """Rows/facts named by the nearest subject alias (in the clause, or after the number)."""
    columns: list[Concept]
    direct: bool
    """The subject was named in the number's own clause (not inherited from the sentence)."""
    several: bool
    """The clause names several different subjects before the number (予以公开和不予公开共N件)."""
    named: list[list[Concept]] = field(default_factory=list)
    """With `several`: each subject the clause names, in order (their sum may be what is quoted)."""
    own: bool = True
    """The subject itself (not only a column) is named in the clause."""
    after: bool = False
    """The subject is named only after the number (500万元以上的重大项目予以公开)."""
    other_noun: bool = False
    """Another noun stands between the subject and the number (主动公开各类文件45件, 行政诉讼一审2件):
    the number may count that noun, so a difference is not certain to be a wrong figure."""
    carry_stated: bool = False
    """The sentence says after the number that it includes last year's carry-over (含上年结转3件)."""


def prepare(
    text: str, index: Index, section: str | None = None, hits: list[Hit] | None = None
) -> TextContext:
    """Find the aliases, clause and sentence ends and year-on-year marks of a text once. `hits`: the
    text's alias hits (`Index.hits`), when the caller found them already."""
    hits = index.hits(text) if hits is None else hits
    hits = join_wholes(text, hits, index)  # 公民、法人和其他组织 names 总计 (checks/wholes.py)
    hits = naming_hits(text, hits)  # not 答复 in 《…答复书》, nor 受理 in 不予受理 (checks/nonnames.py)
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
    if "、" in text:
        clause_ends = without_listing_marks(text, hits, clause_ends)
    return TextContext(
        text=text,
        hits=hits,
        hit_starts=[h.start for h in hits],
        clause_ends=clause_ends,
        sentence_ends=[m.start() for m in _SENTENCE.finditer(text)],
        yoy_marks=sorted(yoy),
        section=section,
    )


def boundary_before(ends: list[int], pos: int) -> int:
    """The start of the stretch (clause, sentence) that holds `pos`."""
    i = bisect_left(ends, pos) - 1
    return ends[i] + 1 if i >= 0 else 0


def boundary_after(ends: list[int], pos: int, default: int) -> int:
    """The end of the stretch that holds `pos` (`default` when it runs to the end of the text)."""
    i = bisect_left(ends, pos)
    return ends[i] if i < len(ends) else default


def _other_object(ctx: TextContext, hit: Hit, pos: int, concepts: tuple[Concept, ...], index: Index) -> bool:
    """Whether a generic verb (处理, 办结, 收到) is followed, before the number, by a noun that is not
    its table's (群众留言, 热线工单): then the number counts that noun, not the table's figure."""
    gap = ctx.text[hit.end : pos]
    if not gap:
        return False
    words = {w for c in concepts for w in index.context_words.get(c.table, ())}
    if any(w in gap for w in words):
        return False
    for other in ctx.hits_in(hit.end, pos):  # names of the same table are not another noun
        gap = gap.replace(ctx.text[other.start : other.end], "")
    rest = _FILLER.sub("", gap)
    return cjk_count(rest) >= 2


def _noun_between(ctx: TextContext, hit: Hit, pos: int) -> bool:
    """Whether words other than fillers, other names and the tables' own objects stand between a
    subject and its number (各类文件, 一审, 网络问政)."""
    gap = ctx.text[hit.end : pos]
    if not gap:
        return False
    for other in ctx.hits_in(hit.end, pos):
        gap = gap.replace(ctx.text[other.start : other.end], "")
    rest = _FILLER.sub("", _SAME_OBJECT.sub("", gap))
    return cjk_count(rest) >= 2


@dataclass
class _Scope:
    """One number's place: the stretches that frame it, and the text its weak aliases are judged by."""

    span: NumberSpan
    ctx: TextContext
    index: Index
    sent_start: int
    clause_start: int
    clause_end: int
    _around: str | None = None

    @property
    def around(self) -> str:
        """The sentence and the one before it: 本年度办结71件 follows a sentence about 申请. Worked
        out on first read (a plain attribute: functools.cached_property takes a lock on every read)."""
        if self._around is None:
            ends, text = self.ctx.sentence_ends, self.ctx.text
            sent_end = boundary_after(ends, self.span.end, len(text))
            self._around = text[boundary_before(ends, max(self.sent_start - 1, 0)) : sent_end]
        return self._around

    def usable(self, hits: list[Hit], own_clause: bool = False) -> Scored:
        """Hits with the concepts they may name here (weak aliases only in a text about their table)."""
        out: Scored = []
        for h in hits:
            if not h.weak:
                out.append((h, h.concepts))
                continue
            cs = self.index.usable(h, self.around, self.ctx.section)
            if cs and own_clause and h.end <= self.span.start:
                if _other_object(self.ctx, h, self.span.start, cs, self.index):
                    continue  # 处理群众留言92条: the verb governs another noun, not 申请
            if cs:
                out.append((h, cs))
        return out


def _scope(span: NumberSpan, ctx: TextContext, index: Index, next_start: int) -> _Scope:
    text = ctx.text
    sent_start = ctx.sentence_start(span.start)
    clause_start = max(ctx.clause_start(span.start), sent_start)
    clause_end = min(boundary_after(ctx.clause_ends, span.end, len(text)), next_start)
    paren = _PAREN.search(text, span.end, clause_end)
    if paren:
        clause_end = paren.start()  # 行政复议4件（结果维持2件…）: the parenthesis details, it does not name
    return _Scope(span, ctx, index, sent_start, clause_start, clause_end)


def _before_number(scope: _Scope, prev_end: int) -> tuple[Scored, set[int]]:
    """Hits in the number's clause before it (a label may straddle the previous number), and the
    starts of every usable one (the sentence search skips them)."""
    span, text = scope.span, scope.ctx.text
    pre = scope.usable(
        [h for h in scope.ctx.hits_in(scope.clause_start, span.start) if h.end > prev_end], True
    )
    taken = {h.start for h, _ in pre}
    if pre and span.unit == "%":
        # 占办结总数的50.70%: what follows 占 is the base, not what the share is of
        pre = [(h, cs) for h, cs in pre if "占" not in text[max(scope.clause_start, h.start - 3) : h.start]]
    if len(pre) > 1 and any(not c.weak for _, cs in pre for c in cs if c.kind in SUBJECT_KINDS):
        # a specific name (逾期不补正) outranks a generic verb after it (不再处理其申请)
        pre = [(h, tuple(c for c in cs if not c.weak)) for h, cs in pre]
        pre = [(h, cs) for h, cs in pre if cs]
    return pre, taken


def _row_before_group(
    subjects: list[tuple[Hit, list[Concept]]], index: Index, text: str
) -> list[tuple[Hit, list[Concept]]]:
    """因保护第三方合法权益不予公开3件: a row named before its own group is the figure meant."""
    group = subjects[-1][1]
    for hit, first_named in subjects[:-1]:
        if "等" in text[hit.end : subjects[-1][0].start]:
            continue  # 因本机关不掌握等原因无法提供23件: 等 widens the row to its whole group
        if any(
            c.kind == "row" and c.id in index.members.get((g.table, g.id), ()) and c.table == g.table
            for c in first_named
            for g in group
        ):
            kept = [(h, cs) for h, cs in subjects if cs is not group]
            kept.append((kept[-1][0], first_named))
            return kept
    return subjects


def context(
    span: NumberSpan, ctx: TextContext, index: Index, prev_end: int, next_start: int, inherit: bool
) -> Context:
    """What the number's clause (or, failing that, its sentence) names."""
    scope = _scope(span, ctx, index, next_start)
    pre, taken = _before_number(scope, prev_end)
    subjects_pre: list[tuple[Hit, list[Concept]]] = []
    columns: list[Concept] = []
    for h, cs in pre:
        subj = [c for c in cs if c.kind in SUBJECT_KINDS]
        if subj:
            subjects_pre.append((h, subj))
        columns += [c for c in cs if c.kind == "col"]
    post: Scored = []
    if not subjects_pre or not columns:
        post = scope.usable(ctx.hits_in(span.end, scope.clause_end))
        if not columns or not pre:
            columns += [c for _, cs in post for c in cs if c.kind == "col"]
    if len(subjects_pre) > 1:
        subjects_pre = _row_before_group(subjects_pre, index, ctx.text)
    if subjects_pre:
        several = len(subjects_pre) > 1 and len({tuple(cs) for _, cs in subjects_pre}) > 1
        several = several and bool(
            LIST_JOINER.search(ctx.text, subjects_pre[0][0].end, subjects_pre[-1][0].start)
        )
        named = [cs for _, cs in subjects_pre] if several else []
        other = _noun_between(ctx, subjects_pre[-1][0], span.start)
        return Context(list(subjects_pre[-1][1]), columns, True, several, named, other_noun=other)
    for _, cs in post:
        subj = [c for c in cs if c.kind in SUBJECT_KINDS]
        if subj:
            return Context(subj, columns, True, False, after=True)
    if columns or inherit:
        return _inherited(scope, columns, taken)
    return Context([], columns, False, False, own=False)


def _inherited(scope: _Scope, columns: list[Concept], taken: set[int]) -> Context:
    """其中自然人58件: the row comes from the sentence; a table-specific column keeps to its table."""
    span, ctx, index, text = scope.span, scope.ctx, scope.index, scope.ctx.text
    tables = {c.table for c in columns}
    earlier = scope.usable([h for h in ctx.hits_in(scope.sent_start, span.start) if h.start not in taken])
    for i in range(len(earlier) - 1, -1, -1):
        cs = earlier[i][1]
        subj = [c for c in cs if c.kind in SUBJECT_KINDS and (not tables or c.table in tables)]
        weak, hit = bool(subj) and all(c.weak for c in subj), earlier[i][0]
        if weak and _specific_before(earlier, i, ctx):
            continue  # 无法提供类答复23件: 答复 qualifies the specific name before it
        if weak and claim_only(text, boundary_after(ctx.clause_ends, hit.end, len(text)), hit, span.start):
            continue  # 收到申请72件，均已答复，其中自然人58件: a verb with no figure frames none
        if subj and not columns:
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
            named = listed_with(earlier, i, ctx.text, tables)
            return Context(
                subj, columns, bool(columns), bool(named), [*named, subj] if named else [], own=False
            )
    # 自然人提出申请58件 / 占新收申请总量的80.56%: a bare applicant column means the received row
    cols = columns or [c for _, cs in earlier for c in cs if c.kind == "col"][-1:]
    sent_end = boundary_after(ctx.sentence_ends, span.end, len(text))
    for c in cols:
        row = index.default_rows.get(c.table)
        if row is not None and any(
            w in text[scope.sent_start : sent_end] for w in index.context_words[c.table]
        ):
            direct = bool(columns) and not handled(text, scope.sent_start, span.start)
            return Context([row], [x for x in cols if x.table == c.table], direct, False, own=False)
    return Context([], columns, False, False, own=False)


def _specific_before(earlier: Scored, i: int, ctx: TextContext) -> bool:
    """Whether a specific (non-generic) subject is named before hit i in the same clause."""
    hit = earlier[i][0]
    for j in range(i - 1, -1, -1):
        other = earlier[j][0]
        if bisect_left(ctx.clause_ends, hit.start) != bisect_left(ctx.clause_ends, other.end):
            return False
        if any(c.kind in SUBJECT_KINDS and not c.weak for c in earlier[j][1]):
            return True
    return False


@cache
def _block_columns(block: BlockDef) -> tuple[frozenset[str], list[str]]:
    """Column and column-group ids of a block, and the columns a row means when none is named
    (its total column, or every column of a block without one)."""
    known = frozenset(c.id for c in block.columns) | frozenset(g.id for g in block.column_groups)
    total = next((c.id for c in block.columns if c.sum_of), None)
    return known, [total] if total else [c.id for c in block.columns]


def names_one_cell(ctx: Context, index: Index) -> bool:
    """Whether the words name a single figure: a fact, a row with a column, a row whose block has a
    total column (行政复议4件) or a single money column (收费2万元). A row of a block without one (规范性文件45件: 制发? 废止? 现行有效?
    行政处罚信息30件: 处理决定?) leaves the figure open, so a difference is no certain error. A column
    word of another block (公开 in 新增公开行政许可0项) names none of the row's columns."""
    for subject in ctx.subjects:
        if subject.kind == "fact":
            continue
        block = index.row_blocks.get((subject.table, subject.id))
        if block is None or any(c.sum_of for c in block.columns):
            continue
        known = _block_columns(block)[0]
        if any(c.table == subject.table and c.id in known for c in ctx.columns):
            continue
        if len(block.columns) == 1 and block.columns[0].kind in {"amount", "money"}:
            continue  # 行政事业性收费2万元: an amount names the block's one money column
        return False
    return True


def candidate_keys(ctx: Context, index: Index) -> list[str]:
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
