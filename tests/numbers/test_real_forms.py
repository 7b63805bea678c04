"""Number forms found in published 政府信息公开工作年度报告 and in model-written drafts.

Each case is a crafted sentence (invented wording and figures on the bundled 2024 example, with its 2023
report as last year) reproducing a form seen in real reports: numbers placed before the noun
(共受理72件政府信息公开申请), 份/条 for applications, generic verbs governing another noun
(处理群众留言92条), 由上年的N件增至M件, shares of an applicant column (占新收申请总量的80.56%), a
specific name before a generic one (无法提供类答复23件，占办结总数的32.39%), "分别为" lists, numbers
without a measure word (部分公开8，占11.27%), zero claims (未收到政府信息公开申请, 未发生行政诉讼,
无下年度结转) and their look-alikes that are not claims (无法提供, 应公开而不予公开, 未经复议).

Figures of the example: 新收 72 (自然人 58, 法人或其他组织 14), 上年结转 3, 办结 71, 结转下年度 4;
予以公开 28, 部分公开 8, 不予公开 4, 无法提供 23, 不予处理 6, 其他处理 2; 行政复议 4 (维持 2, 纠正 1,
尚未审结 1), 行政诉讼 3; 上年新收 49, 上年办结 48.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.report import ReportBase
from tests.conftest import EXAMPLES
from tests.numbers.real_form_drafts import DRAFTS, CraftedDraft, plain, planted


def _zeroed(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _zeroed(v) for k, v in node.items()}
    return 0 if isinstance(node, int | float) else node


@pytest.fixture
def quiet_report(example_2021: dict[str, Any]) -> ReportBase:
    """The example with every request and appeal figure 0 (an agency that received no application)."""
    data = dict(example_2021)
    data.pop("previous")
    data["requests"] = _zeroed(data["requests"])
    data["appeals"] = _zeroed(data["appeals"])
    return report_from_data(data)


def verdicts(text: str, report: ReportBase, section: str | None = None) -> list[tuple[str, str, str | None]]:
    result = check_text(text, report, section)
    return [(m.text, m.verdict, m.ref) for m in result.mentions if m.verdict != "exempt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the number before the noun, 份 for applications
        ("本局共收到72份政府信息公开申请，均已在法定期限内答复。", [("72份", "bound", "requests.new.total")]),
        (
            "本年度共受理72件政府信息公开申请（其中自然人提交58件），同比上升46.94%。",
            [
                ("72件", "bound", "requests.new.total"),
                ("58件", "bound", "requests.new.natural_person"),
                ("46.94%", "bound", "yoy.requests.new.total.pct"),
            ],
        ),
        # a real report's contradiction: 受理 quotes a figure that is not 本年新收
        (
            "本年度，共受理政府信息公开申请70件，都在法定期限内予以答复。",
            [("70件", "mismatch", "requests.new.total")],
        ),
        # 由上年的N件增至M件: last year's value, then this year's (not the change)
        (
            "收到申请数量由上年的49件增至72件，办结量由上年的48件增至71件。",
            [
                ("49件", "bound", "yoy.requests.new.total.previous"),
                ("72件", "bound", "requests.new.total"),
                ("48件", "bound", "yoy.requests.total.total.previous"),
                ("71件", "bound", "requests.total.total"),
            ],
        ),
        (
            "收到申请数量由上年的49件增至70件。",
            [
                ("49件", "bound", "yoy.requests.new.total.previous"),
                ("70件", "mismatch", "requests.new.total"),
            ],
        ),
        # a bare applicant column is a split of the received applications (P-6), and its share
        (
            "从申请主体看，自然人提出申请58件，占新收申请总量的80.56%；法人或其他组织提出申请14件，占比19.44%。",
            [
                ("58件", "bound", "requests.new.natural_person"),
                ("80.56%", "bound", "rate.requests.new.natural_person"),
                ("14件", "bound", "derived.requests.new.legal_persons"),
                ("19.44%", "bound", "rate.requests.new.legal_persons"),
            ],
        ),
        (
            "自然人提出申请58件，占新收申请总量的80.65%。",
            [
                ("58件", "bound", "requests.new.natural_person"),
                ("80.65%", "mismatch", "rate.requests.new.natural_person"),
            ],
        ),
        # a specific name before a generic one: 无法提供类答复 is 无法提供, and its share of 办结
        (
            "无法提供类答复23件，占办结总数的32.39%。",
            [
                ("23件", "bound", "derived.requests.unavailable.total"),
                ("32.39%", "bound", "rate.requests.unavailable.total"),
            ],
        ),
        # a count printed without its measure word
        (
            "予以公开答复28件，占39.44%；部分公开8，占11.27%。",
            [
                ("28件", "bound", "requests.granted.total"),
                ("39.44%", "bound", "rate.requests.granted.total"),
                ("8", "bound", "requests.partially_granted.total"),
                ("11.27%", "bound", "rate.requests.partially_granted.total"),
            ],
        ),
        # 分别为: the n-th number quotes the n-th name
        (
            "予以公开、部分公开和不予公开的申请分别为28件、8件、4件。",
            [
                ("28件", "bound", "requests.granted.total"),
                ("8件", "bound", "requests.partially_granted.total"),
                ("4件", "bound", "derived.requests.denied.total"),
            ],
        ),
        (
            "予以公开、部分公开和不予公开的申请分别为28件、9件、4件。",
            [
                ("28件", "bound", "requests.granted.total"),
                ("9件", "mismatch", "requests.partially_granted.total"),
                ("4件", "bound", "derived.requests.denied.total"),
            ],
        ),
        (
            "不予处理和其他处理分别为六件和两件。",
            [
                ("六件", "bound", "derived.requests.not_processed.total"),
                ("两件", "bound", "derived.requests.other.total"),
            ],
        ),
        (
            "自然人和法人或其他组织提出的申请分别为58件和14件。",
            [
                ("58件", "bound", "requests.new.natural_person"),
                ("14件", "bound", "derived.requests.new.legal_persons"),
            ],
        ),
        # 次 for cases, 件次 for applications
        (
            "全年行政复议4次，行政诉讼3次。",
            [("4次", "bound", "appeals.review.total"), ("3次", "bound", "derived.appeals.litigation.total")],
        ),
        ("收到依申请公开来信72件次。", [("72件次", "bound", "requests.new.total")]),
        # 余 after a figure that is not round
        (
            "“云溪市场监管”微信公众号发布信息2300余条。",
            [("2300余条", "bound", "fact.platforms.wechat_posts")],
        ),
    ],
)
def test_real_form_binds(text: str, expected: list[tuple[str, str, str | None]], report: ReportBase) -> None:
    assert verdicts(text, report) == expected


def test_loose_measure_word_binds_with_a_warning(report: ReportBase) -> None:
    """收到申请72条: the figure is right, the measure word is not the table's; a remark, not an error."""
    result = check_text("全年收到依申请公开信息72条。", report)
    (m,) = [m for m in result.mentions if m.verdict != "exempt"]
    assert (m.verdict, m.ref) == ("bound", "requests.new.total")
    assert m.warning is not None and "件" in m.warning
    assert result.ok


