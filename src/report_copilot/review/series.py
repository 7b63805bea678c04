"""Which report in a folder is last year's report of the same agency.

An agency's name is printed differently from year to year (全称/简称, 管委会/管理局, 人民政府/政府)
and OCR slips in characters (沐阳/沭阳), so exact names link too few pairs. The rule, with its word
lists in `formats/agency_names.toml`, is symmetric and explainable: normalise both names, reduce
interchangeable forms, then accept equal names, a place prefix (福建省沙县… = 沙县…), or one listed
confusable character. A report whose name matches nothing falls back to its file-name series
(`yunxi-2023.html` → `yunxi-2024.txt`). A link is made only when exactly one candidate fits, so two
agencies are never joined by guesswork.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from report_copilot.model.script import has_cjk

__all__ = ["SeriesEntry", "agency_key", "link_previous", "same_agency", "series_key"]


@dataclass(frozen=True)
class _Names:
    place_suffixes: tuple[str, ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]  # (canonical, forms longest first)
    confusables: frozenset[frozenset[str]]


@cache
def _names() -> _Names:
    text = resources.files("report_copilot").joinpath("formats", "agency_names.toml").read_text("utf-8")
    data = tomllib.loads(text)
    groups = tuple(
        (forms[0], tuple(sorted(forms, key=len, reverse=True)))
        for forms in (g["forms"] for g in data.get("synonyms", []))
    )
    pairs = frozenset(frozenset(p) for p in data.get("confusables", []) if len(p) == 2)
    return _Names(tuple(data.get("place_suffixes", [])), groups, pairs)


_NOISE = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=4096)  # bounded: a folder of thousands of agencies must not grow it without end
def agency_key(name: str) -> str:
    """The name reduced to a comparable form: no spaces or punctuation, interchangeable forms unified."""
    text = _NOISE.sub("", unicodedata.normalize("NFKC", name or ""))
    for canonical, forms in _names().synonyms:
        for form in forms:
            if form != canonical:
                text = text.replace(form, canonical)
    return text


def _place_prefix(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` under a higher-level place name (福建省 + 沙县政府)."""
    if len(shorter) < 3 or not longer.endswith(shorter) or longer == shorter:
        return False
    head = longer[: -len(shorter)]
    return head.endswith(_names().place_suffixes)


def _one_confusable(a: str, b: str) -> bool:
    if len(a) != len(b) or len(a) < 4:
        return False
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diffs) == 1 and frozenset(diffs[0]) in _names().confusables


def same_agency(a: str, b: str) -> bool:
    """Whether two printed names are one agency under the rule above."""
    ka, kb = agency_key(a), agency_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    return _place_prefix(ka, kb) or _place_prefix(kb, ka) or _one_confusable(ka, kb)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def series_key(file_name: str) -> str:
    """The file name without its extension and year (`yunxi-2023.html` → `yunxi`); '' if nothing is left."""
    stem = unicodedata.normalize("NFKC", file_name).rsplit(".", 1)[0].lower()
    stem = _YEAR.sub("", stem)
    stem = re.sub(r"年度?", "", stem) if has_cjk(stem) else stem
    return _NOISE.sub("", stem)


@dataclass(frozen=True)
class SeriesEntry:
    """What linking needs to know of one report: its file name, agency and year."""

    name: str
    agency: str
    year: int


def _unique(indices: list[int]) -> int | None:
    return indices[0] if len(indices) == 1 else None


def link_previous(entries: list[SeriesEntry]) -> dict[int, int]:
    """For each entry (by index), the index of last year's report of the same agency, where certain.

    Tried in order, each only when the one before found nothing: the same reduced name (several
    copies of one report: the one of the same file-name series, else the first); the same agency
    by the fuzzy rule, if exactly one; the same file-name series, if exactly one and not already
    linked by name to another report (a generic file name never takes another agency's report).
    """
    by_year: dict[int, list[int]] = {}
    by_key: dict[tuple[int, str], list[int]] = {}  # each name reduced once: a folder is not read n² times
    keys = [agency_key(entry.agency) for entry in entries]
    for i, entry in enumerate(entries):
        by_year.setdefault(entry.year, []).append(i)
        by_key.setdefault((entry.year, keys[i]), []).append(i)
    links: dict[int, int] = {}
    unnamed: list[int] = []
    for i, entry in enumerate(entries):
        previous_year = entry.year - 1
        exact = by_key.get((previous_year, keys[i]), [])
        found = _by_name(entries, i, exact, by_year.get(previous_year, []))
        if found is not None:
            links[i] = found
        else:
            unnamed.append(i)
    taken = set(links.values())
    for i in unnamed:
        series = series_key(entries[i].name)
        if not series:
            continue
        candidates = [
            j
            for j in by_year.get(entries[i].year - 1, [])
            if j not in taken and series_key(entries[j].name) == series
        ]
        found = _unique(candidates)
        if found is not None:
            links[i] = found
    return links


def _by_name(entries: list[SeriesEntry], i: int, exact: list[int], candidates: list[int]) -> int | None:
    """Among last year's `candidates`, the report of the same reduced name (`exact`, in file order),
    else the one of the same agency by the fuzzy rule."""
    entry = entries[i]
    if exact:
        series = series_key(entry.name)
        same_series = [j for j in exact if series and series_key(entries[j].name) == series]
        return (same_series or exact)[0]
    return _unique([j for j in candidates if same_agency(entries[j].agency, entry.agency)])
