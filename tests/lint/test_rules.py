"""Each lint rule on crafted report text: one text it must pass, one it must flag (with its rule id)."""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.checks.lint import lint_draft
from report_copilot.checks.lint.numerals import from_chinese, ordinal_is, to_chinese
from report_copilot.inputs.json_input import load_report, report_from_data
from report_copilot.model.report import ReportBase
from tests.conftest import EXAMPLES, load_example
from tests.lint.forms import FEE, OVERVIEW, PREFACE, PROBLEMS_2023, draft, report_md


@pytest.fixture
def report() -> ReportBase:
    return report_from_data(load_example("yunxi-amr-2024.json") | {"previous": None})


def _rules(text: str, report: ReportBase | None = None, **kwargs: Any) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in lint_draft(draft(text), report, **kwargs).findings]


def _messages(text: str, rule: str, report: ReportBase | None = None, **kwargs: Any) -> list[str]:
    return [f.message for f in lint_draft(draft(text), report, **kwargs).findings if f.rule == rule]


# ---------------------------------------------------------------- numerals
def test_ordinals_exist_for_any_count() -> None:
    assert [to_chinese(n) for n in (1, 10, 11, 20, 21, 99)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "九十九",
    ]
    assert ordinal_is(21) == "二十一是"
    assert all(from_chinese(to_chinese(n)) == n for n in range(1, 100))
    assert to_chinese(120) == "一百二十"
    assert from_chinese("十是") is None and from_chinese("") is None


# ---------------------------------------------------------------- L-1 雷同
NEW_OVERVIEW = (
    "2024年，本局门户网站完成适老化改造，“云溪市场监管”微信公众号发布信息2315条，办理网站留言389件。"
)


def test_l1_section_copied_with_new_numbers_is_an_error(report: ReportBase) -> None:
    previous = draft(report_md(problems=PROBLEMS_2023))
    copied = PROBLEMS_2023.replace("2023年", "2024年").replace("12%", "15%").replace("3件", "5件")
    copied = copied.replace("2024年，本局将", "2025年，本局将")
    result = lint_draft(draft(report_md(overview=NEW_OVERVIEW, problems=copied)), report, previous)
    errors = [f for f in result.findings if f.rule == "L-1"]
    assert [f.severity for f in errors] == ["error"]
    assert "五、存在的主要问题及改进情况" in errors[0].where and "100%" in errors[0].message
    assert result.copied["problems"] == 1.0 and not result.ok
    accepted = lint_draft(
        draft(report_md(overview=NEW_OVERVIEW, problems=copied)), report, previous, accepted=["L-1"]
    )
    assert accepted.ok and "已确认" in next(f.message for f in accepted.findings if f.rule == "L-1")


def test_l1_rewritten_section_and_boilerplate_pass(report: ReportBase) -> None:
    previous = draft(report_md(problems=PROBLEMS_2023))
    rewritten = (
        "对上年度报告所列问题，本局已作整改：重要政策均同步发布图解或问答，答复文书实行法规科逐件审核。\n\n"
        "2024年，本局政府信息公开工作仍有差距：一是基层市场监管所政务公开人员变动较多；二是部分领域信息更新不及时。"
    )
    result = lint_draft(draft(report_md(overview=NEW_OVERVIEW, problems=rewritten)), report, previous)
    assert not [f for f in result.findings if f.rule == "L-1"]
    assert result.copied["problems"] < 0.3
    assert "other" not in result.copied or result.copied["other"] == 0  # the fee sentence is boilerplate


def test_l1_needs_last_years_text(report: ReportBase) -> None:
    result = lint_draft(draft(report_md(problems=PROBLEMS_2023)), report)
    assert result.copied == {} and not [f for f in result.findings if f.rule == "L-1"]


# ---------------------------------------------------------------- L-2 泛化
GENERIC = "各级政府部门高度重视政务公开工作，部分地区还开发了政务APP，不断提升政府信息公开的质量和实效，切实保障人民群众知情权。"


