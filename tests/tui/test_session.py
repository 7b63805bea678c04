"""The editing session (no terminal): cell parsing, live checks, refusal, autosave and restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from report_copilot.errors import InputError
from report_copilot.model.formats import load_format
from report_copilot.tui.autosave import autosave_path
from report_copilot.tui.cell_text import CellInputError, cell_text, parse_cell_text
from report_copilot.tui.session import EditSession
from tests.tui.conftest import read

F2021 = load_format("2021")
F2019 = load_format("2019")
COUNT = F2021.cell("requests.new.natural_person")
AMOUNT = F2021.cell("active.fees.amount")
SIGNED = F2019.cell("active.licensing.change")
MONEY = F2019.cell("active.procurement.amount")


@pytest.mark.parametrize(
    ("cell", "text", "expected"),
    [
        (COUNT, "58", 58),
        (COUNT, " 1,234 ", 1234),
        (COUNT, "１２", 12),  # full-width digits from a Chinese input method
        (COUNT, "", None),  # blank is missing, not zero
        (COUNT, "0", 0),
        (SIGNED, "-3", -3),
        (SIGNED, "+4", 4),
        (AMOUNT, "12.5", 12.5),
        (AMOUNT, "7", 7),
        (MONEY, "251000元", {"value": 251000, "unit": "元"}),
        (MONEY, "25.1万元", {"value": 25.1, "unit": "万元"}),
        (MONEY, "300", {"value": 300, "unit": "元"}),
    ],
    ids=lambda v: repr(v) if isinstance(v, str) else None,
)
def test_cell_text_is_parsed_by_kind(cell: Any, text: str, expected: Any) -> None:
    assert parse_cell_text(cell, text) == expected


@pytest.mark.parametrize(
    ("cell", "text", "reason"),
    [
        (COUNT, "abc", "不能是文字"),
        (COUNT, "12件", "不能是文字"),
        (COUNT, "-1", "不能为负数"),
        (COUNT, "2.5", "不能有小数"),
        (COUNT, "1-2", "应为非负整数"),
        (SIGNED, "1.5", "不能有小数"),
        (AMOUNT, "-0.5", "不能为负数"),
        (MONEY, "-5元", "不能为负数"),
        (MONEY, "五万元", "应为金额"),
    ],
)
def test_invalid_cell_text_is_refused_in_chinese(cell: Any, text: str, reason: str) -> None:
    with pytest.raises(CellInputError) as info:
        parse_cell_text(cell, text)
    assert reason in info.value.message
    assert cell.where in info.value.message
    assert info.value.location == cell.id


def test_cell_text_round_trips_stored_values() -> None:
    assert cell_text({"value": 251000, "unit": "元"}) == "251000元"
    assert cell_text(3.0) == "3"
    assert cell_text(None) == ""


def test_identity_breaks_and_heals(data_file: Path) -> None:
    session = EditSession.open(data_file)
    assert session.result.check.ok and not session.dirty
    session.set_cell("requests.new.natural_person", "59")
    rules = {f.rule for f in session.result.check.findings}
    assert rules == {"T3-1", "T3-2"}
    marks = session.result.marks()
    assert marks["requests.new.natural_person"] == "error"
    assert marks["requests.new.total"] == "error"
    assert marks["requests.new.business"] == "involved-error"
    assert session.dirty
    session.set_cell("requests.new.natural_person", "58")
    assert session.result.check.findings == []
    assert not session.dirty


def test_refused_cell_keeps_previous_value(data_file: Path) -> None:
    session = EditSession.open(data_file)
    with pytest.raises(CellInputError):
        session.set_cell("requests.new.natural_person", "-4")
    assert session.value("requests.new.natural_person") == 58
    assert not session.dirty
    assert not autosave_path(data_file).exists()


def test_refused_field_keeps_previous_value(data_file: Path) -> None:
    session = EditSession.open(data_file)
    with pytest.raises(InputError) as info:
        session.set_field("meta.contact.postcode", "12")
    assert "已保留原值" in info.value.message
    assert session.value("meta.contact.postcode") == "335100"
    assert session.result.check.ok


def test_blank_total_is_computed(data_file: Path) -> None:
    session = EditSession.open(data_file)
    session.set_cell("requests.new.total", "")
    values = session.result.values
    assert values is not None and values.is_computed("requests.new.total")
    assert values.get("requests.new.total") == 72
    assert session.result.check.ok


def test_missing_cell_is_a_finding(data_file: Path) -> None:
    session = EditSession.open(data_file)
    session.set_cell("appeals.review.upheld", "")
    assert [(f.rule, f.location) for f in session.result.check.findings] == [
        ("T3-4", "appeals.review.upheld")
    ]


def test_autosave_survives_a_crash_and_is_restored(data_file: Path) -> None:
    before = read(data_file)
    session = EditSession.open(data_file)
    session.set_cell("requests.new.natural_person", "60")
    session.set_notes("problems", ["新问题一", "", "新问题二"])
    session.flush()  # the background writer caught up; the process now "dies" without close()
    assert read(data_file) == before, "the data file itself is only written by save()"
    sidecar = read(autosave_path(data_file))
    assert sidecar["requests"]["new"]["natural_person"] == 60

    reopened = EditSession.open(data_file)
    assert reopened.pending is not None and not reopened.dirty, "the clerk is asked first"
    reopened.restore_autosave()
    assert reopened.restored and reopened.dirty
    assert reopened.value("requests.new.natural_person") == 60
    assert reopened.value("notes.problems") == ["新问题一", "新问题二"]
    assert {f.rule for f in reopened.result.check.findings} == {"T3-1", "T3-2"}


def test_save_writes_file_and_drops_sidecar(data_file: Path) -> None:
    session = EditSession.open(data_file)
    session.set_cell("appeals.review.upheld", "7")
    session.flush()
    assert autosave_path(data_file).exists()
    session.save()
    assert not autosave_path(data_file).exists()
    assert read(data_file)["appeals"]["review"]["upheld"] == 7
    assert not session.dirty
    assert EditSession.open(data_file).pending is None


def test_missing_file_starts_a_new_report(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    session = EditSession.open(path, year=2025, agency="某某县人民政府办公室")
    assert session.fmt.id == "2021" and session.dirty
    assert session.value("meta.agency") == "某某县人民政府办公室"
    assert {f.rule for f in session.result.check.findings} == {"T3-4"}  # every cell still blank
    session.close()
    assert read(autosave_path(path))["meta"]["year"] == 2025


def test_new_file_without_agency_still_checks_tables_live(tmp_path: Path) -> None:
    session = EditSession.open(tmp_path / "new.json", year=2025)
    assert session.result.report is None, "nothing can be drafted before 机关名称 is filled"
    rules = [f.rule for f in session.result.check.findings]
    assert rules[0] == "INPUT" and "机关名称" in session.result.check.findings[0].message
    assert "T3-4" in rules
    for column, text in (
        ("upheld", "1"),
        ("corrected", "0"),
        ("other", "0"),
        ("pending", "0"),
        ("total", "5"),
    ):
        session.set_cell(f"appeals.review.{column}", text)  # edits elsewhere are not refused
    assert "T4-1" in {f.rule for f in session.result.check.findings}
    assert session.result.values is not None and session.result.values.get("appeals.review.upheld") == 1
    session.set_field("meta.agency", "某某县人民政府办公室")
    assert session.result.report is not None
    assert "INPUT" not in {f.rule for f in session.result.check.findings}


def test_unreadable_data_shows_problems_instead_of_failing(data_file: Path) -> None:
    data = read(data_file)
    data["requests"]["new"]["natural_person"] = "五十八"
    data_file.write_text(__import__("json").dumps(data, ensure_ascii=False), encoding="utf-8")
    session = EditSession.open(data_file)
    assert session.result.report is None
    [finding] = session.result.check.findings
    assert finding.location == "requests.new.natural_person" and "五十八" in finding.message
    session.set_cell("requests.new.natural_person", "58")  # fixing the cell brings the checks back
    assert session.result.report is not None and session.result.check.ok


def test_previous_year_is_checked_and_bad_reference_reported(data_file: Path) -> None:
    session = EditSession.open(data_file)
    report = session.result.report
    assert report is not None and report.previous_report is not None
    session.set_cell("requests.carried_over.natural_person", "5")
    assert "T3-5" in {f.rule for f in session.result.check.findings}
    session.set_field("previous", "nowhere.json")
    [problem] = [f for f in session.result.check.findings if f.location == "previous"]
    assert "nowhere.json" in problem.message


def test_change_format_keeps_shared_cells_and_backs_up_the_rest(seed_file: Path) -> None:
    session = EditSession.open(seed_file)
    assert session.fmt.id == "2019"
    natural = session.value("requests.new.natural_person")
    dropped = session.change_format("2021")
    assert session.fmt.id == "2021"
    assert session.value("requests.new.natural_person") == natural
    assert dropped > 0
    backup = read(session.backup_path_for("2019"))
    assert "active.procurement.amount" in backup
    assert "X-1" in {f.rule for f in session.result.check.findings}  # a 2019 report in the 2021 format
