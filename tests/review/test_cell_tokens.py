"""The tokeniser's shortcuts (a row's plain numbers, a label's words, each read as one token) give
the runs the one-token-at-a-time reference gives, on every form tables are printed in.

The reference (`reference_cells`) is the tokeniser before the shortcuts; `read_runs` is what every
table of every imported report goes through, so a difference here is a cell read differently.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_copilot.inputs.published import cells
from report_copilot.inputs.published.cells import Run, read_runs
from tests.review import reference_cells
from tests.review.published import published_text
from tests.review.real_forms import DIALECTS, one_line, put, report_text, zero_data


def _shape(runs: list[Run]) -> list[tuple[Any, ...]]:
    """Runs as plain values (the value's type too: 2 and Decimal("2") are different readings)."""
    return [(r.label, r.delimited, [(c.raw, repr(c.value), c.unit, c.status) for c in r.cells]) for r in runs]


def _same(text: str) -> None:
    assert cells.unglue(text) == reference_cells.unglue(text), text
    assert _shape(read_runs(text)) == _shape(reference_cells.read_runs(text)), text


CRAFTED = [
    # A PDF text row: a label broken over lines, then its cells apart.
    "（二）部分公开（区\n 分处理的） 4 0 0 0 1 0 5\n\n（三\n\n）不予公开\n1.属于国家\n\n秘密 0 0 0 0 0 0 0\n",
    # One-line crawls: digits glued to labels and to the next row's ordinal, a paragraph glued on.
    "不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000（四）无法提供",
    "行政许可 1856 行政处罚 412 行政强制 23 行政事业性收费 0 2025年，本机关将继续",
    "总计 3000003 一审 1 0 0 1",
    # Numbers followed by measure words, on their line and starting the next line.
    "共收到申请 12 件 其中 3 件 已办结 9\n件数 5 6 7",
    "收费 12 3\n件 4 5\n年结转 6 7 8\n件数量",
    "本年新收 1 2 3\n件\n其他 4",
    "1 2 3年 4 5 6% 7 8 9‰ 10 11人次",
    # a PDF row on one line: a margin label's 年 or 、 before a layout gap is not a measure word or ordinal
    "（二）部分公开 3 0 0 0 0 0 3   28、   （三）不予公开 0 31 年   3.危及“三安全一稳定” 0 0",
    "0 0 0 31年   3.危及 28、（二） 1 2、   3 4.  5",
    # Units.
    "行政事业性收费 12.5 万元 3 元 4 5元\n6\n万元 7 8 9",
    "收费金额（单位：万元） 0 0.00 1,200 3,400.5 5 6",
    # Borders of both dialects, blanks, not-applicable marks.
    "| 规章 | 0 | 0 | 0 |\n| 行政规范性文件 | 4 | 2 | 37 | ||\n|---|---|\n| 5 | 6 |",
    "规章 |\n0 |\n|\n0 |\n行政规范性文件 |\n4 | ||",
    "|规章|0||0|\n|文件|4|2|37|",
    "规章 ∅ ∅ 0 行政许可 / — 无 不适用 3\n无\n法\n提\n供 1 2 3\n无\n4",
    "行政处罚 — 412 －  / ／ ── 5 -3 +4 ＋5 −6 12-3 4/5",
    "（四）无法提供 1 2 3\n无\n法 4 5",
    "一行 1 2 3\n无\n",
    "无\n1 2\n无",
    # Misdecoded spaces, full-width digits and spaces.
    "规章 ? 0 ? 0 ?0\n|? 3 | \ufffd 4 |",
    "行政许可　１８５６　２３ 本年　新收\xa0 4\xa05",
    # Ordinals, numbers glued to CJK on both sides, quotes, years.
    "第2项 办发〔2019〕38号 “三安全一稳定” 1 2 3 1.属于 2、其他 3．保护 4.5 6",
    "危及“三安全一稳\n定” 0 0 0 0 0 0 0 2022 年 1 2020年度 3",
    "中文1 2中文 3 4中文5 6 7 8A 9 a b 1 ab 2 cd ef 3",
    "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
    "1 2 3",
    "  标签  ",
    "",
    "x 1 y 2 z 3 ab cd 4 e 5 (含申请人主动撤回157件) 6 7",
    # Glued cells `unglue` sets apart: notes in cells, ordinals, years, labels on either side.
    "总计 160（含申请人主动撤回157件） 3(注：含2件) 4\n（三\n）不予公开 5（一）予以公开",
    "秘密00000002.其他法律0000000 3、危及 12.5万元 1．保护",
    "办理结果0 0 02025年，本机关 2019年 12020 年",
    "规章000 （四）无法提供1 2 3件 4人 5万元 6元",
    # Ordinals read with the words after them, and what only looks like one.
    "（三 ）不予公开 1.属于国家 秘密 0 0 0 2.其他 法律 3、危及 4. 保护 5.",
    "甲 乙 1.2 丙 丁 12.属于 1,234.属 1.| 2.∅ 3.\n属 ４．保护 5、 6、、 7..",
    "秘密1.其他 法律2、危及-3.保护 a1.b 无1.c /2.d",
    # Each glue alone in its text (no other one to make `unglue` look).
    "总计 160（含撤回） 3",
    "总计 160 (含撤回) 3",
    "行 0 0 03、危及 1 2",
    "行 0 0 02．保护 3",
    "行 0 0 02025 年 本",
    "总计3 4",
    "3总计 4",
]


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_forms_read_as_the_reference_reads_them(text: str) -> None:
    _same(text)


def test_the_shortcuts_are_taken_on_a_printed_row() -> None:
    """The comparison above covers the shortcuts: a printed row is read through them."""
    toks, _ = cells._tokens("本年新收 政府信息公开申请数量 41 5 0 1 2 0 49\n\n二、上")
    assert [t[0] for t in toks] == ["words", "nums", "text"]
    assert toks[1][1] == "41 5 0 1 2 0 49"


def _data() -> dict[str, Any]:
    return put(
        zero_data(2022, "某某县教育局"),
        {
            "requests.new.natural_person": 12,
            "requests.new.total": 12,
            "requests.granted.natural_person": 10,
            "requests.granted.total": 10,
            "requests.unavailable.not_held.natural_person": 2,
            "requests.unavailable.not_held.total": 2,
            "requests.total.natural_person": 12,
            "requests.total.total": 12,
            "active.licensing.decisions": 1856,
        },
    )


_OVERRIDES = {
    "active.rules.published": "",
    "active.rules.repealed": "/",
    "active.rules.in_force": "—",
    "requests.partially_granted.total": "",
}


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_report_forms_read_as_the_reference_reads_them(dialect: str) -> None:
    text = report_text(
        _data(), dialect, head=["某某县教育局2022年政府信息公开工作年度报告"], overrides=_OVERRIDES
    )
    _same(text)
    _same(one_line(text))


@pytest.mark.parametrize("seed", range(4))
def test_pdf_text_reads_as_the_reference_reads_it(seed: int) -> None:
    _same(published_text(_data(), seed=seed))


_PIECES = [
    *"0 12 00000002 1856 3.5 1,200 -3 +4 ＋5 −6 １２ | ｜ ¦ || ∅ / ／ — － - ── 无 不适用".split(),
    *"元 万元 件 年 人 % ‰ 项 次 本年新收 规章 行政许可 （一） (二) 1. 2、 3． 、 . 第".split(),
    *"“ ” 三安全一稳定 ? \ufffd a ab A1 （含申请人主动撤回157件） 2022年".split(),
    *[" ", "  ", "\n", "\n\n", "\t", "\u3000", "\xa0", " \n "],
]
"""Numbers, marks, units, measure words, labels and spaces as real tables print them."""


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mix_of_real_form_pieces_reads_as_the_reference_reads_it(pieces: list[str]) -> None:
    _same("".join(pieces))
