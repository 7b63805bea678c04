"""Numbers that are not statistics are kept as exempt mentions, each with its reason."""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.checks import exemptions, numbers
from report_copilot.checks.numbers import extract
from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data


def reasons(text: str) -> list[tuple[str, str | None]]:
    return [(text[s.start : s.end], s.exempt) for s in extract(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年，", [("2024", "年份或日期")]),
        ("2019 年度", [("2019", "年份或日期")]),
        ("二〇一九年", [("二〇一九", "年份或日期")]),
        (
            "自2024年1月1日起至2024年12月31日止",
            [
                ("2024", "年份或日期"),
                ("1", "年份或日期"),
                ("1", "年份或日期"),
                ("2024", "年份或日期"),
                ("12", "年份或日期"),
                ("31", "年份或日期"),
            ],
        ),
        ("1月31日前", [("1", "年份或日期"), ("31", "年份或日期")]),
        ("第一季度", [("一", "序号或法条")]),
        ("三季度", [("三", "年份或日期")]),
        ("（宁政公开办发〔2019〕38号）", [("2019", "文号"), ("38", "文号")]),
        ("国办公开办函〔2021〕30号", [("2021", "文号"), ("30", "文号")]),
        ("第二十条第（一）项", [("二十", "序号或法条"), ("一", "序号")]),
        ("《条例》第五十条", [("五十", "序号或法条")]),
        ("国务院令第711号", [("711", "序号或法条")]),
        ("一是加强领导", [("一", "列举序号")]),
        ("。二是完善制度", [("二", "列举序号")]),
        ("（一）主动公开", [("一", "序号")]),
        ("1.属于国家秘密", [("1", "列举序号")]),
        # a row ordinal run into the text before it (a table's last label, then the prose)
        ("不再处理其政府信息公开申请3.其他2023年", [("3", "列举序号"), ("2023", "年份或日期")]),
        ("共收到申请3.5万件", [("3.5万件", None)]),  # a decimal stays a count
        ("一、总体情况", [("一", "列举序号")]),
        ("危及“三安全一稳定”", [("三", "固定用语"), ("一", "固定用语")]),
        ("结果“五公开”", [("五", "固定用语")]),
        ("属于三类内部事务信息", [("三", "固定用语")]),
        ("属于四类过程性信息", [("四", "固定用语")]),
        ("“十四五”规划", [("十四五", "固定用语")]),
        ("12345政务服务便民热线", [("12345", "固定用语")]),
        ("电话：0795-6213345", [("0795", "电话号码"), ("6213345", "电话号码")]),
        ("电话（0954）2032190", [("0954", "电话号码"), ("2032190", "电话号码")]),
        ("手机13912345678", [("13912345678", "电话号码")]),
        ("邮编：335100", [("335100", "邮政编码")]),
        ("见http://www.yx.gov.cn/2024/ndbg.html", [("2024", "网址或电子邮箱")]),
        ("邮箱gk2024@yx.gov.cn", [("2024", "网址或电子邮箱")]),
        ("在15个工作日内答复", [("15个工作日", "办理时限")]),
        ("5G网络", [("5", "型号或专有名称")]),
        ("办公时间9:00-17:00", [("9", "时间"), ("00", "时间"), ("17", "时间"), ("00", "时间")]),
    ],
)
def test_exempt_with_reason(text: str, expected: list[tuple[str, str]]) -> None:
    assert reasons(text) == expected


def test_declared_proper_names_and_meta_text_are_exempt(example_2021: dict[str, Any]) -> None:
    example_2021["proper_names"] = ["331"]
    report = report_from_data(example_2021)
    result = check_text("依托“331”监管平台办理；地址：滨江路188号，邮编335100。", report)
    assert [(m.text, m.verdict, m.reason) for m in result.mentions] == [
        ("331", "exempt", "专有名称"),
        ("188", "exempt", "基本信息"),
        ("335100", "exempt", "邮政编码"),
    ]


def test_a_numeric_proper_name_does_not_hide_a_real_count(example_2021: dict[str, Any]) -> None:
    example_2021["proper_names"] = ["331"]
    report = report_from_data(example_2021)
    result = check_text("全年收到政府信息公开申请331件。", report)
    (mention,) = result.mentions
    assert mention.verdict == "mismatch" and mention.expected == "72件"


def test_exempt_mentions_are_listed_not_dropped(example_2021: dict[str, Any]) -> None:
    report = report_from_data(example_2021)
    result = check_text("2024年，本局新收政府信息公开申请72件。", report)
    assert [(m.text, m.verdict) for m in result.mentions] == [("2024", "exempt"), ("72件", "bound")]
    assert result.ok


@pytest.mark.parametrize(
    "text",
    [
        "2019-2024年，自2024年1月1日起至12月31日止，1.5个月内收到1,234.5件，12,34件，三十二件",
        "个5月3日：5月3日、〔2024〕12号、0.2024年、.2024年、20245年、2024年度3月，第三季度",
        "二〇二四年收到申请两三件，十几人次，72件；电话0595-12345678，x2024年",
        "没有数字的文本",
    ],
)
def test_scanning_from_opening_characters_finds_what_finditer_finds(text: str) -> None:
    # the extractor tries its patterns only where a match can open; it must find the same matches
    for pattern, first in (
        (numbers._CORE, numbers.NUMERAL_OPENING),
        (exemptions._DATE_RE, exemptions._DIGIT),
    ):
        found = [(m.start(), m.end()) for m in exemptions.scan(pattern, first, text)]
        assert found == [(m.start(), m.end()) for m in pattern.finditer(text)]
