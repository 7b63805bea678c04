"""The agency and year a report's opening names, in the forms real openings print them.

Crafted sentences (invented places) in the forms of real report openings: the preface naming its
author before a verb (…特此编制, …向社会公布), after a cited notice's title, or as its 政务公开领导
小组; a title with its year after it under a dated site header; a title split with its agency first;
an opening sentence after an 在…下 clause; a page's 发布机构 or 来源 line; and the words a contact
line or an address glues before a place name (请与…, 地址…), or a date before a bare name (2024年度
区民政局), which must never become part of the agency's name. A wrong name is worse than none.
"""

from __future__ import annotations

from report_copilot.inputs.published.importer import meta_of

_PERIOD = "本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。"
_OVERVIEW = "一、总体情况"


def _meta(*lines: str) -> tuple[str, int]:
    agency, year, _ = meta_of(list(lines), source="opening.txt", fallback_agency="opening")
    return agency, year


def test_words_of_a_contact_line_or_an_address_are_no_place() -> None:
    preface = "如对本报告有疑问，请与东湖市西岭区西岭街道办事处联系。" + _PERIOD.format(y=2024)
    opening = "2024年，西岭街道办事处坚持依法公开，认真落实《条例》。"
    assert _meta(preface, _OVERVIEW, opening) == ("东湖市西岭区西岭街道办事处", 2024)
    address = "联系电话0000-1234567，地址东湖市西岭区金山镇金山路8号。"
    assert _meta("2025年金山镇政府信息公开工作年度报告", address, _OVERVIEW, opening) == (
        "东湖市西岭区金山镇",
        2025,
    )


def test_a_year_before_a_bare_name_is_no_place() -> None:
    preface = _PERIOD.format(y=2024)
    opening = "2024年度，区民政局坚持依法公开。（一）主动公开。2024年度区民政局主动公开信息50条。"
    assert _meta(preface, _OVERVIEW, opening) == ("区民政局", 2024)


def test_the_reports_own_title_after_a_cited_notice() -> None:
    preface = (
        "根据《条例》、区政府办印发的《东湖市西岭区人民政府办公室关于做好2024年度政府信息公开工作年度报告"
        "编制和发布工作的通知》相关要求，现向社会公布东湖市西岭区民政局2024年度政府信息公开工作年度报告。"
    )
    assert _meta(preface, _OVERVIEW, "2024年度，区民政局坚持依法公开。") == ("东湖市西岭区民政局", 2024)
    cited = "根据《青松县人民政府办公室关于2024年政府信息公开工作年度报告编制发布工作的通知》（〔2025〕-007）规定，"
    own = "特编制青松县白石乡2024年政府信息公开工作年度报告。"
    assert _meta(cited + own, _OVERVIEW, "2024年，我乡坚持依法公开。") == ("青松县白石乡", 2024)


def test_a_title_with_its_year_after_it_under_a_dated_site_header() -> None:
    lines = (
        "东湖市西岭区人民政府 2019年12月3日星期二",
        "无障碍 | 关怀版 | 简体| 繁体",
        "西岭区金山镇政府信息公开工作年度报告 （2019年）",
        "来源：东湖市西岭区金山镇人民政府 发布时间：2020-01-30",
        _OVERVIEW,
        "2019年，金山镇严格执行《条例》。",
    )
    assert _meta(*lines) == ("东湖市西岭区金山镇", 2019)


def test_a_title_split_after_an_agency_named_机关() -> None:
    lines = (
        "青松县人民政府机关",
        "2020年政府信息公开工作年度报告",
        _OVERVIEW,
        "2020年，县政府机关坚持依法公开。",
    )
    assert _meta(*lines) == ("青松县人民政府机关", 2020)


def test_a_preface_naming_its_author_before_the_verb() -> None:
    preface = "为提升政府工作的透明度，白云镇人民政府特此编制2024年度政府信息公开工作年度报告。"
    assert _meta(preface, _OVERVIEW, "2024年，我镇坚持依法公开。") == ("白云镇人民政府", 2024)
    preface = "东湖高新区青山办事处向社会公布2021年度本级政府信息公开年度报告。"
    assert _meta(preface, _OVERVIEW, "2021年，我单位坚持依法公开。") == ("东湖高新区青山办事处", 2021)


