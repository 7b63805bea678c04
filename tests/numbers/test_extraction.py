"""Extraction of numbers from Chinese prose: every form issue 3 lists, with offsets and values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from report_copilot.checks.numbers import chinese_to_decimal, extract


def only(text: str):  # noqa: ANN201 - a NumberSpan
    spans = [s for s in extract(text) if s.exempt is None]
    assert len(spans) == 1, [(s.text, s.exempt) for s in extract(text)]
    return spans[0]


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        ("收到申请72件", "72件", "72", "件"),
        ("发布信息1,268条", "1,268条", "1268", "条"),
        ("收费0.5234万元", "0.5234万元", "5234", "元"),
        ("收到申请７２件", "７２件", "72", "件"),  # full-width digits, offsets kept
        ("收到申请 33 件", "33 件", "33", "件"),
        ("共三十三件", "三十三件", "33", "件"),
        ("两千条", "两千条", "2000", "条"),
        ("一万二千人次", "一万二千人次", "12000", "人次"),
        ("一万一千件", "一万一千件", "11000", "件"),
        ("三万五千元", "三万五千元", "35000", "元"),
        ("三万五人", "三万五人", "35000", "人"),  # cn2an reads 三万五 as 30005
        ("两百件", "两百件", "200", "件"),
        ("一百零五件", "一百零五件", "105", "件"),
        ("十二件", "十二件", "12", "件"),
        ("采集信息121万条", "121万条", "1210000", "条"),
        ("金额16.4亿元", "16.4亿元", "1640000000", "元"),
        ("下载2.1万次", "2.1万次", "21000", "次"),
        ("占比15%", "15%", "15", "%"),
        ("占比50.70％", "50.70％", "50.70", "%"),
        ("百分之十五的申请", "百分之十五", "15", "%"),
        ("百分之三点五", "百分之三点五", "3.5", "%"),
        ("下降3.5个百分点", "3.5个百分点", "3.5", "个百分点"),
        ("增长1.5倍", "1.5倍", "1.5", "倍"),
        ("培训5期", "5期", "5", "期"),
        ("召开新闻发布会6场", "6场", "6", "场"),
        ("发布政策解读46篇", "46篇", "46", "篇"),
        ("梳理事项312项", "312项", "312", "项"),
        ("关停网站8家", "8家", "8", "家"),
    ],
)
def test_forms_values_and_units(text: str, mention: str, value: str, unit: str) -> None:
    span = only(text)
    assert text[span.start : span.end] == mention
    assert span.value == Decimal(value)
    assert span.unit == unit


@pytest.mark.parametrize(
    ("text", "approx", "qualifier", "agrees", "disagrees"),
    [
        ("培训100余人", "ge_sig", "余", [100, 150, 199], [99, 200]),
        ("发放1600余份", "ge_sig", "余", [1600, 1699], [1599, 1700]),
        ("受理3218余件", "ge_sig", "余", [3218], [3219, 3217]),
        ("十多个", "ge_sig", "多", [10, 19], [9, 20]),
        ("备案2.1万余次", "ge_sig", "余", [21000, 21999], [20999, 22000]),
        ("超过6.8万次", "ge", "超过", [68000, 90000], [67999]),
        ("逾百人", "ge", "逾", [100, 500], [99]),
        ("100人以上", "ge", "以上", [100, 130], [99]),
        ("近千人", "le_near", "近", [950, 1000], [1001]),
        ("不足10%", "lt", "不足", [9.99], [10]),
        ("不到30件", "lt", "不到", [29], [30]),
        ("约70件", "about", "约", [65, 75], [64, 76]),
        ("70件左右", "about", "左右", [66, 74], [60, 80]),
    ],
)
def test_qualifiers_compare_by_direction_and_precision(
    text: str, approx: str, qualifier: str, agrees: list[float], disagrees: list[float]
) -> None:
    span = only(text)
    assert span.approx == approx and span.qualifier == qualifier
    for v in agrees:
        assert span.agrees(Decimal(str(v))), (text, v)
    for v in disagrees:
        assert not span.agrees(Decimal(str(v))), (text, v)


def test_multiplier_precision_rounds_to_the_printed_figure() -> None:
    span = only("下载量6.8万次")
    assert span.step == Decimal(1000)
    assert span.agrees(68_400) and span.agrees(67_600)
    assert not span.agrees(68_600)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("十几个", 11, 19),
        ("两三个", 2, 3),
        ("三四十人", 30, 40),
        ("数十人", 20, 99),
        ("上万次", 10000, 99999),
    ],
)
def test_ranges(text: str, low: int, high: int) -> None:
    span = only(text)
    assert span.approx == "range"
    assert (span.low, span.high) == (Decimal(low), Decimal(high))
    assert span.agrees(low) and span.agrees(high) and not span.agrees(high + 1)


def test_fraction_is_a_share_in_percent() -> None:
    span = only("约占三分之一")
    assert span.unit == "%"
    assert span.agrees(Decimal("33.8")) and not span.agrees(Decimal("40"))


def test_cheng_is_a_share_in_tens_of_percent() -> None:
    span = only("八成以上")
    assert span.unit == "%" and span.value == 80 and span.approx == "ge"


def test_percentages_compare_at_printed_precision_rounding_half_up() -> None:
    span = only("占比50.70%")
    assert span.agrees(Decimal("50.704")) and span.agrees(Decimal("50.695"))
    assert not span.agrees(Decimal("50.694")) and not span.agrees(Decimal("50.705"))
    half = only("占比12.5%")
    assert half.agrees(Decimal("12.45"))  # half up, not half even (12.4)


@pytest.mark.parametrize(
    "text",
    [
        "进一步规范",
        "统一安排",
        "一网通办",
        "十分重视",
        "一些地区",
        "第三方评估",
        "唯一渠道",
        "逐一核对",
        "下一步工作",
    ],
)
def test_idioms_are_not_numbers(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [("三十分钟", "三十分钟", 30), ("一万一千件", "一万一千件", 11000), ("统一办理十一件", "十一件", 11)],
)
def test_masking_idioms_never_breaks_a_real_numeral(text: str, mention: str, value: int) -> None:
    span = only(text)
    assert text[span.start : span.end] == mention and span.value == value


def test_offsets_are_character_offsets_into_the_original_text() -> None:
    text = "２０２４年，本局收到申请７２件，办结７１件。"
    spans = extract(text)
    assert [text[s.start : s.end] for s in spans] == ["２０２４", "７２件", "７１件"]
    assert [s.exempt for s in spans] == ["年份或日期", None, None]


@pytest.mark.parametrize(
    ("run", "value"),
    [
        ("三十三", 33),
        ("两千", 2000),
        ("一万二千", 12000),
        ("三万五", 35000),
        ("两百", 200),
        ("二〇一九", 2019),
        ("十", 10),
    ],
)
def test_chinese_numerals_including_known_cn2an_defects(run: str, value: int) -> None:
    assert chinese_to_decimal(run) == value


def test_large_arabic_multiplier_keeps_decimal_precision() -> None:
    span = only("16.4亿元")
    assert span.value == Decimal("1640000000") and isinstance(span.value, Decimal)
    assert span.step == Decimal("10000000")
