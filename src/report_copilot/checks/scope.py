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
from functools import cache
from importlib import resources

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


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _words() -> _Words:
    raw = resources.files("report_copilot").joinpath("formats", "prose_scope.toml").read_text("utf-8")
    data = tomllib.loads(raw)
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
    )


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+$")


def _is_self(name: str, suffix: str, agencies: list[str], words: _Words) -> bool:
    """Whether an actor name is the reporting agency (part of its name) or the whole it covers."""
    name = words.ignored.sub("", name)
    for i in range(len(name) - len(suffix) + 1):
        tail = name[i:]
        if any(tail in a for a in agencies):
            return True
        if tail.startswith(words.self_prefixes) and len(tail) <= len(suffix) + 2:
            return True
    return False


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
    names = [words.ignored.sub("", a) for a in agency if a]
    if not names:
        return False
    before = text[clause_start:start]
    if not names[0].endswith(words.governments) and words.aggregate.search(before):
        return True  # 全市各级行政机关 in a department's report: a wider whole
    return _other_actor(before, names, words)
