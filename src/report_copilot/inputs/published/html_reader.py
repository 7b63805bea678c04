"""A web page → lines of text, in one linear pass, with bounds on size and nesting.

The page is streamed through lxml's HTML parser with a target (libxml2, no tree is built): text is
written out as it comes, a block element or `<br>` starts a new line, and each table's cells are
collected beside the text. When a table closes and held no other table (a data table; outer
tables are page layout), the text it wrote is replaced by one `row_line` per row (`table_lines`:
a row of values the agency left all empty under the header stays a row of blank cells). Every step is
constant work per tag or character, so a hostile page costs time in proportion to its size; a page
over `MAX_HTML_CHARS`, with more than `MAX_ELEMENTS` elements or nested deeper than `MAX_DEPTH`
is refused with a Chinese message.

Crawlers often store a page as a JSON or JavaScript string (`<td colspan=\\"3\\">`); such escaped
markup is unescaped first.
"""

from __future__ import annotations

import re
import sys
import types
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from report_copilot.errors import InputError
from report_copilot.inputs.limits import LIMITS
from report_copilot.inputs.published.rows import table_lines

MAX_HTML_CHARS = LIMITS.html_chars
MAX_ELEMENTS = LIMITS.html_elements
MAX_DEPTH = LIMITS.html_depth

_BLOCK = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li section article tr table blockquote pre center title ul ol dl dt dd".split()
)
_SKIP = frozenset("script style noscript nav header footer select button template del".split())
"""Never the report's text: scripts, page furniture, and text deleted in a revision (Word saves its tracked
deletions as <del>: 收到申请<del>70</del><ins>72</ins>件 reads 72)."""
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_IMPLIED = frozenset("p li dt dd option td th tr thead tbody tfoot".split())
"""Elements whose end tag pages often leave out; they are not kept on the nesting stack."""


@dataclass
class _Table:
    start: int
    """Index in the output where this table's text begins."""
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)
    """Each row's width in grid columns (its cells' colspans added)."""
    cell: list[str] | None = None
    nested: bool = False

    def open_row(self) -> None:
        self.close_cell()
        self.rows.append([])
        self.widths.append(0)

    def open_cell(self, colspan: int) -> None:
        self.close_cell()
        if not self.rows:
            self.open_row()
        self.widths[-1] += colspan
        self.cell = []

    def close_cell(self) -> None:
        if self.cell is not None and self.rows:
            # Inline pieces join as they are: Word splits "12" into <span>1</span><span>2</span>.
            self.rows[-1].append(" ".join("".join(self.cell).split()))
        self.cell = None


class _Reader:
    """An lxml parser target: libxml2 calls `start`, `end` and `data` as it reads the page."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[str] = []
        self.tables: list[_Table] = []
        self.skip = 0
        self.elements = 0

    def start(self, tag: str, attrib: object) -> None:
        if not isinstance(tag, str):  # a comment or processing instruction
            return
        tag = tag.lower()
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise InputError(
                f"网页的元素超过 {MAX_ELEMENTS} 个，不像单篇年度报告，已停止读取",
                location="html",
            )
        if tag == "br":
            if not self.skip:
                self._break()
            return
        if tag in _SKIP:
            self.skip += 1
        elif tag not in _VOID and tag not in _IMPLIED:
            self.stack.append(tag)
            if len(self.stack) > MAX_DEPTH:
                raise InputError(
                    f"网页的元素嵌套超过 {MAX_DEPTH} 层，不像正常发布的报告页面，已停止读取",
                    location="html",
                )
        if self.skip:
            return
        if tag == "table":
            if self.tables:
                self.tables[-1].nested = True
                self.tables[-1].close_cell()
            self.out.append("\n")
            self.tables.append(_Table(len(self.out)))
        elif self.tables and tag == "tr":
            self.tables[-1].open_row()
        elif self.tables and tag in {"td", "th"}:
            self.tables[-1].open_cell(_colspan(attrib))
        if tag in _BLOCK:
            self._break()

    def _break(self) -> None:
        """A line break in the text; inside a cell, a space between its paragraphs."""
        self.out.append("\n")
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(" ")

    def end(self, tag: str) -> None:
        if not isinstance(tag, str):
            return
        tag = tag.lower()
        if tag == "br":
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.stack:
            # Pop to the matching element: tags left open inside it close with it.
            while self.stack and self.stack.pop() != tag:
                pass
        if self.skip:
            return
        if tag == "table" and self.tables:
            self._close_table()
        elif tag in {"td", "th"} and self.tables:
            self.tables[-1].close_cell()
        if tag in _BLOCK:
            self._break()

    def data(self, data: str) -> None:
        if self.skip:
            return
        self.out.append(data)
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)

    def _close_table(self) -> None:
        table = self.tables.pop()
        table.close_cell()
        if table.nested:
            self.out.append("\n")
            return
        lines = table_lines(table.rows, table.widths)
        del self.out[table.start :]
        self.out.append("\n" + "\n".join(lines) + "\n")
        if self.tables and self.tables[-1].cell is not None:
            # A data table inside a layout cell: its rows are not that cell's text.
            self.tables[-1].cell.clear()

    def close(self) -> list[str]:
        while self.tables:
            self._close_table()
        text = "".join(self.out)
        return [line.replace("\xa0", " ") for line in text.splitlines()]


def _colspan(attrib: object) -> int:
    """A cell's `colspan` (1 when absent or not a small positive number)."""
    value = attrib.get("colspan") if isinstance(attrib, Mapping) else None
    text = str(value or "").strip().strip("'\"")
    return int(text) if text.isdigit() and 0 < int(text) <= 1000 else 1


