"""Text made comparable: characters, punctuation and labels normalised, page chrome dropped.

Published tables print the official labels with stray whitespace, quotes, ordinals and notes,
and titles and prose use full-width or Chinese digits; these helpers reduce a label to what must
match (`label_core`), prose to the spacing a Draft keeps (`prose_spacing`), and blank out page numbers
and web-site chrome before anything is read (`clean_lines`).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from report_copilot.inputs.published.crawl import (
    CHROME_HINTS,
    CRAWLER_FIELD_STARTS,
    LONG_LINE,
    TITLE_FIELD_WORD,
    is_chrome_line,
    split_crawl_line,
    unlabel_title,
)
from report_copilot.inputs.published.textlines import has_wide_digit, joined, lines_matching, lines_starting

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_NOTE = re.compile(r"\((?![^()]*\d[.、]\D)[^()]{4,}\)")
"""A note in brackets; never one holding a row's ordinal ("(8.属于…1.本机关…"): that "(" is a group
label's character printed down a PDF table's margin between rows, not the start of a note."""
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+|^\s*\*\*(?=.*\*\*\s*$)|\*\*\s*$")
"""Markdown heading marks and a line in bold, as crawlers and OCR tools write the report's headings."""
_OPEN_NOTE = re.compile(r"\((?<=.\()(?![^()]*\d[.、]\D)[^()]{4,}$")
"""A note left open at the end: a "(" not first on its line, then no bracket to the end. Written with
the "(" first (the lookbehind checks the character before it) so the engine scans for "(" quickly:
with the lookbehind first, the engine tried it at every character of the text (a test compares the two)."""
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、])")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
CJK = re.compile(r"[\u3400-\u9fff]")
_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")
_SPACE_NEXT_TO_CJK = re.compile(r" (?:(?<=[^\x00-\x7f] )|(?=[^\x00-\x7f]))")
"""`_SPACE_BY_CJK` with the space first: the regex engine scans for a leading literal quickly."""
_ODD_SPACE = re.compile(r"[^\S \n]")
"""Whitespace other than a space or a line break."""
_CLEANING_WORDS = re.compile("#|\\*\\*|" + TITLE_FIELD_WORD + "|" + CHROME_HINTS)
"""What a line holds anywhere when `_clean_line` may change it: a markup mark, a crawler's title
field, a chrome word (a necessary condition only)."""
_CLEANING_STARTS = re.compile(
    r"\n[^\S\n]*(?=[发文栏原本索主成页=\d\-—–－第])"  # the first characters of what follows
    r"(?:" + CRAWLER_FIELD_STARTS + r"|(?:[^\S\n]|[\d\-—–－第页共,，/])+(?![^\n]))"
)
"""How a line starts when `_clean_line` may change it: a crawler's field; or it is all made of
the characters of a page number (see `_PAGE_NUMBER`). For `lines_starting`."""


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, computed faster.

    NFKC is by definition compatibility decomposition then canonical composition (UAX #15), that
    is NFC of NFKD; CPython's NFKC composes far more slowly (8 µs for "（一）予以公开", 0.85 ms for a
    report's text) than its NFKD and NFC do together (1.5 µs, 0.07 ms). Text already in NFKC, as
    most labels are, is returned after the quick check.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text))


def without_spaces(text: str) -> str:
    """`"".join(text.split())`, that is `re.sub(r"\\s+", "", text)` (`str.split` and `\\s` agree on what
    whitespace is), computed faster where the only whitespace is spaces and line breaks (most text):
    every other whitespace character is unprintable (true of every code point), so a printable text
    without those two has none."""
    bare = text.replace(" ", "").replace("\n", "")
    return bare if bare.isprintable() else "".join(bare.split())


def norm_label(text: str) -> str:
    """Text for label matching: NFKC, no whitespace, no quotes, no explanatory notes."""
    text = without_spaces(nfkc(text))
    text = _QUOTES.sub("", text)
    if "(" not in text:  # every note starts with one
        return text
    previous = None
    while previous != text:
        previous, text = text, _NOTE.sub("", text)
    # A note cut off where a PDF wrapped the label ("部分公开（区分处理的，" | "只计这一情形…）").
    return _OPEN_NOTE.sub("", text)