def test_loose_measure_word_with_a_wrong_figure_is_an_error(report: ReportBase) -> None:
    result = check_text("本局收到政府信息公开申请73条。", report)
    (m,) = [m for m in result.mentions if m.verdict != "exempt"]
    assert m.is_error


@pytest.mark.parametrize(
    "text",
    [
        "本年度共处理群众来电热线工单92条。",
        "全年办结12345热线工单71件。",
        "本年度共受理投诉举报72件。",
    ],
)
def test_generic_verb_with_another_object_is_not_the_table(text: str, report: ReportBase) -> None:
    """处理/办结/受理 name a row of 三 only when what they govern is 申请: here they count other things."""
    previous = "本局收到政府信息公开申请72件。"
    result = check_text(previous + text, report)
    last = [m for m in result.mentions if m.verdict != "exempt"][-1]
    assert last.verdict == "unsupported"
    assert last.ref is None


# ---------------------------------------------------------------- zero claims
@pytest.mark.parametrize(
    ("text", "locations"),
    [
        ("本年度未收到政府信息公开申请。", [("P-1", "requests.new.total")]),
        ("全年未接到信息公开申请。", [("P-1", "requests.new.total")]),
        ("本局未收到法人或其他组织提出的政府信息公开申请。", [("P-6", "derived.requests.new.legal_persons")]),
        ("全年无行政复议案件。", [("P-7", "appeals.review.total")]),
        (
            "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
            [("P-7", "derived.appeals.litigation.total"), ("P-7", "appeals.review.total")],
        ),
        (
            "全年收到行政复议4件，未收到因政府信息公开申请引起的行政诉讼。",
            [("P-7", "derived.appeals.litigation.total")],
        ),
        ("申请均已办结，无下年度结转。", [("P-3", "requests.carried_forward.total")]),
        ("本年度没有不予公开的申请。", [("P-4", "derived.requests.denied.total")]),
    ],
)
def test_zero_claim_contradicting_the_table_is_an_error(
    text: str, locations: list[tuple[str, str]], report: ReportBase
) -> None:
    result = check_text(text, report)
    found = [(f.rule, f.location) for f in result.claims if f.severity == "error"]
    assert sorted(found) == sorted(locations)
    assert not result.ok
    assert all(f.expected == 0 and f.actual and f.actual > 0 for f in result.claims)


