"""`copilot init --previous` accepts last year's published report, not only a JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from report_copilot.cli import app
from tests.conftest import SEED_FILE
from tests.review.published import published_html

runner = CliRunner()


def test_init_from_the_published_seed(tmp_path: Path) -> None:
    out = tmp_path / "2020.json"
    seed = SEED_FILE
    result = runner.invoke(app, ["init", "-o", str(out), "--year", "2020", "--previous", str(seed)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["agency"] == "固原市人民政府办公室"
    assert data["active"]["normative_documents"]["total_published"] == 12
    assert isinstance(data["previous"], dict) and data["previous"]["meta"]["year"] == 2019
    # The embedded previous report is what validate reads for the cross-year checks.
    check = runner.invoke(app, ["validate", str(out), "--json"])
    assert check.exit_code == 1
    rules = {f["rule"] for f in json.loads(check.stdout)["findings"]}
    assert rules == {"T3-4"}  # only the cells still to fill in


def test_init_from_a_published_web_page(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    previous = example_2021.pop("previous")
    page = tmp_path / "2023.html"
    page.write_text(published_html(previous), encoding="utf-8")
    out = tmp_path / "2024.json"
    result = runner.invoke(app, ["init", "-o", str(out), "--year", "2024", "--previous", str(page)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["requests"]["carried_over"] == previous["requests"]["carried_forward"]
    assert (
        data["active"]["normative_documents"]["in_force"]
        == previous["active"]["normative_documents"]["in_force"]
    )


def test_init_with_wrong_year_of_published_report(tmp_path: Path) -> None:
    seed = SEED_FILE
    result = runner.invoke(
        app, ["init", "-o", str(tmp_path / "x.json"), "--year", "2022", "--previous", str(seed)]
    )
    assert result.exit_code == 2 and "2019" in result.output
