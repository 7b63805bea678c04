"""Crawled tables whose cells ran together (crafted fixtures in the forms of real crawls; issue 10).

Each test asserts what is read and what stays unread: a run is split only where one split is
certain, and an inconsistent printed table is reported where the audit reports it once read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.published import import_text
from tests.review.real_forms import put, report_text, zero_data
from tests.review.test_import_real_forms import cells

HEAD = ["某某县审计局2020年政府信息公开工作年度报告"]
APPEALS = [
    f"appeals.{row}.{col}"
    for row in ("review", "direct_suit", "suit_after_review")
    for col in ("upheld", "corrected", "other", "pending", "total")
]


def _audit(tmp_path: Path, text: str) -> dict[str, Any]:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return dict(json.loads(CliRunner().invoke(app, ["audit", str(path), "--json"]).output))


def _errors(report: dict[str, Any], rule: str) -> set[str]:
    return {f["location"] for f in report["findings"] if f["rule"] == rule and f["severity"] == "error"}


def _inconsistent_appeals() -> dict[str, Any]:
    """Table 四 as a real county printed it: 复议后起诉 1 + 0 + 0 + 1, its 总计 0."""
    return put(
        zero_data(2020, "某某县审计局"),
        {
            "appeals.review.upheld": 1,
            "appeals.review.total": 1,
            "appeals.suit_after_review.upheld": 1,
            "appeals.suit_after_review.pending": 1,
            "appeals.suit_after_review.total": 0,
        },
    )


def test_table_four_as_one_run_of_a_digit_a_cell_is_read_even_when_inconsistent(tmp_path: Path) -> None:
    # Fifteen digits for fifteen cells: one digit a cell is the only reading; the table is read as
    # printed and the audit reports the broken total where it stands, not the row unread.
    data = _inconsistent_appeals()
    text = report_text(data, "digit_runs", head=HEAD)
    assert "100010000010010" in text  # the form itself
    got = cells(import_text(text).data)
    assert {cid: got[cid] for cid in APPEALS} == {cid: cells(data)[cid] for cid in APPEALS}
    assert _errors(_audit(tmp_path, text), "T4-1") == {"appeals.suit_after_review.total"}


def test_table_four_with_no_fitting_split_is_unread_and_reported_at_each_broken_total(tmp_path: Path) -> None:
    # 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0 with both totals printed 0: sixteen digits for fifteen
    # cells, three splits, each breaking 行政复议's and 复议后起诉's totals. Which split was meant is
    # unknown (nothing is read), that both totals are wrong is certain: reported at each of them.
    data = put(
        zero_data(2020, "某某县审计局"),
        {"appeals.review.upheld": 10, "appeals.review.corrected": 1, "appeals.suit_after_review.upheld": 5},
    )
    text = report_text(data, "digit_runs", head=HEAD)
    assert "1010000000050000" in text
    imported = import_text(text)
    got = cells(imported.data)
    assert all(got[cid] is None for cid in APPEALS)
    issues = [i for i in imported.issues if i.kind == "inconsistent"]
    assert {i.location for i in issues} == {"appeals.review.total", "appeals.suit_after_review.total"}
    assert set(APPEALS) <= set(imported.unreadable_cells)
    assert _errors(_audit(tmp_path, text), "T4-1") == {
        "appeals.review.total",
        "appeals.suit_after_review.total",
    }
