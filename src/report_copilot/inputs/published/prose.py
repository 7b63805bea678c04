"""The report's prose as a Draft: paragraphs rebuilt from broken lines, under the section headings.

PDF text breaks lines inside paragraphs (soft breaks, joined here); web pages and Word files break
only between them (hard breaks, kept). Table lines are dropped from the table sections, and the
subsection headings of 总体情况 become level-2 headings.
"""

from __future__ import annotations

import re

from report_copilot.inputs.published.normalize import prose_spacing_lines
from report_copilot.model.draft import OVERVIEW_SUBSECTIONS, SECTION_HEADINGS, Draft


def _paragraphs(spaced: list[str], hard_breaks: bool, rows: bool = False) -> list[str]:
    """Rebuild paragraphs from lines (`prose_spacing` done): soft line breaks (PDF) are joined, hard
    ones (HTML) kept.

    A soft-broken paragraph ends before a line that starts a block ("（一）", "二、"), and after a
    line shorter than a full line that ends a sentence or is a heading of its own; only lines that
    start or end with such a character can do either, so only those are looked at. In a table
    section (`rows`), it also ends after a table row (figures apart, or a cell border, at the line's
    end) and after a margin character (a group label printed down the side of a PDF table, a
    character a line): a sentence printed under the table is not run into its last rows (and
    dropped with them).
    """
    texts = [t for t in spaced if t]
    if hard_breaks:
        return texts
    lengths = sorted(n for n in map(len, texts) if n > 8)
    typical = lengths[int(len(lengths) * 0.8)] if lengths else 30
    ending_limit, heading_limit = typical * 0.9, typical * 0.8
    out: list[str] = []
    start = 0  # the current paragraph is texts[start:i]
    row_last = _ROW_LAST if rows else frozenset()
    looked_at = [
        i
        for i, t in enumerate(texts)
        if t[0] in _BLOCK_FIRST or t[-1] in _ENDING_LAST or t[-1] in row_last or (rows and len(t) <= 2)
    ]
    for i in looked_at:
        line = texts[i]
        block = _starts_block(line)
        if block and i > start:
            out.append("".join(texts[start:i]))
            start = i
        table_text = line[-1] in row_last and _ROW_END.search(line) is not None
        if table_text or (rows and len(line) <= 2 and line[-1] not in _ENDING_LAST):
            out.append("".join(texts[start : i + 1]))
            start = i + 1
            continue
        size = len(line)
        ends = line[-1] in "。！？；：:" or line.endswith(("。”", "。）", "！”"))
        if (ends and size < ending_limit) or (
            block and size <= 30 and size < heading_limit and line[-1] not in "，、；"
        ):
            out.append("".join(texts[start : i + 1]))
            start = i + 1
    if start < len(texts):
        out.append("".join(texts[start:]))
    return out


_BLOCK_START = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")
_BLOCK_FIRST = frozenset("（(一二三四五六七八九十")
"""The characters a `_BLOCK_START` match begins with: a cheap test that skips most lines."""
_ENDING_LAST = frozenset("。！？；：:”）")
"""The last characters of a line that ends a sentence."""
_ROW_END = re.compile(r"(?:\d[ \t\u3000]+\d+|[|｜])[ \t\u3000]*$")
"""The end of a table row: two figures apart, or a cell border."""
_ROW_LAST = frozenset("0123456789|｜ \t\u3000")


def _starts_block(text: str) -> bool:
    return text[:1] in _BLOCK_FIRST and _BLOCK_START.match(text) is not None


def _subsection_key(heading: str) -> str:
    for key, label in OVERVIEW_SUBSECTIONS.items():
        if heading.startswith(label):
            return key
    words = {
        "overview.active_disclosure": ("主动公开",),
        "overview.on_request": ("依申请",),
        "overview.information_management": ("信息管理", "管理"),
        "overview.platforms": ("平台",),
        "overview.oversight": ("监督", "保障", "考核"),
    }
    for key, options in words.items():
        if any(w in heading for w in options):
            return key
    return "overview"


def _table_like(paragraph: str) -> bool:
    """A line of a table (labels and bare numbers) rather than a sentence."""
    if "。" in paragraph:
        return False
    return True


_CLAUSE_MARK = re.compile("[，,；;、]")
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?=注[:：])")
_YEAR_START = re.compile(r"(?:19|20)\d{2}年")
_BARE_NUMBER = re.compile(
    r"(?<![\d第.])\d+(?![\d.]|\s*[件条个次人项篇家份期场名户万亿千百%％‰年月日号天岁倍批台套所起例元])"
)


def _without_table_text(paragraph: str, *, header_words: bool = True) -> str:
    """A paragraph of a table section without the table flattened into it.

    One-line crawls run a section's sentence and its table together ("…共收到申请0条。（本列数据的勾
    稽关系为…）申请人情况…3000003…"): a stretch with bare numbers (no measure word after them) that
    does not end a sentence, or one with four or more of them, is the table, not prose; so is a
    stretch of words with no punctuation that ends no sentence (the table's header). A sentence
    run into the table's end starts at its year ("…继续办理 0 0 2023年，共收到…", the digits glued
    or not, a margin label's characters between).
    """
    kept = []
    for chunk in _SENTENCE_END.split(paragraph):
        bare = _BARE_NUMBER.findall(chunk)
        ended = chunk.rstrip().endswith(("。", "！", "？"))
        words = header_words and not ended and not _CLAUSE_MARK.search(chunk)
        if bare and ended and len(bare) >= 4:
            kept.append(_sentence_after_table(chunk))  # the table, then perhaps a sentence
            continue
        if (bare and not ended) or words:
            continue  # the table, or the words of its header
        kept.append(chunk)
    return "".join(kept).strip()