def test_no_name_from_a_bare_level_or_a_plural() -> None:
    preface = "根据《条例》规定，县政府编制了2020年度政府信息公开工作报告。"
    assert _meta(preface, _OVERVIEW, "2020年，我县坚持依法公开。") == ("opening", 2020)
    preface = _PERIOD.format(y=2020)
    assert _meta(preface, _OVERVIEW, "2020年，各乡镇坚持依法公开。") == ("opening", 2020)


def test_a_leading_group_compiles_for_its_agency() -> None:
    preface = "本报告由东湖市西岭区政务公开工作领导小组办公室编制。" + _PERIOD.format(y=2020)
    assert _meta(preface, _OVERVIEW, "2020年，我区坚持依法公开。") == ("东湖市西岭区", 2020)
    preface = "本年报由东湖市西岭区西岭街道政务公开工作领导小组编制。" + _PERIOD.format(y=2024)
    assert _meta(preface, _OVERVIEW, "2024年，西岭街道坚持依法公开。") == ("东湖市西岭区西岭街道", 2024)


def test_a_preface_naming_its_author_before_its_grounds_or_short_name() -> None:
    preface = "本报告由青山新城管理委员会根据《条例》及有关文件要求编制。" + _PERIOD.format(y=2020)
    assert _meta(preface, _OVERVIEW, "2020年，我委坚持依法公开。") == ("青山新城管理委员会", 2020)
    preface = "本报告由东湖经济开发区管理委员会（以下简称开发区管委会）编制。" + _PERIOD.format(y=2021)
    assert _meta(preface, _OVERVIEW, "2021年，我委坚持依法公开。") == ("东湖经济开发区管理委员会", 2021)


def test_a_title_in_the_preface_naming_the_agency_before_its_short_name() -> None:
    preface = "根据《条例》相关规定，现公布东湖市西岭区人民政府办公室（以下简称“区政府办公室”）2025年政府信息公开工作年度报告。"
    opening = "2025年，区政府办公室深入贯彻落实《条例》。"
    assert _meta(preface, _OVERVIEW, opening) == ("东湖市西岭区人民政府办公室", 2025)


def test_an_opening_sentence_after_a_clause_of_guidance() -> None:
    preface = _PERIOD.format(y=2024)
    for opening, name in (
        (
            "2024年，在区委区政府的正确领导下，青山经济开发区管理委员会认真贯彻《条例》。",
            "青山经济开发区管理委员会",
        ),
        ("2024年以来，白石乡在县人民政府办公室的统筹指导下，扎实推进政务公开。", "白石乡"),
        ("在2024年，青松县经济合作局坚决贯彻党的二十大精神。", "青松县经济合作局"),
    ):
        assert _meta(preface, _OVERVIEW, opening) == (name, 2024), opening


def test_a_pages_publisher_line() -> None:
    lines = (
        "- 索 引 号：QZ0000-0101-2025-00001",
        "- 发布机构：白云镇人民政府",
        "根据《条例》，特向社会公布2024年度本级政府信息公开年度报告。" + _PERIOD.format(y=2024),
        _OVERVIEW,
        "2024年，我镇坚持依法公开。",
    )
    assert _meta(*lines) == ("白云镇人民政府", 2024)
    lines = ("来源：本网 发布时间：2025-01-07", *lines[2:])
    assert _meta(*lines) == ("opening", 2024)


def test_a_title_naming_a_sumu_or_quoting_its_kind() -> None:
    title = "2019年哈达苏木政府信息公开工作年度报告"
    assert _meta(title, _OVERVIEW, "2019年，我苏木坚持依法公开。") == ("哈达苏木", 2019)
    title = "2024年东湖市“政府信息公开工作年度报告”集中公开专题页面"
    assert _meta(title, _OVERVIEW, "2024年，全市坚持依法公开。") == ("东湖市", 2024)
