"""`--previous` of validate/check/draft/export takes last year's report as published, as init and
audit do: the clerk often has only last year's web page, not its data file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from report_copilot.cli import app
from tests.review.published import published_html

runner = CliRunner()


def _files(tmp_path: Path, example_2021: dict[str, Any]) -> tuple[Path, Path]:
    previous = example_2021.pop("previous")
    page = tmp_path / "2023.html"
    page.write_text(published_html(previous), encoding="utf-8")
    carried = previous["requests"]["carried_forward"]["natural_person"]
    example_2021["requests"]["carried_over"]["natural_person"] = carried + 1
    example_2021["requests"]["carried_over"]["total"] = None
    data = tmp_path / "2024.json"
    data.write_text(json.dumps(example_2021, ensure_ascii=False), encoding="utf-8")
    return data, page


def test_validate_runs_the_cross_year_rules_against_a_published_page(
    tmp_path: Path, example_2021: dict[str, Any]
) -> None:
    data, page = _files(tmp_path, example_2021)
    alone = runner.invoke(app, ["validate", str(data), "--json"])
    assert ("T3-5", "error") not in {(f["rule"], f["severity"]) for f in json.loads(alone.stdout)["findings"]}
    result = runner.invoke(app, ["validate", str(data), "--previous", str(page), "--json"])
    assert result.exit_code == 1, result.output
    assert ("T3-5", "error") in {(f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]}


def test_a_published_page_of_the_wrong_year_is_named(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    data, page = _files(tmp_path, example_2021)
    wrong = json.loads(data.read_text(encoding="utf-8"))
    wrong["meta"]["year"] = 2025
    data.write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(data), "--previous", str(page)])
    assert result.exit_code == 2
    assert str(page) in result.output and "应提供 2024 年度" in result.output
