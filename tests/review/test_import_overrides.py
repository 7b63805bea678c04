"""`--year` / `--format` given to `copilot import` that contradict the report are listed for checking."""

from __future__ import annotations

from typing import Any

from report_copilot.inputs.published import import_text
from tests.review.published import published_text


def test_a_year_or_format_that_contradicts_the_report_is_listed(example_2021: dict[str, Any]) -> None:
    example_2021.pop("previous")
    text = published_text(example_2021)
    year = example_2021["meta"]["year"]
    wrong = import_text(text, year=year + 6)
    assert wrong.data["meta"]["year"] == year + 6
    assert any(i.location == "meta.year" and f"原文写的是 {year} 年度" in i.message for i in wrong.issues)
    assert not any(i.location == "meta.year" for i in import_text(text, year=year).issues)
    older = import_text(text, format_id="2019")
    assert any(i.location == "meta.format" and "2021 格式的标签" in i.message for i in older.issues)
    assert not any(i.location == "meta.format" for i in import_text(text, format_id="2021").issues)