_ESCAPED_MARKUP = re.compile(r"<[a-zA-Z][^<>]{0,200}=\\\"")


def unescape_markup(text: str) -> str:
    """Markup stored inside a JSON or JavaScript string (`<td colspan=\\"3\\">`), unescaped."""
    if not _ESCAPED_MARKUP.search(text):
        return text
    return text.replace('\\"', '"').replace("\\/", "/").replace("\\n", "\n").replace("\\t", "\t")


class _SoupSieveOnUse(types.ModuleType):
    """Stands for the `soupsieve` module in bs4's CSS integration until a selector is used: the
    first attribute asked for imports the real module and hands bs4 that module from then on."""

    def __getattr__(self, name: str) -> Any:
        import bs4.css
        import soupsieve

        bs4.css.soupsieve = soupsieve
        return getattr(soupsieve, name)


def _load_bs4_without_soupsieve() -> None:
    """Import bs4 without importing its CSS-selector library, Soup Sieve, yet.

    Importing `bs4.dammit` runs bs4's package init, which imports soupsieve, whose import compiles
    large Unicode regexes: some 80 ms, as much as reading a dozen reports. The reader needs only
    UnicodeDammit (decoding). While bs4 is first imported, `import soupsieve` fails as if it were not
    installed (bs4 then warns; the warning is silenced), and bs4 is given a stand-in that imports it
    on first use, so CSS selectors (`Tag.select`) work as before for any other user of bs4.
    """
    if "bs4" in sys.modules or "soupsieve" in sys.modules:
        return
    sys.modules["soupsieve"] = None  # type: ignore[assignment]  # `import soupsieve` raises ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import bs4.css
    except ImportError:
        return  # another bs4 layout: UnicodeDammit is imported the plain way below
    finally:
        del sys.modules["soupsieve"]
    if getattr(bs4.css, "soupsieve", False) is None:
        bs4.css.soupsieve = _SoupSieveOnUse("soupsieve")


def decode_html(raw: bytes) -> str:
    """The page's text in its declared or detected encoding (bs4's UnicodeDammit, linear)."""
    _load_bs4_without_soupsieve()
    from bs4.dammit import UnicodeDammit

    text = UnicodeDammit(raw, is_html=True).unicode_markup
    return text or raw.decode("utf-8", errors="replace")


def html_lines(raw: bytes | str) -> list[str]:
    """A web page as lines: one per block element, one per table row (label cells, then values)."""
    if len(raw) > MAX_HTML_CHARS:
        raise InputError(
            f"网页文件过大（超过 {MAX_HTML_CHARS // 1_000_000} MB），不像单篇年度报告，已停止读取",
            location="html",
        )
    from lxml import etree

    text = raw if isinstance(raw, str) else decode_html(raw)
    reader = _Reader()
    parser = etree.HTMLParser(target=reader, no_network=True, remove_comments=True, remove_pis=True)
    parser.feed(unescape_markup(text))
    lines: list[str] = parser.close()
    return lines
