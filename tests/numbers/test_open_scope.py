"""Words that leave a number's concept open (checks/certainty.py): found by judging the prose of one
real report against the tables of another (bench/bench_prose_transplant.py). Each sentence is crafted
in the form a real report used; the figure differs from the cell, and the words leave open whether it
counts what the cell counts, so it is listed as unsupported, never an error. The same sentence with
the open words removed stays a mismatch, so each test can fail.

The 2024 example: 新收 72, 规范性文件 本年制发 5, 行政复议 3, 行政诉讼 3, 不予公开 4.
"""

from __future__ import annotations

import pytest

from report_copilot.checks.prose import check_draft, check_text
from report_copilot.model.draft import Block, Draft
from report_copilot.model.report import ReportBase


def _verdict(text: str, report: ReportBase, number: str, section: str | None = None) -> str:
    found = [m for m in check_text(text, report, section).mentions if m.text == number]
    assert found, f"{number} not found in {text}"
    return found[0].verdict.value


@pytest.mark.parametrize(
    ("text", "number", "certain"),
    [
        # a year other than the report's (2024), named before the number in its sentence
        ("2023年，我局收到政府信息公开申请50件。", "50件", "2024年，我局收到政府信息公开申请50件。"),
        ("我局2023年主动公开行政处罚决定33件。", "33件", "我局2024年主动公开行政处罚决定33件。"),
        # a longer period, or a review's result
        ("自2019年以来累计受理政府信息公开申请300件。", "300件", "全年累计受理政府信息公开申请300件。"),
        ("近三年收到政府信息公开申请200件。", "200件", "本年度收到政府信息公开申请200件。"),
        ("对现有规范性文件开展清理，废止规范性文件40件。", "40件", "本年度废止规范性文件40件。"),
        ("梳理历年印发的行政规范性文件228份。", "228份", "本年度印发行政规范性文件228份。"),
        # a part of the year: a date, a batch, a half-year
        ("3月15日收到政府信息公开申请5件。", "5件", "12月31日前收到政府信息公开申请5件。"),
        ("1月至6月，收到政府信息公开申请50件。", "50件", "1月至12月，收到政府信息公开申请50件。"),
        ("第二批收到政府信息公开申请5件。", "5件", "本年度收到政府信息公开申请5件。"),
        ("上半年收到政府信息公开申请50件。", "50件", "全年收到政府信息公开申请50件。"),
        # a plan, an average, a subset named by a qualifier on the verb
        ("明年计划制发行政规范性文件10件。", "10件", "本年度制发行政规范性文件10件。"),
        ("平均每月收到政府信息公开申请6件。", "6件", "本年度收到政府信息公开申请6件。"),
        ("全年办理依申请公开延期答复5件。", "5件", "全年依申请公开答复5件。"),
        # a wider whole than a department's table, or one unit's share
        ("各乡镇共收到政府信息公开申请50件。", "50件", "我局共收到政府信息公开申请50件。"),
        ("全市市场监管系统共受理政府信息公开申请500件。", "500件", "我局共受理政府信息公开申请500件。"),
        ("下属单位收到政府信息公开申请50件。", "50件", "我局收到政府信息公开申请50件。"),
        # one channel's or one level's share
        ("我局机关本级收到政府信息公开申请30件。", "30件", "我局收到政府信息公开申请30件。"),
        ("通过政务微博收到政府信息公开申请30件。", "30件", "收到政府信息公开申请30件。"),
        # one application channel's (其中通过网络平台接收27件，信函渠道4件), not before 等 (every channel)
        (
            "其中通过网络平台接收政府信息公开申请30件。",
            "30件",
            "通过网上、信函等渠道收到政府信息公开申请30件。",
        ),
        ("通过信函收到政府信息公开申请30件。", "30件", "通过网上申请、信函等方式收到政府信息公开申请30件。"),
        # a sentence told channel by channel (江西, 2024): its later figures are one channel's too
        (
            "全局受理线上政府信息公开申请65件，依法办结62件，受理线下申请9件。",
            "62件",
            "全局受理政府信息公开申请65件，依法办结62件，其中线上申请50件、线下申请15件。",
        ),
        # a range
        ("收到政府信息公开申请10至20件。", "20件", "收到政府信息公开申请20件。"),
    ],
)
def test_open_words_make_no_error(report: ReportBase, text: str, number: str, certain: str) -> None:
    assert _verdict(text, report, number) == "unsupported"
    assert _verdict(certain, report, number) == "mismatch"