def test_l2_generic_paragraph_is_flagged_with_its_markers(report: ReportBase) -> None:
    messages = _messages(report_md(overview=GENERIC), "L-2", report)
    assert len(messages) == 1 and "各级政府部门" in messages[0] and "部分地区" in messages[0]
    assert ("L-2", "warning") in _rules(report_md(overview=GENERIC), report)


@pytest.mark.parametrize(
    "specific",
    [
        OVERVIEW,  # a figure
        "本局修订《云溪市市场监督管理局政府信息公开申请办理工作规程》，实行登记、审核、会签、答复全流程管理。",
        "本局在门户网站开设“法定主动公开内容”栏目，集中发布行政许可、行政处罚等结果信息，方便群众查询。",
        "本局对照市场监管领域基层政务公开标准目录，动态调整主动公开事项目录，及时更新相关内容。",  # a note
    ],
)
def test_l2_specific_paragraphs_pass(report: ReportBase, specific: str) -> None:
    assert _messages(report_md(overview=specific), "L-2", report) == []


# ---------------------------------------------------------------- L-3 required content
def test_l3_complete_report_passes(report: ReportBase) -> None:
    assert _messages(report_md(problems=PROBLEMS_2023), "L-3", report) == []


def test_l3_missing_fee_period_and_address(report: ReportBase) -> None:
    text = report_md(
        preface="本报告依据《中华人民共和国政府信息公开条例》要求编制。", other="无其他需要报告的事项。"
    )
    messages = _messages(text, "L-3", report)
    assert any("信息处理费" in m for m in messages)
    assert any("统计期限" in m for m in messages)
    assert any("http://scjgj.yunxi.gov.cn" in m for m in messages)


def test_l3_last_years_problems_and_government_oversight() -> None:
    report = load_report(EXAMPLES / "yunxi-amr-2024.json")  # its `previous` is last year's data
    report.meta.is_government = True
    problems = (
        "2024年，本局政府信息公开工作还存在一些不足：一是基层人员变动较多；二是部分领域信息更新不及时。"
    )
    messages = _messages(report_md(problems=problems), "L-3", report)
    assert any("上年度报告所列问题" in m for m in messages)
    assert any("工作考核、社会评议、责任追究" in m for m in messages)
    done = "针对上年度报告提出的政策解读形式单一问题，重要政策均同步发布图解。" + problems
    overview = OVERVIEW + "将政务公开纳入年度工作考核，聘请社会监督员开展社会评议，全年未发生责任追究情形。"
    assert _messages(report_md(problems=done, overview=overview), "L-3", report) == []


# ---------------------------------------------------------------- L-4 numbering
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本局加强平台建设：一是完成门户网站改版；二是开通政务微博；三是规范新媒体管理。", None),
        ("本局加强平台建设：一是完成门户网站改版；三是规范新媒体管理。", "缺少「二是」"),
        ("本局加强平台建设：一是完成门户网站改版；二是开通政务微博；二是规范新媒体管理。", "「二是」重复"),
        ("依据《条例》第二十条第（五）项、第（六）项公开行政许可和行政处罚信息。", None),
        ("全年网站访问量2.1万余次，较上年增长1.5%。", None),
        ("主要做法：1.完善制度；2.加强培训；3.强化考核。", None),
        ("主要做法：1.完善制度；2.加强培训；4.强化考核。", "缺少「3.」"),
        ("本局加强平台建设：一是一是完成门户网站改版；二是开通政务微博。", "编号叠用"),
        ("本局加强平台建设：一是1.完成门户网站改版；二是开通政务微博。", "编号叠用"),
        ("本局认为这一是非问题须依法处理，一是完成门户网站改版。", None),
    ],
)
def test_l4_numbering_inside_a_paragraph(text: str, expected: str | None) -> None:
    messages = _messages(report_md(overview=text), "L-4")
    if expected is None:
        assert messages == []
    else:
        assert len(messages) == 1 and expected in messages[0]