@pytest.mark.parametrize(
    "text",
    [
        "全年无属于国家秘密而不予公开的情形。",
        "在依申请公开工作中没有出现应公开而不予公开的情况。",
        "没有因申请人逾期未缴费而不再处理的申请。",
        "无法提供23件，尚未审结1件。",
        "未经复议直接起诉2件。",
        "全年未收到行政许可申请。",
        "本年度未收取信息处理费。",
        "全年行政复议4件，无纠正。",
    ],
)
def test_not_a_zero_claim_or_true(text: str, report: ReportBase) -> None:
    """Negations inside names, 而-clauses, and zero claims the table bears out never fire."""
    result = check_text(text, report)
    zero = [f for f in result.claims if f.expected == 0 and f.rule not in {"P-8", "P-10"}]
    assert zero == [], [f.message for f in zero]


@pytest.mark.parametrize(
    "text",
    [
        "本年度未收到政府信息公开申请。",
        "全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
        "本年度我局无依申请公开事项，无下年度结转。",
        "全年新收政府信息公开申请数量0件，上年结转政府信息公开申请数量0件。",
        "收到针对本局信息公开事务的行政复议0件、行政诉讼0件。",
    ],
)
def test_zero_claims_on_a_zero_table_never_fire(text: str, quiet_report: ReportBase) -> None:
    result = check_text(text, quiet_report)
    assert result.ok, [f.message for f in result.findings]
    assert [m.verdict for m in result.mentions if m.verdict != "exempt"] in ([], ["bound", "bound"])


def test_number_in_the_clause_is_left_to_the_binder(report: ReportBase) -> None:
    """行政复议0件 against 4: one mismatch on the number, not a second finding from the zero rule."""
    result = check_text("收到行政复议0件。", report)
    assert [m.verdict for m in result.mentions] == ["mismatch"]
    assert result.claims == []


# ---------------------------------------------------------------- model-style drafts
def _report_for(draft: CraftedDraft) -> ReportBase:
    data = json.loads((EXAMPLES / draft.data).read_text(encoding="utf-8"))
    if draft.previous:
        data["previous"] = json.loads((EXAMPLES / draft.previous).read_text(encoding="utf-8"))
    else:
        data.pop("previous", None)
    return report_from_data(data)


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.name for d in DRAFTS])
def test_crafted_draft_right_numbers_bind_and_planted_errors_are_flagged(draft: CraftedDraft) -> None:
    text = plain(draft.text)
    wrong_numbers, wrong_claims = planted(draft.text)
    result = check_text(text, _report_for(draft), draft.section)
    for m in result.mentions:
        planted_here = any(s <= m.start < e for s, e in wrong_numbers)
        if planted_here:
            assert m.is_error, f"planted error not flagged: {m.text}"
        else:
            assert m.verdict in {"bound", "exempt"}, f"false alarm on {m.text}: {m.message}"
    for s, e in wrong_numbers:
        assert any(s <= m.start < e for m in result.mentions), f"planted number not found: {text[s:e]}"
    errors = [f for f in result.claims if f.severity == "error"]
    for s, e in wrong_claims:
        assert any(text[s:e] in f.message for f in errors), f"planted claim not reported: {text[s:e]}"
    for f in errors:  # every claim error is about a planted claim or a sentence holding a planted number
        assert any(text[s:e] in f.message for s, e in wrong_claims + wrong_numbers), f.message


def test_crafted_drafts_without_markup_are_clean() -> None:
    """The same drafts with each planted error replaced by the right figure would bind; here: the
    markup helpers keep offsets exact."""
    for draft in DRAFTS:
        text = plain(draft.text)
        numbers, claims = planted(draft.text)
        assert "〖" not in text and "〘" not in text
        for s, e in numbers + claims:
            assert text[s:e] and text[s:e] in draft.text
    assert len(DRAFTS) >= 10
    assert Decimal(sum(len(planted(d.text)[0]) for d in DRAFTS)) >= 10