@pytest.mark.parametrize(
    ("text", "number", "certain"),
    [
        # the share of another whole than the rate's base: documents, not application outcomes
        ("不予公开8件，占全部制发信息的82.4%。", "82.4%", "不予公开8件，占办结总数的82.4%。"),
        ("其中自然人申请30件，占全部办件的40%。", "40%", "其中自然人申请30件，占全年受理总数的40%。"),
        # a rate of something else (公开率) after a table figure
        ("不予公开4件，政府信息公开率达到90%。", "90%", "不予公开4件，占比90%。"),
    ],
)
def test_a_share_of_another_whole_is_no_error(
    report: ReportBase, text: str, number: str, certain: str
) -> None:
    assert _verdict(text, report, number, "requests") == "unsupported"
    assert _verdict(certain, report, number, "requests") == "mismatch"


def _draft_verdict(text: str, section: str, report: ReportBase) -> str:
    draft = Draft(title="", blocks=[Block(kind="paragraph", text=text, section=section)])
    return next(m.verdict.value for m in check_draft(draft, report).mentions if m.text == "40件")


def test_appeals_outside_their_section_must_name_information_disclosure(report: ReportBase) -> None:
    # a reviewing body's cases in 一、总体情况 are not table 四's
    assert _draft_verdict("本年度办理行政复议案件40件。", "overview", report) == "unsupported"
    assert _draft_verdict("本年度政府信息公开行政复议案件40件。", "overview", report) == "mismatch"
    assert _draft_verdict("本年度行政复议案件40件。", "appeals", report) == "mismatch"


@pytest.mark.parametrize(
    "text",
    [
        "2024年收到政府信息公开申请50件。",  # the report's own year
        "今年以来收到政府信息公开申请50件。",
        "全年累计收到政府信息公开申请50件。",
        "收到政府信息公开申请50件，较2023年增加10件。",
        "清理规范性文件10件，本年度收到政府信息公开申请50件。",  # the year named again
        "2024年1月1日至2024年12月31日，收到政府信息公开申请50件。",  # the whole year
        "与2023年相比，收到政府信息公开申请50件。",  # a year compared with
    ],
)
def test_the_reports_own_year_stays_certain(report: ReportBase, text: str) -> None:
    assert _verdict(text, report, "50件") == "mismatch"


def test_receipts_that_say_they_include_the_carry_over_are_a_warning(report: ReportBase) -> None:
    # 新收 72 + 上年结转 3 = 75: said in the sentence, a wording to mend; silent, a wrong figure (P-1)
    said = [m for m in check_text("全年收到政府信息公开申请75件（含上年结转3件）。", report).mentions]
    assert (said[0].verdict.value, said[0].rule) == ("bound", "P-1")
    assert said[0].warning is not None and "上年结转" in said[0].warning
    silent = check_text("全年收到政府信息公开申请75件。", report).mentions
    assert (silent[0].verdict.value, silent[0].rule) == ("mismatch", "P-1")


def test_completed_counts_of_the_years_new_applications_are_a_warning(report: ReportBase) -> None:
    # 新收 72 − 结转下年度 4 = 68: the year's new applications answered, last year's 3 left out
    text = "收到政府信息公开申请72件，办结68件，4件结转下年度继续办理。"
    done = next(m for m in check_text(text, report, "requests").mentions if m.text == "68件")
    assert done.verdict.value == "bound" and done.warning is not None and "结转下年度" in done.warning
    wrong = next(
        m
        for m in check_text("收到政府信息公开申请72件，办结60件。", report, "requests").mentions
        if m.text == "60件"
    )
    assert wrong.verdict.value == "mismatch"
