"""Property tests: any figure, quoted the way drafters quote it, binds back to itself; any other
value in its place is always flagged."""

from __future__ import annotations

import json
from decimal import Decimal

import cn2an
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from report_copilot.checks.aliases import index_for
from report_copilot.checks.derived import references
from report_copilot.checks.prose import check_text
from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.refs import Reference, percent_text, plain
from report_copilot.model.report import ReportBase
from tests.conftest import EXAMPLES


def _load(name: str, previous: str | None = None) -> ReportBase:
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    data["previous"] = json.loads((EXAMPLES / previous).read_text(encoding="utf-8")) if previous else None
    return report_from_data(data)


REPORTS = {
    "2024": _load("yunxi-amr-2024.json", "yunxi-amr-2023.json"),
    "2019": _load("guyuan-2019.json"),
}
KEYS = sorted((name, key) for name, r in REPORTS.items() for key in references(r))
CHECKED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SENTENCES = (
    "{q}。",
    "{year}年，本机关{q}。",
    "全年{q}，较好完成了各项工作。",
    "{other}，{q}。",
)


def _sentence(report: ReportBase, ref: Reference, quote: str, template: str) -> str:
    other = (
        references(report)["requests.new.total"].phrase()
        if ref.key != "requests.new.total"
        else "全年工作有序推进"
    )
    return template.format(q=quote, year=report.meta.year, other=other)


def _the(report: ReportBase, text: str, quote: str):  # noqa: ANN202 - the Mention of `quote`
    start = text.index(quote)
    return [m for m in check_text(text, report).mentions if start <= m.start < start + len(quote)]


@CHECKED
@given(st.sampled_from(KEYS), st.sampled_from(SENTENCES))
def test_any_reference_quoted_by_its_label_binds_to_itself(item: tuple[str, str], template: str) -> None:
    report = REPORTS[item[0]]
    ref = references(report)[item[1]]
    quote = ref.phrase()
    text = _sentence(report, ref, quote, template)
    mentions = [m for m in _the(report, text, quote) if m.verdict != "exempt"]
    assert [(m.verdict, m.ref) for m in mentions] == [("bound", ref.key)], (
        text,
        [m.message for m in mentions],
    )


def _alias_quotes() -> list[tuple[str, str, str]]:
    """(report, cell key, quote) for every row alias naming exactly one row: 收到政府信息公开申请72件."""
    out: list[tuple[str, str, str]] = []
    for name, report in REPORTS.items():
        refs = references(report)
        index = index_for(report)
        for alias, concepts in index.concepts.items():
            rows = [c for c in concepts if c.kind == "row"]
            if len(rows) != 1 or len(concepts) != 1:
                continue
            row = rows[0]
            table = report.format.table(row.table)
            block = index.row_blocks[(row.table, row.id)]
            total = next((c for c in block.columns if c.sum_of), None)
            if total is None and len(block.columns) != 1:
                continue
            col = total or block.columns[0]
            key = f"{row.table}.{row.id}.{col.id}"
            ref = refs.get(key) or refs.get(f"derived.{key}")
            if ref is None:
                continue
            context = "" if any(w in alias for w in table.prose_context) else "".join(table.prose_context[:1])
            out.append(
                (name, ref.key, f"{alias}{'政府信息公开' if context else ''}{context}{ref.text}{ref.unit}")
            )
    return sorted(out)


ALIAS_QUOTES = _alias_quotes()


@CHECKED
@given(st.sampled_from(ALIAS_QUOTES))
def test_any_row_alias_of_the_format_binds_to_its_row(item: tuple[str, str, str]) -> None:
    name, key, quote = item
    report = REPORTS[name]
    mentions = [m for m in _the(report, f"{quote}。", quote) if m.verdict != "exempt"]
    assert [(m.verdict, m.ref) for m in mentions] == [("bound", key)], (quote, [m.message for m in mentions])


def _changed(ref: Reference, delta: int) -> str | None:
    """The reference's phrase with another value in place of its own (None when not renderable)."""
    if ref.kind == "rate" or ref.unit == "%" or ref.unit == "个百分点":
        new = abs(Decimal(ref.text)) + Decimal(delta) / 100
        return None if new < 0 else f"{ref.label}{percent_text(new)}{ref.unit}"
    value = Decimal(ref.text)
    new = value + delta
    if new < 0 or ("较上年" in ref.label and new == 0 and value != 0):
        return None
    if ref.qualifier:
        return None
    return f"{ref.label}{plain(new)}{ref.unit}"


@CHECKED
@given(st.sampled_from(KEYS), st.integers(-500, 500).filter(lambda d: d != 0), st.sampled_from(SENTENCES))
@example(("2024", "requests.total.business"), 1, "{q}。")  # 办结…（商业企业）9件 = 新收 + 结转: a warning
def test_changing_any_quoted_value_is_always_flagged(
    item: tuple[str, str], delta: int, template: str
) -> None:
    report = REPORTS[item[0]]
    ref = references(report)[item[1]]
    quote = _changed(ref, delta)
    if quote is None:
        return
    text = _sentence(report, ref, quote, template)
    result = check_text(text, report)
    # A changed value may meet another reading the binder knows (办结 = 新收 + 上年结转 while the table
    # carries one forward): that is flagged as a warning, by design, rather than as an error.
    assert not result.ok or any(m.warning for m in result.mentions), text


@CHECKED
@given(st.sampled_from(KEYS), st.integers(1, 30))
@example(("2024", "requests.total.natural_person"), 3)  # 办结…（自然人）六十件 = 新收 57 + 结转 3: a warning
def test_a_wrong_value_in_chinese_numerals_is_flagged_and_the_right_one_binds(
    item: tuple[str, str], delta: int
) -> None:
    report = REPORTS[item[0]]
    ref = references(report)[item[1]]
    if ref.kind in {"rate", "yoy"} or ref.unit in {"%", "万元", "元"} or ref.qualifier:
        return
    value = int(Decimal(ref.text))
    right = f"{ref.label}{cn2an.an2cn(str(value), 'low')}{ref.unit}。"
    wrong = f"{ref.label}{cn2an.an2cn(str(value + delta), 'low')}{ref.unit}。"
    assert check_text(right, report).ok, right
    result = check_text(wrong, report)
    # As in test_changing_any_quoted_value_is_always_flagged: a wrong value that meets another reading
    # the binder knows (办结 = 新收 + 上年结转) is flagged as a warning, by design.
    assert not result.ok or any(m.warning for m in result.mentions), wrong
