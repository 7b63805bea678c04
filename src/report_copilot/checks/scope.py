"""Whether the words around a prose number say it counts more, or less, than its table cell.

The tables of a report count one agency's information-disclosure cases. A sentence may count a wider
whole (行政复议120件，其中政府信息公开类4件) or one office's share (区政府办代表区政府受理申请17件 in a
district's report). Such a number still binds when it agrees with the cell; when it differs, the
difference is no certain error. The words are data (`formats/prose_scope.toml`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from report_copilot.checks.prose_scope import prose_scope

__all__ = ["scoped"]


@dataclass(frozen=True)
class _Words:
    wider: re.Pattern[str]
    actor: re.Pattern[str]
    suffixes: tuple[str, ...]
    self_prefixes: tuple[str, ...]
    ignored: re.Pattern[str]
    aggregate: re.Pattern[str]
    governments: tuple[str, ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]
    """(first form, other forms longest first) of `agency_names.toml`, in file order."""

    def normal(self, name: str) -> str:
        """A name with 人民 dropped and each synonym group reduced to its first form (监督管理局 → 监管局)."""
        name = self.ignored.sub("", name)
        for first, others in self.synonyms:
            for form in others:
                name = name.replace(form, first)
        return name


@lru_cache(maxsize=1024)
def _normal(name: str) -> str:
    """`_Words.normal` of the shipped words, memoised: a pure function of a short name, asked for the
    agency's names at every number of a report."""
    return _words().normal(name)


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _words() -> _Words:
    data = prose_scope()
    suffixes = tuple(sorted(data["actor_suffixes"], key=len, reverse=True))
    return _Words(
        wider=re.compile(
            f"(?:{_alternatives(data['part_markers'])})[^，,；;。]{{0,8}}?(?:{_alternatives(data['table_subjects'])})"
        ),
        actor=re.compile(f"(?:{_alternatives(list(suffixes))})(?={_alternatives(data['actor_followers'])})"),
        suffixes=suffixes,
        self_prefixes=tuple(data["self_prefixes"]),
        ignored=re.compile(_alternatives(data["ignored"]) or "(?!x)x"),
        aggregate=re.compile(_alternatives(data["aggregate_words"])),
        governments=tuple(data["government_suffixes"]),
        synonyms=_synonyms(),
    )


def _synonyms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The agency-name synonym groups shared with folder linking (`formats/agency_names.toml`)."""
    raw = resources.files("report_copilot").joinpath("formats", "agency_names.toml").read_text("utf-8")
    groups = tomllib.loads(raw).get("synonyms", [])
    return tuple(
        (
            g["forms"][0],
            tuple(sorted((f for f in g["forms"][1:] if f not in g["forms"][0]), key=len, reverse=True)),
        )
        for g in groups
        if g.get("forms")
    )


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+$")


def _is_self(name: str, suffix: str, agencies: list[str], words: _Words) -> bool:
    """Whether an actor name is the reporting agency or the whole it covers: a tail of it longer than
    its suffix is part of the agency's name (区政府 in 洪泽区人民政府, 市场监管局 in 市场监督管理局), or a
    self word stands right before the suffix (我局, 本委, 全区, 各乡镇)."""
    short = _normal(suffix)
    norm = _normal(name)
    if any(norm[i:] in a for a in agencies for i in range(len(norm) - len(short))):
        return True
    return any(
        name[i:].startswith(words.self_prefixes) and len(name) - i <= len(suffix) + 2
        for i in range(len(name) - len(suffix) + 1)
    )


def _other_actor(before: str, agencies: list[str], words: _Words) -> bool:
    for m in words.actor.finditer(before):
        run = _CJK_RUN.search(before, 0, m.end())
        name = run.group() if run else m.group()
        suffix = next(s for s in words.suffixes if name.endswith(s))
        if not _is_self(name, suffix, agencies, words):
            return True
    return False


def scoped(text: str, clause_start: int, start: int, end: int, sentence_end: int, agency: list[str]) -> bool:
    """Whether the number text[start:end] counts a wider whole (a part marker naming the tables' subject
    follows it in its sentence; every agency of an area, in a department's report) or another actor's
    share (named in its clause before it).

    `agency`: the reporting agency's names (full and short); without one, actors are not judged."""
    words = _words()
    if words.wider.search(text, end, sentence_end):
        return True
    names = [_normal(a) for a in agency if a]
    if not names:
        return False
    before = text[clause_start:start]
    if not names[0].endswith(words.governments) and words.aggregate.search(before):
        return True  # 全市各级行政机关 in a department's report: a wider whole
    return _other_actor(before, names, words)
