"""The importer's whole-text fast paths give exactly what the per-line steps give (issue 10, speed).

Cleaning, spacing and heading search run once over a report's text instead of once per line; NFKC is
computed as NFC of NFKD; a title is matched at the start instead of searched. Each is checked here
against the per-line or plain form on crafted texts in the forms real reports take: one-line crawls
with site chrome, `pdftotext -layout` pages, full-width digits and punctuation, Markdown from
crawlers and OCR, page numbers, crawler metadata, and a Word paragraph holding a line break.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from report_copilot.inputs.published import meta, normalize, prose, sections
from report_copilot.inputs.published.importer import _data
from report_copilot.inputs.published.textlines import joined, lines_matching, lines_starting
from report_copilot.model.formats import load_format
from tests.review.real_forms import CHROME_TAIL, DIALECTS, one_line, report_text, zero_data

HEAD = ["  某某县审计局 ２０２０ 年政府信息公开工作年度报告  ", "发布时间：2021-01-15 浏览次数：35"]
PROSE = {
    "一": [
        "2020年，某某县审计局认真贯彻《条例》，由办公室承办单位信息公开日常工作，网站总访问量达3782565次。",
        "（一）主动公开",
        "全年主动公开信息　１２３　条，\t其中“12345”热线 2 件。",
    ],
    "五": ["### 五、存在的主要问题及改进情况", "**一是公开内容不够全面。**"],
    "六": ["无。", "- 3 -", "第 2 页 共 5 页", "3 / 12", "标题：附件一", "=== 正文 ===", "微信 微博"],
}
ODD_LINES = [
    "",
    "   ",
    "\u3000\u3000一、总体情况\xa0",
    "三．收到和处理政府信息公开申请情况",
    "⼆、主动公开政府信息情况",  # a Kangxi radical where 二 belongs
    "四 、 政府信息公开行政复议",
    "\u0301五、存在的问题",  # a combining mark at a line's start
    "ａｂｃ　１２３  ｘ",
    "第1页",
    "--12--",
    "当前位置：首页 › 政务公开",
    "版权所有：某某县人民政府",
    "主办单位：某某县人民政府办公室  技术支持：某某公司",
    "网站总访问量达 3782565 次，由办公室承办",
    "a  b\tc ",
    "Page 8 of 12",
    "x" * 301,
    "一、" + "总体情况 " * 80,
]


def _reports() -> list[list[str]]:
    """Crafted reports in every table dialect, each also as a one-line crawl, plus odd lines."""
    data = zero_data(2020, "某某县审计局")
    texts = [report_text(data, dialect, head=HEAD, prose=PROSE) for dialect in DIALECTS]
    texts += [one_line(text) for text in texts]
    texts.append("\n".join(ODD_LINES))
    return [text.splitlines() for text in texts]


REPORTS = _reports()


def _per_line_clean(lines: list[str]) -> list[str]:
    return [part for raw in lines for part in normalize._clean_line(raw)]


@pytest.mark.parametrize("lines", REPORTS)
def test_clean_lines_is_the_per_line_cleaning(lines: list[str]) -> None:
    assert normalize.clean_lines(lines) == _per_line_clean(lines)


def test_clean_lines_still_removes_chrome_and_page_numbers() -> None:
    """The fast path must not skip a line that needed cleaning (a guard for the pre-check)."""
    lines = normalize.clean_lines(REPORTS[-1])
    assert "- 3 -" not in lines and "第1页" not in lines and "--12--" not in lines
    assert "当前位置：首页 › 政务公开" not in lines and "版权所有：某某县人民政府" not in lines
    assert "网站总访问量达 3782565 次，由办公室承办" in lines  # the report's own words stay
    crawl = normalize.clean_lines([one_line("\n".join(ODD_LINES))])
    assert CHROME_TAIL not in " ".join(crawl) and len(crawl) > 1


def test_a_line_holding_a_line_break_keeps_the_per_line_path() -> None:
    """A Word paragraph with a manual line break is one line holding "\\n": not split by the fast path."""
    lines = ["一、总体情况", "第一段\n- 3 -", "二、主动公开政府信息情况 ", "ｘ\u3000\u3000y\nz "]
    assert joined(lines) is None
    assert normalize.clean_lines(lines) == _per_line_clean(lines)
    assert normalize.prose_spacing_lines(lines) == [normalize.prose_spacing(x) for x in lines]
    assert sections._maybe_headings(lines) == _per_line_headings(lines)


@pytest.mark.parametrize("lines", REPORTS)
def test_prose_spacing_on_the_whole_text_is_per_line(lines: list[str]) -> None:
    for form in (lines, normalize.clean_lines(lines)):
        assert normalize.prose_spacing_lines(form) == [normalize.prose_spacing(x) for x in form]


def _paragraphs_line_by_line(spaced: list[str]) -> list[str]:
    """Soft-broken lines joined into paragraphs as the importer did it, one line at a time."""
    texts = [t for t in spaced if t]
    lengths = sorted(len(t) for t in texts if len(t) > 8)
    typical = lengths[int(len(lengths) * 0.8)] if lengths else 30
    out: list[str] = []
    current = ""
    for text in texts:
        block = bool(prose._BLOCK_START.match(text))
        if block and current:
            out.append(current)
            current = ""
        current += text
        ends = text[-1] in "。！？；：:" or text.endswith(("。”", "。）", "！”"))
        heading = block and len(text) <= 30 and text[-1] not in "，、；"
        if (ends and len(text) < typical * 0.9) or (heading and len(text) < typical * 0.8):
            out.append(current)
            current = ""
    return [*out, current] if current else out


@pytest.mark.parametrize("lines", REPORTS)
def test_paragraphs_looked_for_only_at_their_possible_ends(lines: list[str]) -> None:
    spaced = normalize.prose_spacing_lines(normalize.clean_lines(lines))
    for part in (spaced, *(spaced[i : i + 25] for i in range(0, len(spaced), 9))):
        assert prose._paragraphs(part, hard_breaks=False) == _paragraphs_line_by_line(part)


def _per_line_headings(lines: list[str]) -> list[tuple[int, str]]:
    normal = [unicodedata.normalize("NFKC", line) for line in lines]
    return [(i, line) for i, line in enumerate(normal) if sections._MAYBE_HEADING.search(line)]


@pytest.mark.parametrize("lines", REPORTS)
def test_heading_candidates_from_the_whole_text_are_per_line(lines: list[str]) -> None:
    assert sections._maybe_headings(lines) == _per_line_headings(lines)


def test_headings_found_in_odd_forms() -> None:
    lines = [
        "\u3000\u3000一、总体情况\xa0",
        "⼆、主动公开政府信息情况",  # a Kangxi radical where 二 belongs (NFKC makes it 二)
        "三．收到和处理政府信息公开申请情况",
        "四 、 政府信息公开行政复议、行政诉讼情况",
        "## 五、存在的主要问题及改进情况",
        "**六、其他需要报告的事项**",
    ]
    assert sections.find_sections(lines) == dict(zip(sections.SECTION_HEADINGS, range(6), strict=True))


def test_nfkc_is_unicodedata_nfkc_for_every_character() -> None:
    """Exhaustive: NFC of NFKD is NFKC for every code point, and no character normalises to or
    composes with a line break (so a text normalised whole splits into its normalised lines)."""
    plain = unicodedata.normalize
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        expected = plain("NFKC", ch)
        assert normalize.nfkc(ch) == expected, hex(cp)
        if cp != 0x0A:
            assert "\n" not in expected, hex(cp)
            if unicodedata.combining(ch):
                assert plain("NFKC", "\n" + ch) == "\n" + expected, hex(cp)


@pytest.mark.parametrize(
    "text",
    [
        "（一）予以公开",
        "２０２２年，我局认真贯彻：",
        "ㄱㅏㄴ",  # compatibility jamo: NFKD gives conjoining jamo, which compose into 가 and ᆫ
        "e\u0301\u0323 ȩ\u0301 Å ﬁ ½ ㈠ ⑴ ⒈ ｶﾞ",
        "\u1100\u1161\u11a8 \u0915\u093c \u0958",  # Hangul L V T; a Devanagari nukta and its exclusion
        "".join(normalize.printed_headings()["requests"]),
    ],
)
def test_nfkc_on_sequences(text: str) -> None:
    assert normalize.nfkc(text) == unicodedata.normalize("NFKC", text)
    lines = [text, text[::-1], ""]
    assert normalize.nfkc("\n".join(lines)).split("\n") == [unicodedata.normalize("NFKC", x) for x in lines]


def test_regex_whitespace_is_str_whitespace() -> None:
    """`[^\\S\\n]` in the fast paths stands for what `str.split()` and `str.strip()` remove."""
    space = re.compile(r"\s")
    for cp in range(0x110000):
        ch = chr(cp)
        assert (space.match(ch) is not None) == ch.isspace(), hex(cp)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r"单位", 0), (r"^[^\S\n]*第", re.M), (r"(?<!\S)微信(?!\S)", 0), (r"x*$", re.M), (r"(?<=\d) ", 0)],
)
def test_lines_matching_is_a_per_line_search(pattern: str, flags: int) -> None:
    regex = re.compile(pattern, flags)
    lines = ["主办单位：某某", "", " 第 2 页", "微信 微博", "3 4", "末行 微信"]
    expected = [i for i, line in enumerate(lines) if regex.search(line)]
    assert lines_matching(regex, "\n".join(lines)) == expected
    starting = re.compile(r"\n" + pattern.removeprefix("^"), flags) if pattern.startswith("^") else None
    if starting is not None:
        assert lines_starting(starting, "\n".join(lines)) == expected


TITLES = [
    "某某县审计局2020年政府信息公开工作年度报告",
    "关于二〇二一年度政务公开工作情况的报告",
    "2022年政府信息公开工作年度报告_某某县审计局",
    "首页>政务公开>某某镇2019年政府信息公开年报",
    "本机关2020年认真落实各项工作，" * 60,  # a long line with no title: the costly case
    "2020年" * 200 + "政府信息公开工作年度报告",
    "2020年\n某某局政务公开工作报告",
    "",
]


@pytest.mark.parametrize("text", TITLES)
def test_title_match_is_the_title_search(text: str) -> None:
    def shape(m: re.Match[str] | None) -> object:
        return None if m is None else (m.span(), m.groupdict())

    assert shape(meta._title(text)) == shape(meta._TITLE.search(text))


def _nested_data(fmt_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """The data as the importer built it before it kept a plan per format."""
    fmt = load_format(fmt_id)
    data: dict[str, Any] = {"meta": {"agency": "甲", "year": 2024, "format": fmt.id}}
    for cid, cell in fmt.cells.items():
        node = data
        for part in (cell.table.id, *cell.row.id.split(".")):
            node = node.setdefault(part, {})
        node[cell.column.id] = values.get(cid)
    return data


@pytest.mark.parametrize("fmt_id", ["2019", "2021"])
def test_data_keeps_every_cell_in_the_format_order(fmt_id: str) -> None:
    fmt = load_format(fmt_id)
    values: dict[str, Any] = {cid: n for n, cid in enumerate(fmt.cells) if n % 3}
    data = _data(fmt, "甲", 2024, values)
    expected = _nested_data(fmt_id, values)
    assert data == expected
    assert repr(data) == repr(expected)  # the same key order, so the same JSON


def test_traditional_text_converted_as_zhconv_does_without_loading_setuptools() -> None:
    """zhconv is imported with pkg_resources kept out (it then reads the same table beside itself);
    the conversion is zhconv's, and pkg_resources can still be imported afterwards."""
    import subprocess
    import sys

    import zhconv

    line = "本機關2021年政府資訊公開工作年度報告：收到和處理政府資訊公開申請情況，行政複議、行政訴訟"
    script = (
        "import sys\n"
        "from report_copilot.inputs.published.meta import simplified\n"
        f"print(simplified([{line!r}] * 4)[0])\n"
        "print('pkg_resources' in sys.modules)\n"
        "import pkg_resources\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    converted, loaded = run.stdout.splitlines()
    assert converted == zhconv.convert(line, "zh-hans") != line
    assert loaded == "False"
