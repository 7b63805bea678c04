"""Every numeral form is read (or refused), never skipped; invisible characters never bind.

Against the bundled 2024 example: 新收 72, 行政复议 4, 行政诉讼 3. Each hostile form below reached the
Word file with 核对通过 before (issue 12): it must now bind when true and be flagged when not.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.checks import numerals
from report_copilot.checks.numbers import extract
from report_copilot.checks.prose import check_text
from report_copilot.cli import app
from report_copilot.model.hygiene import HIDDEN, describe, hidden_chars, strip_hidden
from report_copilot.model.report import ReportBase
from tests.conftest import EXAMPLES


def _live(text: str, report: ReportBase) -> list[tuple[str, str]]:
    return [(m.text, m.verdict.value) for m in check_text(text, report, "requests").mentions]


@pytest.mark.parametrize(
    ("text", "written", "verdict"),
    [
        ("本局新收政府信息公开申请柒拾叁件。", "柒拾叁件", "mismatch"),
        ("本局新收政府信息公开申请柒拾贰件。", "柒拾贰件", "bound"),
        ("被提起行政诉讼⑤件。", "⑤件", "mismatch"),
        ("被提起行政诉讼③件。", "③件", "bound"),
        ("行政复议Ⅲ件。", "Ⅲ件", "mismatch"),
        ("行政复议Ⅳ件。", "Ⅳ件", "bound"),
        ("本年新收政府信息公开申请⁷³件。", "⁷³件", "mismatch"),
        ("本年新收政府信息公开申请７２件。", "７２件", "bound"),
        ("本年新收政府信息公开申请٧٢件。", "٧٢件", "bound"),
        ("本年共收到申请玖仟玖佰玖拾玖件。", "玖仟玖佰玖拾玖件", "mismatch"),
        ("门户网站访问量叁拾伍万次。", "叁拾伍万次", "unsupported"),
        ("本年新收申请½件。", "½", "unsupported"),
    ],
)
def test_every_numeral_form_is_bound_or_flagged(
    report: ReportBase, text: str, written: str, verdict: str
) -> None:
    mentions = [m for m in check_text(text, report, "requests").mentions if m.verdict != "exempt"]
    assert [(m.text, m.verdict.value) for m in mentions] == [(written, verdict)]
    m = mentions[0]
    assert text[m.start : m.end] == written  # offsets point into the text as written


def test_a_mixed_capital_numeral_has_its_value() -> None:
    (span,) = extract("收到群众来电叁拾伍万次")
    assert span.value == 350000 and span.unit == "次" and span.text == "叁拾伍万次"


def test_words_that_share_a_capital_character_are_not_numbers() -> None:
    assert extract("加强队伍建设，各项工作陆续推进，收拾整理档案。") == []


def test_a_circled_number_as_a_list_marker_is_exempt() -> None:
    (span,) = extract("①加强组织领导。")
    assert span.exempt == "列举序号"


def test_a_number_behind_a_bidi_control_never_binds(report: ReportBase) -> None:
    text = "本年新收政府信息公开申请\u202e72\u202c件。"
    result = check_text(text, report, "requests")
    (m,) = [m for m in result.mentions if m.verdict != "exempt"]
    assert m.verdict == "unsupported" and "显示顺序" in m.message
    (h1,) = [f for f in result.findings if f.rule == "H-1"]
    assert h1.severity == "error" and "U+202E" in h1.message
    assert not result.ok


@pytest.mark.parametrize("hidden", ["\u200b", "\u200d", "\ufeff", "\u2060", "\u00ad"])
def test_a_number_split_by_an_invisible_character_is_refused(report: ReportBase, hidden: str) -> None:
    text = f"本年新收政府信息公开申请7{hidden}2件。"
    result = check_text(text, report, "requests")
    assert [m.verdict.value for m in result.mentions] == ["unsupported"]
    assert any(f.rule == "H-1" for f in result.findings) and not result.ok


def test_invisible_characters_in_a_paragraph_are_a_finding_naming_it(tmp_path: Any) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# 云溪市市场监督管理局2024年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n"
        "2024年，本局新收政府信息公开申请72件。\n\n本局高度重视\u200b依申请公开工作。\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(draft), "--data", str(EXAMPLES / "yunxi-amr-2024.json")])
    assert result.exit_code == 1, result.output
    assert "H-1" in result.output and "U+200B" in result.output


def test_hygiene_finds_and_strips_every_hidden_character() -> None:
    text = "a\u202eb\u2066c\u200bd\u200fe"
    assert [h.code for h in hidden_chars(text)] == ["U+202E", "U+2066", "U+200B", "U+200F"]
    assert strip_hidden(text) == "abcde"
    assert describe(hidden_chars(text)).startswith("U+202E（双向文本控制符）")


def test_the_hidden_character_class_matches_unicode() -> None:
    """Every Cf/Zl/Zp character, and every control but tab, LF and CR, is hidden; nothing else is."""
    if not unicodedata.unidata_version.startswith("14."):
        pytest.skip("the class is written for Unicode 14; regenerate it for this Python's Unicode data")
    wrong = []
    for cp in range(0x110000):
        ch = chr(cp)
        want = unicodedata.category(ch) in {"Cf", "Zl", "Zp"} or (
            unicodedata.category(ch) == "Cc" and ch not in "\t\n\r"
        )
        if want != bool(HIDDEN.fullmatch(ch)):
            wrong.append(hex(cp))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "exempt"),
    [
        ("办理群众诉求12345件。", False),
        ("拨打12345热线反映问题。", True),
        ("通过12345政务服务便民热线受理诉求。", True),
        ("12345平台转办工单。", True),
        ("本年共收到申请13912345678件。", False),
        ("咨询电话：13912345678。", True),
        ("联系电话为0591-87654321。", True),
    ],
)
def test_service_lines_and_telephone_numbers_are_exempt_only_in_their_context(
    text: str, exempt: bool
) -> None:
    spans = extract(text)
    assert spans and all((s.exempt is not None) == exempt for s in spans)


def test_a_count_written_as_a_telephone_number_is_checked(report: ReportBase) -> None:
    assert _live("本年共收到政府信息公开申请13912345678件。", report) == [("13912345678件", "mismatch")]


def _runs(alphabet: str, longest: int) -> list[str]:
    return ["".join(p) for n in range(1, longest + 1) for p in itertools.product(alphabet, repeat=n)]


def _outcome(read: Callable[..., Decimal], *args: str) -> str:
    try:
        return str(read(*args))  # the string too: 15 and 15.0 would print differently
    except ValueError:
        return "not a numeral"


def test_numerals_read_without_cn2an_are_read_as_cn2an_reads_them() -> None:
    # every run of up to three of these characters: the fast path (single digits, numbers below a
    # hundred) must give what cn2an gives, and refuse what cn2an refuses
    for run in _runs("零〇一二两三四五六七八九十百", 3):
        digits = all(ch in numerals.CN_DIGITS for ch in run) and len(run) > 1
        if digits and ("〇" in run or "零" in run[1:] or len(run) >= 3):
            continue  # digit strings (二〇一九) are read digit by digit before either path
        ours = _outcome(numerals.chinese_to_decimal, run)
        theirs = _outcome(numerals._read_with_cn2an, run, run.replace("两", "二"))
        assert ours == theirs, run


def test_units_without_a_digit_are_refused_as_cn2an_refuses_them() -> None:
    # 万 or 百万 alone (a lone 万 occurs in real prose): refused without loading cn2an for it
    for run in _runs("百千万亿", 4):
        ours = _outcome(numerals.chinese_to_decimal, run)
        assert ours == "not a numeral" == _outcome(numerals._read_with_cn2an, run, run), run
