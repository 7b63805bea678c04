"""The alias index: every name prose may use for a figure of one report, and the units it may carry.

Names come from the format definition (row, column and group labels and aliases) and from the report's
declared facts. A short alias not in its label (收到, 受理, 办结) is *weak*: it names a row of a table
only in a text about that table (its `prose_context`, 申请), so 受理网络问政182件 is not a request count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from report_copilot.checks.derived import column_phrase, references, row_phrase
from report_copilot.checks.exemptions import meta_names
from report_copilot.checks.lazy_refs import LazyReferences
from report_copilot.model.cells import Number
from report_copilot.model.formats import BlockDef, FormatDefinition
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase


@dataclass(frozen=True, slots=True)
class Concept:
    """What an alias names: a row (or row group), a column (or column group), or a fact."""

    kind: Literal["row", "col", "fact"]
    table: str
    id: str
    weak: bool = False


SUBJECT_KINDS = frozenset({"row", "fact"})
"""Concepts that name a figure on their own (a column needs a row to name a cell)."""


class Hit(NamedTuple):
    """An alias found in the text (a tuple: built for every alias occurrence, so kept cheap)."""

    start: int
    end: int
    concepts: tuple[Concept, ...]
    weak: bool = False


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
COUNT_UNITS = frozenset({"件", "条", "份", "次", "件次", "个", "项", "宗", "起", "例", "条次"})
"""Measure words of plain counts: 收到申请3条 quotes a 3件 cell with a loose word, not a wrong figure."""


@cache
def units_compatible(a: str | None, b: str) -> bool:
    """Whether a prose measure word can quote a figure kept in unit `b` (件 ≈ 起/宗; 个 ≈ 家)."""
    if a is None or a == b:
        return True
    if a in {"%", "个百分点", "倍", "元"} or b in {"%", "个百分点", "元", "万元"}:
        return a == b or {a, b} <= {"元", "万元"}
    return any(a in g and b in g for g in _UNIT_GROUPS)


_MULTIPLIER_UNITS = {"万": 10_000, "亿": 100_000_000, "千": 1000}


def base_value(ref: Reference) -> tuple[Decimal, str]:
    """A figure in the base unit the extractor uses: 0.5 万元 → 5000 元; 120 万人次 → 1200000 人次."""
    return _base_of(ref.value, ref.unit)


@cache
def _base_of(raw: Decimal | int, unit: str) -> tuple[Decimal, str]:
    value = Decimal(raw)
    if len(unit) > 1 and unit[0] in _MULTIPLIER_UNITS and unit != "万元" or unit in {"万元", "亿元", "千元"}:
        return value * _MULTIPLIER_UNITS[unit[0]], unit[1:]
    return value, unit


@dataclass
class Index:
    """Aliases of one report: its format's labels and aliases, and its facts."""

    pattern: re.Pattern[str]
    concepts: dict[str, tuple[Concept, ...]]
    row_blocks: dict[tuple[str, str], BlockDef]
    context_words: dict[str, tuple[str, ...]]
    refs: LazyReferences
    weak: frozenset[str] = frozenset()
    names: tuple[tuple[str, str], ...] = ()
    members: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    """Rows of each row group: 因保护第三方合法权益不予公开3件 names the row, not the group."""
    default_rows: dict[str, Concept] = field(default_factory=dict)
    """Per table with a prose context: the row a bare column means (自然人提出申请58件 → 本年新收)."""
    stretch_safe: bool = True
    """No name holds a sentence or clause delimiter (。！？；：, a line end): the hits of a whole text
    are then exactly those of each stretch between delimiters, found one stretch at a time."""
    _by_value: dict[tuple[Number, str], list[str]] | None = field(default=None, repr=False)
    _by_number: dict[Number, list[tuple[str, str]]] | None = field(default=None, repr=False)

    @property
    def by_value(self) -> dict[tuple[Number, str], list[str]]:
        """Keys of the cells and derived figures by (value, unit), in reference order: read only to
        explain a wrong or unsourced number, so built on first read, not for every report. A value
        is an int or a Decimal as the reference holds it (equal numbers hash alike: 72 is Decimal(72))."""
        if self._by_value is None:
            by_value: dict[tuple[Number, str], list[str]] = {}
            for key, value, unit in self.refs.items_of(("cell", "derived")):  # read unbuilt
                keys = by_value.get((value, unit))
                if keys is None:
                    by_value[(value, unit)] = [key]
                else:
                    keys.append(key)
            self._by_value = by_value
        return self._by_value

    def first_of_value(self, value: Decimal, unit: str) -> str | None:
        """The first cell or derived figure (in reference order) holding `value` in a unit a prose
        number in `unit` may quote: what an unsourced number may have meant."""
        if self._by_number is None:
            by_number: dict[Number, list[tuple[str, str]]] = {}
            for (v, u), keys in self.by_value.items():  # groups in reference order
                by_number.setdefault(v, []).append((u, keys[0]))
            self._by_number = by_number
        return next((k for u, k in self._by_number.get(value, ()) if units_compatible(unit, u)), None)

    def hits(self, text: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Every alias occurrence in text[start:end], longest name first at each place."""
        stop = len(text) if end is None else end
        return [
            Hit(m.start(), m.end(), self.concepts[g], g in self.weak)
            for m in self.pattern.finditer(text, start, stop)
            for g in (m.group(),)
        ]

    def usable(self, hit: Hit, around: str, section: str | None) -> tuple[Concept, ...]:
        """The hit's concepts, less weak aliases (收到, 办结) when the text around is not about their
        table (no 申请) and the text is not in that table's section."""
        if not hit.weak:
            return hit.concepts
        return tuple(
            c
            for c in hit.concepts
            if not c.weak
            or c.table == section
            or any(w in around for w in self.context_words.get(c.table, ()))
        )


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
                for name in {row_phrase(group), *group.aliases}:
                    # 公开率 names the share of applications granted only in a text about 申请
                    weak = bool(t.prose_context) and name not in group.label and len(name) <= 3
                    _add(table, [name], Concept("row", t.id, group.id, weak))
            for col in block.columns:
                _add(table, {column_phrase(col), *col.aliases}, Concept("col", t.id, col.id))
            for cgroup in block.column_groups:
                _add(table, {cgroup.label, *cgroup.aliases}, Concept("col", t.id, cgroup.id))
    groups = {(t.id, g.id) for t in fmt.tables for b in t.blocks for g in b.column_groups}
    for name, concepts in table.items():
        # 其他组织 names both the column 其他 and the group 法人或其他组织: the plain column is meant
        plain_cols = {(c.table, c.id) for c in concepts if c.kind == "col"}
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
    cache = private.get("_numbers")  # made by `references` when this is the report's first check
    extra: list[tuple[tuple[str, ...], Concept]] = [
        ((fact.label, *fact.aliases), Concept("fact", "", f"fact.{fact.id}")) for fact in report.facts
    ]
    extra += [((name,), Concept("fact", "", key)) for name, key in _FEE_ALIASES.items() if key in refs]
    pattern, concepts, weak, stretch_safe = _names(report.format, tuple(extra))
    shape = _shape(report.format)
    index = Index(
        pattern=pattern,
        concepts=concepts,
        row_blocks=shape.row_blocks,
        context_words=shape.context_words,
        refs=refs,
        weak=weak,
        names=exempt_names(report),
        members=shape.members,
        default_rows=shape.default_rows,
        stretch_safe=stretch_safe,
    )
    if isinstance(cache, dict):
        cache["index"] = index
    return index


_DELIMITERS = re.compile(r"[。！？!?；;：:\n]")
"""Where a stretch of prose ends (`checks.tabletext`): no format label holds one."""


@lru_cache(maxsize=256)
def _names(
    fmt: FormatDefinition, extra: tuple[tuple[tuple[str, ...], Concept], ...]
) -> tuple[re.Pattern[str], dict[str, tuple[Concept, ...]], frozenset[str], bool]:
    """The alias regex, concepts and weak names of a format plus a report's facts, and whether no name
    holds a delimiter: reports of one format mostly declare the same facts, so the regex is compiled
    once, not once per report."""
    fmt_aliases, _ = _format_aliases(fmt)
    table: dict[str, list[Concept]] = {k: list(v) for k, v in fmt_aliases.items()}
    for names, concept in extra:
        _add(table, names, concept)
    pattern = longest_first(table) if table else re.compile(r"(?!x)x")
    weak = frozenset(k for k, v in table.items() if any(c.weak for c in v))
    stretch_safe = not any(_DELIMITERS.search(k) for k in table)
    return pattern, {k: tuple(v) for k, v in table.items()}, weak, stretch_safe


_Trie = dict[str, "_Trie"]
"""Next character → the names going on from there ("" marks a name ending here)."""


def longest_first(names: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of `names`, the longest one at each place: the names as a trie (申请(?:人)?),
    which the regex engine walks one character at a time, where an alternation of ~160 names was
    tried name by name at every character of the prose (ten times slower, same matches)."""
    trie: _Trie = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here
    return re.compile(_trie_regex(trie))


def _trie_regex(node: _Trie) -> str:
    """Longer names first: a name that ends at a node is the fallback of the names going on."""
    branches = [re.escape(ch) + _trie_regex(sub) for ch, sub in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class _Shape:
    """The parts of an index that depend on the format alone."""

    row_blocks: dict[tuple[str, str], BlockDef]
    context_words: dict[str, tuple[str, ...]]
    members: dict[tuple[str, str], frozenset[str]]
    default_rows: dict[str, Concept]


@cache
def _shape(fmt: FormatDefinition) -> _Shape:
    return _Shape(
        row_blocks=_format_aliases(fmt)[1],
        context_words={t.id: t.prose_context for t in fmt.tables},
        members={
            (t.id, g.id): frozenset(b.group_rows(g))
            for t in fmt.tables
            for b in t.blocks
            for g in b.row_groups
        },
        default_rows={
            t.id: Concept("row", t.id, t.blocks[0].rows[0].id)
            for t in fmt.tables
            if t.prose_context and t.blocks and t.blocks[0].rows
        },
    )


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