def test_l4_lists_across_paragraphs() -> None:
    ok = "一是加强组织领导，调整政务公开工作领导小组。\n\n二是完善工作制度，修订信息发布审核办法。"
    assert _messages(report_md(overview=ok), "L-4") == []
    slip = ok + "\n\n四是强化业务培训，全年举办培训3期。"
    assert any("缺少「三是」" in m for m in _messages(report_md(overview=slip), "L-4"))
    subs = "（一）主动公开。本局全年主动公开政府信息1268条。\n\n（三）政府信息管理。本局动态调整公开事项目录312项。"
    assert any("缺少「（二）」" in m for m in _messages(report_md(overview=subs), "L-4"))


def test_l4_twenty_one_points_are_fine() -> None:
    from report_copilot.drafting.points import enumerate_points

    text = "本局重点做了以下工作：" + enumerate_points([f"完成第{n}项任务" for n in range(1, 22)])
    assert "二十一是" in text
    assert _messages(report_md(overview=text), "L-4") == []


# ---------------------------------------------------------------- L-5 fixed names
@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        ("国办公开函〔2021〕30号", "国办公开办函〔2021〕30号"),
        ("国办公开办函[2021]30号", "国办公开办函〔2021〕30号"),
        ("国办公开办函【2021】30号", "国办公开办函〔2021〕30号"),
        ("国办发〔2020〕109号", "国办函〔2020〕109号"),
        ("《中华人民共和国信息公开条例》", "《中华人民共和国政府信息公开条例》"),
        ("宁政公开办发(2019)38号", "宁政公开办发〔2019〕38号"),
    ],
)
def test_l5_misspelt_fixed_names_are_errors(wrong: str, right: str) -> None:
    preface = PREFACE.replace("国办公开办函〔2021〕30号", wrong).replace(
        "《中华人民共和国政府信息公开条例》",
        wrong if wrong.startswith("《") else "《中华人民共和国政府信息公开条例》",
    )
    if wrong.startswith("国办发") or wrong.startswith("宁政"):
        preface = PREFACE + f"依据{wrong}文件要求。"
    result = lint_draft(draft(report_md(preface=preface)))
    errors = [f for f in result.findings if f.rule == "L-5"]
    assert errors and all(f.severity == "error" for f in errors)
    assert any(f"应为「{right}」" in f.message for f in errors)
    assert not result.ok
    assert lint_draft(draft(report_md(preface=preface)), accepted=["L-5"]).ok


def test_l5_correct_names_pass() -> None:
    text = report_md(preface=PREFACE + "依据宁政公开办发〔2019〕38号文件要求。", other=FEE)
    assert _messages(text, "L-5") == []


# ---------------------------------------------------------------- L-6 repeated sentences
def test_l6_repeated_sentence() -> None:
    twice = OVERVIEW + "\n\n全年召开新闻发布会6场。" + OVERVIEW
    messages = _messages(report_md(overview=twice), "L-6")
    assert len(messages) == 1 and "一、总体情况 第 1 段" in messages[0]
    assert _messages(report_md(overview=OVERVIEW + "\n\n全年召开新闻发布会6场。"), "L-6") == []


# ---------------------------------------------------------------- L-7 table-header wording
def test_l7_table_header_wording() -> None:
    table_like = "全年行政许可本年处理决定2134件，行政规范性文件本年制发5件。"
    messages = _messages(report_md(overview=table_like), "L-7")
    assert len(messages) == 2 and "作出行政许可" in messages[0] and "制发行政规范性文件" in messages[1]
    natural = "全年作出行政许可决定2134件，制发行政规范性文件5件。"
    assert _messages(report_md(overview=natural), "L-7") == []


# ---------------------------------------------------------------- L-8 placeholders
def test_l8_placeholder_blocks_and_cannot_be_acknowledged() -> None:
    text = report_md(problems="【待补充：本机关本年度政府信息公开工作存在的具体问题】")
    result = lint_draft(draft(text), accepted=["L-1", "L-5", "L-8"])
    assert [f.rule for f in result.errors] == ["L-8"] and not result.ok
    assert "存在的具体问题" in result.errors[0].message
