"""The six section headings of a report (format.md §2), and the text under each.

Headings are found in order; a section whose heading is missing is read from the previous found
heading to the next one, so a table can still be looked for there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from report_copilot.inputs.published.normalize import nfkc, norm_label, printed_headings, without_spaces
from report_copilot.inputs.published.textlines import joined
from report_copilot.model.draft import SECTION_HEADINGS

_SECTION_KEYWORDS: dict[str, tuple[str, ...]] = {
    "overview": ("总体情况", "概述", "基本情况", "总体"),
    "active": ("主动公开",),
    "requests": ("收到和处理", "依申请", "申请情况", "处理政府信息公开申请"),
    "appeals": ("复议", "诉讼"),
    "problems": ("问题", "改进"),
    "other": ("其他需要报告", "其他事项", "其他"),
}
_MARKUP = re.compile(r"^(?:#{1,6}|\*\*|__|\|)+|(?:\*\*|__|\|)+$")
_HEADING = re.compile(r"^([一二三四五六])\s*[、.．]\s*(\S.{0,60})$")
_MAYBE_HEADING = re.compile(r"[一二三四五六]\s*[、.．]")
"""What every heading holds before its spaces are removed: a cheap test that skips most lines."""
_MAYBE_HEADING_IN_TEXT = re.compile(r"[一二三四五六][^\S\n]*[、.．]")
"""`_MAYBE_HEADING` for `lines_matching` (no match across a line break)."""


def _headings(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    out = []
    for i, text in _maybe_headings(lines):
        compact = without_spaces(text)
        # Markdown from crawlers and OCR: "## 三、…", "**三、…**", "| 三、… |".
        if "#" in compact or "*" in compact or "_" in compact or "|" in compact:  # all `_MARKUP` holds
            compact = _MARKUP.sub("", compact)
        m = _HEADING.match(compact)
        if m:
            out.append((i, m))
    return out


def _maybe_headings(lines: list[str]) -> list[tuple[int, str]]:
    """(index, NFKC text) of the lines that hold `_MAYBE_HEADING`.

    NFKC and the search run once on the whole text: "\\n" is a normalisation boundary (nothing
    composes with it, nothing decomposes to it), so the normalised text splits into the normalised
    lines; the per-line path remains for lines that hold a "\\n" themselves.
    """
    text = joined(lines)
    if text is not None:
        text = nfkc(text)
        if text.count("\n") == len(lines) - 1:
            return _lines_with(_MAYBE_HEADING_IN_TEXT, text)
    normal = [nfkc(line) for line in lines]
    return [(i, line) for i, line in enumerate(normal) if _MAYBE_HEADING.search(line)]


def _lines_with(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    """(index, text) of the lines of `text` in which `pattern` (which never matches a "\\n") finds a
    match: `textlines.lines_matching`, with the line cut out of the text (the text is not split)."""
    out: list[tuple[int, str]] = []
    line = 0
    start = 0
    while (m := pattern.search(text, start)) is not None:
        line += text.count("\n", start, m.start())
        begin = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        out.append((line, text[begin:] if end < 0 else text[begin:end]))
        if end < 0:
            break
        start = end + 1
        line += 1
    return out


def find_sections(lines: list[str]) -> dict[str, int]:
    """Line index of each of the six section headings that can be found, in order.

    A heading in the official words counts for its section whatever its numeral (a report that
    numbers its own chapters first prints the statistics under renumbered headings); the others
    count by numeral and keyword where they keep the order of the sections.
    """
    keys = list(SECTION_HEADINGS)
    headings = _headings(lines)
    found = _official_headings(headings)
    for key, i in _numbered_headings(lines, headings).items():
        if key not in found and all((keys.index(k) < keys.index(key)) == (j < i) for k, j in found.items()):
            found[key] = i
    return dict(sorted(found.items(), key=lambda kv: kv[1]))


@lru_cache(maxsize=1024)
def _official_key(heading: str) -> str | None:
    """The section a heading's words (after its numeral) name in the official words, if any.

    A pure function of a heading's text, memoised: the official headings repeat in every report."""
    text = norm_label(heading)
    return next((k for k, forms in printed_headings().items() if text.startswith(forms)), None)


_ORDER = {key: n for n, key in enumerate(SECTION_HEADINGS)}
_KEY_OF_NUMERAL = dict(zip("一二三四五六", SECTION_HEADINGS, strict=True))


def _official_headings(headings: list[tuple[int, re.Match[str]]]) -> dict[str, int]:
    found: dict[str, int] = {}
    last = -1  # the order of the last section found: each one found comes after those before it
    for i, m in headings:
        key = _official_key(m.group(2))
        if key is None or key in found or last >= _ORDER[key]:
            continue
        found[key] = i
        last = _ORDER[key]
    return found


def _numbered_headings(lines: list[str], headings: list[tuple[int, re.Match[str]]]) -> dict[str, int]:
    found: dict[str, int] = {}
    position = -1
    last = -1  # the order of the last section found: each one found comes after those before it
    for i, m in headings:
        key = _KEY_OF_NUMERAL[m.group(1)]
        if key in found or i <= position:
            continue
        head = m.group(2) + (without_spaces(lines[i + 1]) if i + 1 < len(lines) else "")[:10]
        if any(word in head[:30] for word in _SECTION_KEYWORDS[key]) and len(m.group(2)) <= 40:
            # A later section's heading may not come before an earlier one.
            if last > _ORDER[key]:
                continue
            found[key] = i
            position = i
            last = _ORDER[key]
    return found


def table_region(lines: list[str], sections: dict[str, int]) -> str:
    keys = list(SECTION_HEADINGS)
    parts = [section_text(lines, sections, s, keys) for s in ("二", "三")]
    return "\n".join(parts)


def section_text(lines: list[str], sections: dict[str, int], numeral: str, keys: list[str]) -> str:
    """The text under one section heading (the whole text when headings were not found)."""
    key = keys["一二三四五六".index(numeral)]
    if key not in sections:
        # Without its heading, read from the previous found heading to the next one.
        before = [i for k, i in sections.items() if keys.index(k) < keys.index(key)]
        after = [i for k, i in sections.items() if keys.index(k) > keys.index(key)]
        start = max(before) if before else 0
        end = min(after) if after else len(lines)
        return "\n".join(lines[start:end])
    start = sections[key]
    later = [i for i in sections.values() if i > start]
    end = min(later) if later else len(lines)
    return "\n".join(lines[start + 1 : end])