def _sentence_after_table(chunk: str) -> str:
    """The sentence run into the end of a table's text: from the first year ("2023年") after the
    table's last bare number, when there is one; else nothing."""
    end = max((m.end() for m in _BARE_NUMBER.finditer(chunk)), default=0)
    year = _YEAR_START.search(chunk, end)
    return chunk[year.start() :] if year else ""


_TABLE_SECTIONS = frozenset({"active", "requests", "appeals"})


def _bounds(sections: dict[str, int], title_end: int, count: int) -> list[tuple[str, int, int]]:
    """(section, first line, end) of the preface and of each section found, in order."""
    order = sorted(sections.items(), key=lambda kv: kv[1])
    bounds = [("preface", title_end, order[0][1] if order else count)]
    for n, (key, start) in enumerate(order):
        bounds.append((key, start, order[n + 1][1] if n + 1 < len(order) else count))
    return bounds


def _spaced(lines: list[str], unread: list[tuple[int, int]]) -> list[str]:
    """`prose_spacing_lines` of the lines, except in the ranges `unread` (the draft never reads
    them; they keep their text): spacing is line by line, so the rest is spaced as a whole would be."""
    out = list(lines)
    start = 0
    for a, b in [*sorted((a, b) for a, b in unread if a < b), (len(lines), len(lines))]:
        if a > start:
            out[start:a] = prose_spacing_lines(lines[start:a])
        start = max(start, b)
    return out


def build_draft(
    title: str, lines: list[str], sections: dict[str, int], hard_breaks: bool, title_end: int
) -> Draft:
    # The blocks as plain fields, validated at once with the draft: one call into pydantic-core instead
    # of a model built per block (the same models, the same fields set).
    blocks: list[dict[str, str | int]] = []
    if title:
        blocks.append({"kind": "title", "text": title, "section": "preface"})
    bounds = _bounds(sections, title_end, len(lines))
    # A table section without a full stop holds only its table: every paragraph of it would be
    # dropped as `_table_like`, so its lines are neither spaced nor cut into paragraphs.
    tables_only = [
        (start + 1, end)
        for key, start, end in bounds
        if key in _TABLE_SECTIONS and "。" not in "".join(lines[start + 1 : end])
    ]
    spaced = _spaced(lines, tables_only)
    for key, start, end in bounds:
        body = spaced[start:end]
        if key != "preface":
            heading = body[0] if body else SECTION_HEADINGS[key]
            blocks.append({"kind": "heading", "text": heading, "level": 1, "section": key})
            body = body[1:]
        section = key
        table_section = key in _TABLE_SECTIONS
        if table_section:
            blocks.append({"kind": "table", "text": key, "section": key})
            if (start + 1, end) in tables_only:
                continue
        for paragraph in _paragraphs(body, hard_breaks, rows=table_section):
            if table_section and _table_like(paragraph):
                continue
            if table_section or key == "preface":
                # Before the first heading, a table may stand where headings were lost; titles stay.
                paragraph = _without_table_text(paragraph, header_words=table_section)
            if not paragraph:
                continue
            if key == "overview" and _starts_block(paragraph) and paragraph.startswith(("（", "(")):
                head, sep, rest = paragraph.partition("。")
                if len(paragraph) <= 30 and not sep:
                    section = _subsection_key(_strip_ordinal(paragraph))
                    blocks.append({"kind": "heading", "text": paragraph, "level": 2, "section": section})
                    continue
                if sep and len(head) <= 20 and not _DIGIT.search(head):
                    section = _subsection_key(_strip_ordinal(head))
                    blocks.append({"kind": "heading", "text": head, "level": 2, "section": section})
                    if rest:
                        blocks.append({"kind": "paragraph", "text": rest, "section": section})
                    continue
            blocks.append({"kind": "paragraph", "text": paragraph, "section": section})
    return Draft.model_validate({"title": title, "blocks": blocks})


_DIGIT = re.compile(r"\d")
_PAREN_ORDINAL = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def _strip_ordinal(text: str) -> str:
    return _PAREN_ORDINAL.sub("", text)


_QUOTED = re.compile(r"[“\"「]([^”\"」]{1,20})[”\"」]")
_DATE_WORD = re.compile("[年月日号]")


def proper_names(text: str) -> list[str]:
    """Quoted names containing digits (a platform called “331”): not statistics (format.md §8)."""
    names: list[str] = []
    for m in _QUOTED.finditer(text):
        name = m.group(1).strip()
        if _DIGIT.search(name) and len(name) <= 10 and not _DATE_WORD.search(name) and name not in names:
            names.append(name)
    return names