@lru_cache(maxsize=4096)
def label_core(label: str) -> str:
    """A row label without its ordinal ("（一）", "1.") and notes: what must appear in the source."""
    text = norm_label(label)
    previous = None
    while previous != text:
        previous, text = text, _ORDINAL.sub("", text)
    return text.rstrip(":：")


@cache
def printed_variants() -> dict[str, dict[str, tuple[str, ...]]]:
    """Labels as published tables print them (formats/printed_labels.toml): rows and columns."""
    text = resources.files("report_copilot").joinpath("formats", "printed_labels.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {
        part: {label_core(k): tuple(label_core(v) for v in vs) for k, vs in data.get(part, {}).items()}
        for part in ("rows", "columns")
    }


@cache
def printed_headings() -> dict[str, tuple[str, ...]]:
    """Section headings as reports print them, without numerals (formats/printed_labels.toml)."""
    text = resources.files("report_copilot").joinpath("formats", "printed_labels.toml").read_text("utf-8")
    data = tomllib.loads(text).get("headings", {})
    return {key: tuple(norm_label(v) for v in forms) for key, forms in data.items()}


def prose_spacing(text: str) -> str:
    """Drop the spaces PDF extraction puts around CJK text ("专职人员 2 人" → "专职人员2人")."""
    # str.split() and `\s` agree on what whitespace is (both ask str.isspace): runs → one space.
    text = " ".join(text.translate(_FULLWIDTH_DIGITS).split())
    return _SPACE_BY_CJK.sub("", text) if " " in text and not text.isascii() else text


def prose_spacing_lines(lines: list[str]) -> list[str]:
    """`prose_spacing` of every line, the per-line steps that need a regex done on the whole text."""
    text = joined(lines)
    if text is None:
        return [prose_spacing(line) for line in lines]
    if has_wide_digit(text):  # translating costs more than looking
        text = text.translate(_FULLWIDTH_DIGITS)
    if not _even_spaces(text):
        text = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    # No line starts or ends with a space now: every space's neighbours are in its own line.
    return _SPACE_NEXT_TO_CJK.sub("", text).split("\n")


def _even_spaces(text: str) -> bool:
    """No line of `text` has whitespace that `" ".join(line.split())` changes: none at its ends,
    no other whitespace than single spaces (most web and Word text)."""
    uneven = "  " in text or "\n " in text or " \n" in text or text[:1] == " " or text[-1:] == " "
    return not uneven and _ODD_SPACE.search(text) is None


def clean_lines(lines: list[str]) -> list[str]:
    """Page numbers and chrome lines blanked; a one-line crawl cut into lines first (see `crawl`).

    Most lines need none of it: two scans of the whole text find the lines that might (a necessary
    condition), and only those go through `_clean_line`; the others are kept as they are.
    """
    text = joined(lines)
    if text is None:
        return [part for raw in lines for part in _clean_line(raw)]
    stripped = list(map(str.rstrip, text.replace("\u3000", " ").replace("\xa0", " ").split("\n")))
    text = "\n".join(stripped)
    suspects = {*lines_matching(_CLEANING_WORDS, text), *lines_starting(_CLEANING_STARTS, text)}
    if max(map(len, stripped)) > LONG_LINE:
        suspects.update(i for i, line in enumerate(stripped) if len(line) > LONG_LINE)
    out: list[str] = []
    done = 0
    for i in sorted(suspects):
        out += stripped[done:i]
        out += _clean_line(stripped[i])
        done = i + 1
    out += stripped[done:]
    return out


def _clean_line(raw: str) -> list[str]:
    """One line cleaned: several when it is a one-line crawl, blank when it is chrome."""
    raw = raw.replace("\u3000", " ").replace("\xa0", " ").rstrip()
    parts = split_crawl_line(raw) if len(raw) > LONG_LINE else [raw]
    out = []
    for line in parts:
        if "#" in line or "**" in line:  # every markup mark holds one of them
            line = _MARKDOWN_HEADING.sub("", line)
        line = unlabel_title(line)
        out.append("" if _PAGE_NUMBER.match(line) or is_chrome_line(line) else line)
    return out
