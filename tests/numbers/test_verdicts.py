"""One verdict vocabulary, and the prose rule of a quoted figure read from the format definition."""

from __future__ import annotations

import pytest

from report_copilot.checks.binding import rule_of
from report_copilot.checks.verdicts import (
    ERROR_VERDICTS,
    VERDICT_NAMES,
    Verdict,
    is_error_verdict,
    verdict_name,
)
from report_copilot.model.formats import load_format


def test_each_verdict_has_one_chinese_name_and_one_error_set() -> None:
    assert {v.value: v.zh for v in Verdict} == {
        "bound": "一致",
        "exempt": "不核对",
        "mismatch": "不符",
        "unsupported": "无出处",
        "ambiguous": "所指不明",
    }
    assert set(VERDICT_NAMES) == set(Verdict)
    assert {v.value for v in ERROR_VERDICTS} == {"mismatch", "unsupported", "ambiguous"}
    assert is_error_verdict("mismatch") and not is_error_verdict("bound") and not is_error_verdict(None)
    assert verdict_name("ambiguous") == "所指不明" and verdict_name("later") == "later"


def test_the_tui_shows_the_same_names() -> None:
    pytest.importorskip("textual")
    from report_copilot.tui.widgets.draft_view import PROBLEM_VERDICTS
    from report_copilot.tui.widgets.draft_view import VERDICT_NAMES as TUI_NAMES

    assert TUI_NAMES == {v.value: v.zh for v in Verdict}
    assert set(PROBLEM_VERDICTS) == {v.value for v in ERROR_VERDICTS}


@pytest.mark.parametrize("format_id", ["2019", "2021"])
@pytest.mark.parametrize(
    ("key", "rule"),
    [
        ("requests.new.total", "P-1"),
        ("requests.total.total", "P-2"),
        ("requests.carried_forward.total", "P-3"),
        ("requests.carried_over.total", "P-3"),
        ("requests.granted.total", "P-4"),
        ("derived.requests.denied.total", "P-4"),
        ("requests.new.natural_person", "P-6"),
        ("appeals.review.total", "P-7"),
        ("rate.requests.granted.total", "P-5"),
        ("yoy.requests.new.total.diff", "P-12"),
        ("fee.notices", "P-10"),
        ("fact.platforms.visits", "P-0"),
    ],
)
def test_the_prose_rule_comes_from_the_format(format_id: str, key: str, rule: str) -> None:
    assert rule_of(key, load_format(format_id)) == rule


def test_active_figures_are_p11() -> None:
    assert rule_of("active.normative_documents.issued", load_format("2021")) == "P-11"
    assert rule_of("active.licensing.previous_items", load_format("2019")) == "P-11"


@pytest.mark.parametrize(
    ("qualifier", "shown"),
    [
        (None, "72件"),
        ("约", "约72件"),
        ("超过", "超过72件"),
        ("余", "72余件"),
        ("以上", "72件以上"),
        ("左右", "72件左右"),
    ],
)
def test_a_qualifier_is_printed_where_prose_puts_it(qualifier: str | None, shown: str) -> None:
    """One home for the qualifier words: the extractor reads them where `quoted` prints them."""
    from report_copilot.checks.numbers import extract
    from report_copilot.model.refs import quoted

    assert quoted("72", "件", qualifier) == shown
    (span,) = extract(f"收到申请{shown}")
    assert span.text == shown and span.value == 72 and (span.qualifier or None) == qualifier
