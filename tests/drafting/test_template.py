"""The offline template drafter: complete structure, official register, and numbers that check."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_copilot.checks.lint import lint_draft
from report_copilot.checks.prose import check_draft, check_text
from report_copilot.drafting.base import NARRATIVE_SECTIONS, sentence
from report_copilot.drafting.points import enumerate_points, normalise_note
from report_copilot.drafting.template import TemplateDrafter, template_draft
from report_copilot.inputs.json_input import load_report, report_from_data
from report_copilot.model.draft import OVERVIEW_SUBSECTIONS, SECTION_HEADINGS
from tests.conftest import EXAMPLES, load_example, set_cell

ERROR_VERDICTS = {"mismatch", "unsupported", "ambiguous"}


def _bad(check: Any) -> list[str]:
    return [f"{m.text}: {m.message}" for m in check.mentions if m.verdict in ERROR_VERDICTS]


@pytest.mark.parametrize("example", ["example_2021", "seed_2019"])
def test_template_numbers_pass_the_checker(example: str, request: pytest.FixtureRequest) -> None:
    report = report_from_data(request.getfixturevalue(example))
    draft, _ = template_draft(report)
    check = check_draft(draft, report)
    assert _bad(check) == []
    assert check.ok
    bound = [m for m in check.mentions if m.verdict == "bound"]
    assert len(bound) >= 8, "the template quotes the report's figures"


def test_template_structure_2021(example_2021: dict[str, Any]) -> None:
    report = report_from_data(example_2021)
    draft, warnings = template_draft(report)
    assert draft.title == "云溪市市场监督管理局2024年政府信息公开工作年度报告"
    headings = [b.text for b in draft.blocks if b.kind == "heading"]
    expected = [
        SECTION_HEADINGS["overview"],
        *OVERVIEW_SUBSECTIONS.values(),
        SECTION_HEADINGS["active"],
        SECTION_HEADINGS["requests"],
        SECTION_HEADINGS["appeals"],
        SECTION_HEADINGS["problems"],
        SECTION_HEADINGS["other"],
    ]
    assert headings == expected
    assert draft.table_ids() == ["active", "requests", "appeals"]
    assert draft.blocks[-1].kind == "signature" and draft.blocks[-1].text.endswith("2025年1月20日")
    preface = " ".join(b.text for b in draft.section_blocks("preface") if b.kind == "paragraph")
    for part in (
        "国办公开办函〔2021〕30号",
        "2024年1月1日",
        "2024年12月31日",
        "云溪市市场监督管理局门户网站",
        "0795-6213345",
    ):
        assert part in preface
    for key in OVERVIEW_SUBSECTIONS:
        assert [b for b in draft.section_blocks(key) if b.kind == "paragraph"], key
    other = [b.text for b in draft.section_blocks("other") if b.kind == "paragraph"]
    assert "信息处理费" in other[0] and "国办函〔2020〕109号" in other[0]
    assert "标准化规范化" in other[1]
    problems = " ".join(b.text for b in draft.section_blocks("problems"))
    assert "上年度报告" in problems and "2025年" in problems
    assert warnings == [], [w.message for w in warnings]


def test_register_has_no_first_person_and_numbered_points(example_2021: dict[str, Any]) -> None:
    draft, _ = template_draft(report_from_data(example_2021))
    text = "\n".join(b.text for b in draft.blocks)
    assert "我们" not in text and "您" not in text
    assert "一是" in text and "二是" in text
    assert not re.search(
        r"[0-9]年[^0-9]", text.replace("2024年", "").replace("2025年", "").replace("2023年", "")
    )


def test_notes_missing_write_sober_sentences_and_warn(seed_2019: dict[str, Any]) -> None:
    report = report_from_data(seed_2019)
    draft, warnings = template_draft(report)
    fields = {w.location for w in warnings}
    assert {"notes.information_management", "notes.problems", "notes.measures", "meta.contact"} <= fields
    assert all(w.severity == "warning" for w in warnings)
    rules = {w.location: w.rule for w in warnings}
    assert rules.pop("processing_fee") == "DRAFT-MISSING"  # a blank fee is missing data, not a note
    assert set(rules.values()) == {"DRAFT-NOTES"}
    other = [b.text for b in draft.section_blocks("other") if b.kind == "paragraph"]
    assert other[-1] == "无其他需要报告的事项。"
    assert "市政府办公室" in draft.blocks[1].text or "本报告依据" in draft.blocks[1].text


def test_government_report_asks_for_assessment_results(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    data["meta"]["is_government"] = True
    data["notes"]["oversight"] = ["完善政务公开工作制度"]
    _, warnings = template_draft(report_from_data(data))
    assert any("工作考核、社会评议和责任追究" in w.message for w in warnings)
    data["notes"]["oversight"] = ["将政务公开纳入年度绩效考核，考核结果为优秀"]
    _, warnings = template_draft(report_from_data(data))
    assert not any("责任追究" in w.message for w in warnings)


@pytest.mark.parametrize(
    ("fee", "unpaid", "expected"),
    [
        ({"notices": 0, "amount_yuan": 0}, 0, "未发出收费通知，未收取信息处理费"),
        ({"notices": 3, "amount_yuan": 200}, 1, "发出收费通知3件，收取信息处理费200元"),
        ({"notices": 2, "amount_yuan": 0}, 2, "未实际收取信息处理费"),
        (None, 0, "【待补充：信息处理费收取情况"),
    ],
)
def test_fee_sentence_follows_the_data(
    example_2021: dict[str, Any], fee: dict[str, int] | None, unpaid: int, expected: str
) -> None:
    data = copy.deepcopy(example_2021)
    data["processing_fee"] = fee
    # move `unpaid` natural-person applications from 予以公开 to （六）2 so every identity still holds
    data = set_cell(data, "requests.other.no_fee_paid.natural_person", unpaid)
    data = set_cell(data, "requests.other.no_fee_paid.total", unpaid)
    data = set_cell(data, "requests.granted.natural_person", 21 - unpaid)
    data = set_cell(data, "requests.granted.total", 28 - unpaid)
    report = report_from_data(data)
    drafter = TemplateDrafter(report)
    text = drafter.fee_sentences()[0]
    assert expected in text
    if unpaid:
        assert f"缴纳费用的申请{unpaid}件" in text
    assert check_text(text, report, "other").ok
    if fee is None:  # blank is not zero: no 未收取 of any kind
        assert "未收取" not in text and "未发出" not in text
    assert (fee is None) == any(w.location == "processing_fee" for w in drafter.warnings)


def test_zero_appeals_say_so_in_words(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    for row in ("review", "direct_suit", "suit_after_review"):
        for col in ("upheld", "corrected", "other", "pending", "total"):
            data = set_cell(data, f"appeals.{row}.{col}", 0)
    report = report_from_data(data)
    text = TemplateDrafter(report).appeals_sentence()
    assert "未发生因政府信息公开工作引起的行政复议和行政诉讼" in text
    assert not re.search(r"\d+件", text)


def test_template_is_deterministic(example_2021: dict[str, Any]) -> None:
    a, _ = template_draft(report_from_data(example_2021))
    b, _ = template_draft(report_from_data(copy.deepcopy(example_2021)))
    assert a == b
    assert set(NARRATIVE_SECTIONS) <= {blk.section for blk in a.blocks} | {"preface"}


def test_text_helpers() -> None:
    assert enumerate_points(["甲；", "乙。", " "]) == "一是甲；二是乙。"
    assert enumerate_points(["只有一项，"]) == "只有一项。"
    assert enumerate_points([]) == ""
    assert sentence("完成整改") == "完成整改。"
    assert sentence("已完成。") == "已完成。"


# ---------------------------------------------------------------- generality: any consistent data
_RESULT_ROWS = None


def _result_rows() -> list[str]:
    report = report_from_data(load_example("yunxi-amr-2024.json") | {"previous": None})
    block = report.format.table("requests").blocks[0]
    total = block.row("total")
    return list(total.sum_of or ())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.lists(st.integers(0, 60), min_size=21 * 6, max_size=21 * 6),
    carried=st.lists(st.integers(0, 5), min_size=6, max_size=6),
    forward=st.lists(st.integers(0, 5), min_size=6, max_size=6),
    appeals=st.lists(st.integers(0, 4), min_size=12, max_size=12),
    active=st.lists(st.integers(0, 3000), min_size=9, max_size=9),
)
def test_template_checks_on_any_consistent_2021_data(
    cells: list[int], carried: list[int], forward: list[int], appeals: list[int], active: list[int]
) -> None:
    data = load_example("yunxi-amr-2024.json")
    data["previous"] = None
    columns = ["natural_person", "business", "research", "public_interest", "legal_services", "other_org"]
    rows = _result_rows()
    totals = dict.fromkeys(columns, 0)
    for i, row in enumerate(rows):
        for j, col in enumerate(columns):
            value = cells[i * 6 + j]
            data = set_cell(data, f"requests.{row}.{col}", value)
            totals[col] += value
        data = set_cell(data, f"requests.{row}.total", None)
    for j, col in enumerate(columns):
        co = min(carried[j], totals[col] + forward[j])
        data = set_cell(data, f"requests.carried_over.{col}", co)
        data = set_cell(data, f"requests.carried_forward.{col}", forward[j])
        data = set_cell(data, f"requests.new.{col}", totals[col] + forward[j] - co)
    for name in ("new", "carried_over", "total", "carried_forward"):
        data = set_cell(data, f"requests.{name}.total", None)
    for col in columns:
        data = set_cell(data, f"requests.total.{col}", None)
    for i, row in enumerate(("review", "direct_suit", "suit_after_review")):
        for j, col in enumerate(("upheld", "corrected", "other", "pending")):
            data = set_cell(data, f"appeals.{row}.{col}", appeals[i * 4 + j])
        data = set_cell(data, f"appeals.{row}.total", None)
    active_cells = [
        "regulations.issued", "regulations.abolished", "regulations.in_force",
        "normative_documents.issued", "normative_documents.abolished", "normative_documents.in_force",
        "licensing.decisions", "penalty.decisions", "enforcement.decisions",
    ]  # fmt: skip
    for cell, value in zip(active_cells, active, strict=True):
        data = set_cell(data, f"active.{cell}", value)
    report = report_from_data(data)
    draft, _ = template_draft(report)
    check = check_draft(draft, report)
    assert _bad(check) == []
    lint = [f.message for f in lint_draft(draft, report).findings if f.rule in {"L-4", "L-5", "L-6", "L-7"}]
    assert lint == []


# ---------------------------------------------------------------- prose evaluators accept (issue 15)
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_template_drafts_of_every_example_pass_the_prose_lint(name: str) -> None:
    report = load_report(EXAMPLES / name)
    draft, _ = template_draft(report)
    findings = lint_draft(draft, report).findings
    assert [f.message for f in findings if f.rule in {"L-4", "L-5", "L-6", "L-7"}] == []
    assert [f.message for f in check_draft(draft, report).findings] == []  # no P-9 其中 slip either


def test_table_figures_read_as_prose_not_as_headers(example_2021: dict[str, Any]) -> None:
    text = "\n".join(b.text for b in template_draft(report_from_data(example_2021))[0].blocks)
    assert "作出行政许可决定2134件" in text and "制发行政规范性文件5件" in text
    assert "本年处理决定" not in text and "本年制发" not in text


def test_no_notes_means_placeholders_that_block_not_empty_words(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    data["notes"] = {}
    report = report_from_data(data)
    draft, warnings = template_draft(report)
    text = "\n".join(b.text for b in draft.blocks)
    assert "通过政府网站等渠道发布政府信息" not in text
    placeholders = [f for f in lint_draft(draft, report).findings if f.rule == "L-8"]
    assert len(placeholders) >= 7 and all(f.severity == "error" for f in placeholders)
    assert any("门户网站、政务新媒体" in f.message for f in placeholders)
    assert {"notes.platforms", "notes.problems", "notes.measures"} <= {w.location for w in warnings}
    assert check_draft(draft, report).ok  # the figures around the placeholders still check


def test_openers_differ_between_agencies(example_2021: dict[str, Any]) -> None:
    openers = set()
    for agency in (
        "云溪市市场监督管理局",
        "云溪市生态环境局",
        "云溪市财政局",
        "云溪市教育局",
        "云溪市司法局",
    ):
        data = copy.deepcopy(example_2021)
        data["meta"]["agency"] = agency
        draft, _ = template_draft(report_from_data(data))
        openers.add(draft.section_blocks("overview")[1].text.split("。")[0].replace(agency, ""))
    assert len(openers) >= 2


@pytest.mark.parametrize("count", [1, 2, 10, 11, 21, 25])
def test_any_number_of_notes_is_numbered(example_2021: dict[str, Any], count: int) -> None:
    data = copy.deepcopy(example_2021)
    data["notes"]["measures"] = [f"完善第{n}项工作机制" for n in range(1, count + 1)]
    report = report_from_data(data)
    draft, _ = template_draft(report)
    problems = " ".join(b.text for b in draft.section_blocks("problems"))
    if count > 1:
        assert f"{'二十一' if count >= 21 else '二'}是完善第" in problems
    assert [f for f in lint_draft(draft, report).findings if f.rule == "L-4"] == []


def test_notes_numbered_by_the_clerk_are_not_numbered_twice(example_2021: dict[str, Any]) -> None:
    data = copy.deepcopy(example_2021)
    data["notes"]["platforms"] = [
        "一是门户网站完成适老化改造；",
        "2）开通政务微博",
        "（三）规范新媒体管理",
        "①建立网站留言办理台账",
    ]
    data["notes"]["oversight"] = ["1. 将政务公开纳入绩效考核", "2、聘请社会监督员", "3.5万人次参与网上评议"]
    report = report_from_data(data | {"facts": []})
    draft, _ = template_draft(report)
    platforms = draft.section_blocks("overview.platforms")[1].text
    assert (
        "一是门户网站完成适老化改造；二是开通政务微博；三是规范新媒体管理；四是建立网站留言办理台账。"
        in platforms
    )
    oversight = draft.section_blocks("overview.oversight")[1].text
    assert "一是将政务公开纳入绩效考核；二是聘请社会监督员；三是3.5万人次参与网上评议" in oversight
    assert [f for f in lint_draft(draft, report).findings if f.rule == "L-4"] == []


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("一是加强培训；", "加强培训"),
        ("（一）加强培训", "加强培训"),
        ("(2) 加强培训", "加强培训"),
        ("1. 加强培训", "加强培训"),
        ("1、加强培训", "加强培训"),
        ("2）加强培训。", "加强培训"),
        ("① 加强培训", "加强培训"),
        ("十二是加强培训", "加强培训"),
        ("第一，加强培训", "加强培训"),
        ("2.1万人次参加培训", "2.1万人次参加培训"),
        ("12345热线转办件全部按时办结", "12345热线转办件全部按时办结"),
        ("一站式服务窗口设立公开查阅点", "一站式服务窗口设立公开查阅点"),
    ],
)
def test_note_normalisation(note: str, expected: str) -> None:
    assert normalise_note(note) == expected


def test_a_blank_fee_is_a_finding_in_the_2019_format_too(seed_2019: dict[str, Any]) -> None:
    report = report_from_data(seed_2019)
    draft, warnings = template_draft(report)
    other = " ".join(b.text for b in draft.section_blocks("other"))
    assert "未收取" not in other and "【待补充：信息处理费" in other
    assert any(w.location == "processing_fee" for w in warnings)
