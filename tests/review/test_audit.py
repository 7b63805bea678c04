"""`copilot audit`: every identity and the report's own prose against its own tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.service.review import audit_file
from tests.conftest import SEED_FILE, set_cell
from tests.review.published import published_html, published_text

SEED = SEED_FILE
runner = CliRunner()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(path: Path, previous: Path | None = None) -> list[tuple[str, str]]:
    result = audit_file(path, previous)
    return [(f.rule, f.location) for f in result.check.errors]


def test_seed_reports_exactly_its_real_inconsistency() -> None:
    result = runner.invoke(app, ["audit", str(SEED), "--json"])
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    errors = [f for f in payload["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["location"], f["expected"], f["actual"]) for f in errors] == [
        ("T4-1", "appeals.suit_after_review.total", 2, 0)
    ]
    assert payload["warnings"] == 0
    assert payload["import"]["complete"] is True
    text = runner.invoke(app, ["audit", str(SEED)])
    assert (
        "[T4-1] 四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼 › 复议后起诉 › 总计：各项之和为 2，填报为 0"
        in text.output
    )
    assert "共 1 个错误、0 个警告" in text.output


def test_clean_report_exits_0(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    example_2021.pop("previous")
    path = _write(tmp_path, "clean.txt", published_text(example_2021, seed=4))
    result = runner.invoke(app, ["audit", str(path)])
    assert result.exit_code == 0, result.output
    # 上年结转 3 件 cannot be verified without last year's report: a warning, never an error.
    assert "共 0 个错误、1 个警告" in result.output and "[T3-5]" in result.output


@pytest.mark.parametrize(
    ("cell", "value", "rule", "location"),
    [
        # T3-1: 新收 + 上年结转 ≠ 总计 + 结转下年度 (the 结转下年度 cell of 自然人 is wrong)
        ("requests.carried_forward.natural_person", 5, "T3-1", "requests.new.natural_person"),
        # T3-2: a row's 总计 is not the sum of its applicant columns
        ("requests.granted.total", 40, "T3-2", "requests.granted.total"),
        # T3-3: （七）总计 is not the sum of the result rows
        ("requests.denied.third_party.business", 2, "T3-3", "requests.total.business"),
        # T4-1 per column group
        ("appeals.review.corrected", 3, "T4-1", "appeals.review.total"),
    ],
)
def test_broken_identities_are_errors(
    tmp_path: Path, example_2021: dict[str, Any], cell: str, value: int, rule: str, location: str
) -> None:
    example_2021.pop("previous")
    data = set_cell(example_2021, cell, value)
    path = _write(tmp_path, "r.txt", published_text(data, seed=7))
    assert (rule, location) in _errors(path)


def test_blank_cell_in_the_published_table_is_an_error(tmp_path: Path, seed_2019: dict[str, Any]) -> None:
    text = published_text(seed_2019, break_labels=False).replace("行政处罚 0 0 0", "行政处罚 | 0 | | 0 |")
    errors = _errors(_write(tmp_path, "r.txt", text))
    assert ("T3-4", "active.penalty.change") in errors


def test_a_dash_in_the_published_table_is_zero_not_an_error(
    tmp_path: Path, seed_2019: dict[str, Any]
) -> None:
    text = published_text(seed_2019, break_labels=False).replace("行政处罚 0 0 0", "行政处罚 0 — 0")
    result = audit_file(_write(tmp_path, "r.txt", text))
    assert [(f.rule, f.location) for f in result.check.errors] == [
        ("T4-1", "appeals.suit_after_review.total")
    ]
    assert result.check.warnings == []
    assert result.imported is not None
    (na,) = [i for i in result.imported.issues if i.kind == "na"]
    assert na.cells == ["active.penalty.change"] and "「—」" in na.message


def test_unreadable_cell_is_a_warning_not_a_missing_value(tmp_path: Path, seed_2019: dict[str, Any]) -> None:
    text = published_text(seed_2019, break_labels=False).replace("行政处罚 0 0 0", "行政处罚 0 x 0")
    result = audit_file(_write(tmp_path, "r.txt", text))
    assert [(f.rule, f.location) for f in result.check.warnings] == [("IMPORT", "active.penalty.change")]
    assert ("T3-4", "active.penalty.change") not in [(f.rule, f.location) for f in result.check.findings]


def test_old_template_in_a_2021_report_is_x1(tmp_path: Path, seed_2019: dict[str, Any]) -> None:
    data = set_cell(seed_2019, "meta.year", 2022)
    text = published_text(data, seed=2)
    assert ("X-1", "meta.format") in _errors(_write(tmp_path, "r.txt", text))


OPENING_ONLY = """安丘市某某局2021年政府信息公开工作年度报告
一、总体情况
2021年，我局主动公开政府信息1588条，发布规范性文件3个，公开政府集中采购项目信息12条，其他对外管理服务事项信息8条。
（二）依申请公开
全年收到政府信息公开申请8件，均已按时答复。
"""


def test_prose_words_of_the_old_layout_without_any_table_are_no_x1(tmp_path: Path) -> None:
    """A page that kept only its opening (the tables were images, or cut off): 政府集中采购 and
    其他对外管理服务事项 in the prose say nothing of the tables' layout; the year's own is read."""
    result = audit_file(_write(tmp_path, "r.txt", OPENING_ONLY))
    assert result.imported is not None and result.imported.format_id == "2021"
    assert "X-1" not in [f.rule for f in result.check.findings]


def _shift_carry_over(data: dict[str, Any]) -> dict[str, Any]:
    """This year's 上年结转 one more than last year's 结转下年度 (T3-1 still holds: one fewer 新收)."""
    for row, delta in (("carried_over", 1), ("new", -1)):
        for col in ("natural_person", "total"):
            data = set_cell(data, f"requests.{row}.{col}", data["requests"][row][col] + delta)
    return data


def test_cross_year_with_previous_option(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    previous = example_2021.pop("previous")
    last = _write(tmp_path, "2023.html", published_html(previous))
    this = _write(tmp_path, "2024.txt", published_text(_shift_carry_over(example_2021), seed=1))
    assert _errors(this, last) == [
        ("T3-5", "requests.carried_over.natural_person"),
        ("T3-5", "requests.carried_over.total"),
    ]
    assert _errors(this) == []  # without last year the carry-over is only a T3-5 warning
    assert [f.rule for f in audit_file(this).check.warnings] == ["T3-5"]


def test_folder_audit_summary_and_cross_year(
    tmp_path: Path, example_2021: dict[str, Any], seed_2019: dict[str, Any]
) -> None:
    previous = example_2021.pop("previous")
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "yunxi-2023.html", published_html(previous))
    _write(folder, "yunxi-2024.txt", published_text(_shift_carry_over(example_2021), seed=1))
    (folder / "guyuan-2019.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    _write(folder, "broken.txt", "没有表格的文件。\n")
    _write(folder, "notes.md", "# 不是报告\n")
    result = runner.invoke(app, ["audit", str(folder)])
    assert result.exit_code == 1, result.output
    for words in ("报告", "年度", "格式", "错误", "警告", "yunxi-2024.txt", "无法读取"):
        assert words in result.output
    assert "notes.md" not in result.output
    payload = json.loads(runner.invoke(app, ["audit", str(folder), "--json"]).stdout)
    by_name = {Path(r["source"]).name: r for r in payload["results"]}
    assert set(by_name) == {"yunxi-2023.html", "yunxi-2024.txt", "guyuan-2019.txt", "broken.txt"}
    assert by_name["yunxi-2024.txt"]["previous"].endswith("yunxi-2023.html")
    assert {f["rule"] for f in by_name["yunxi-2024.txt"]["findings"] if f["severity"] == "error"} == {"T3-5"}
    assert by_name["yunxi-2023.html"]["errors"] == 0
    assert [f["rule"] for f in by_name["guyuan-2019.txt"]["findings"]] == ["T4-1"]
    assert by_name["broken.txt"]["ok"] is False and "未找到" in by_name["broken.txt"]["error"]
    assert payload["reports"] == 4 and payload["unreadable"] == 1


def test_audit_usage_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["audit", str(tmp_path / "none.pdf")])
    assert missing.exit_code == 2 and "找不到" in missing.output
    empty = runner.invoke(app, ["audit", str(tmp_path)])
    assert empty.exit_code == 2 and "没有可审计的报告" in empty.output


def _prose_checker_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("report_copilot.checks.prose") is not None


needs_prose = pytest.mark.skipif(
    not _prose_checker_available(), reason="number checker (issue 3) not in this build"
)


@needs_prose
def test_prose_contradicting_its_table_is_an_error(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    example_2021.pop("previous")
    text = published_text(example_2021, seed=4).replace(
        "全年共收到政府信息公开申请72件", "全年共收到政府信息公开申请75件"
    )
    result = audit_file(_write(tmp_path, "r.txt", text))
    assert [f.rule for f in result.check.errors] == ["P-1"]
    assert result.prose_checked


@needs_prose
def test_overclaim_is_an_error(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    example_2021.pop("previous")
    text = published_text(example_2021, seed=4).replace(
        "因政府信息公开引起行政复议4件。", "因政府信息公开引起行政复议4件，均获维持。"
    )
    result = audit_file(_write(tmp_path, "r.txt", text))
    assert "P-8" in [f.rule for f in result.check.errors]


@needs_prose
def test_seed_prose_numbers_without_a_table_are_listed_not_counted() -> None:
    result = audit_file(SEED)
    assert result.prose_checked
    texts = [u.get("text") for u in result.unbound]
    assert "129条" in texts and "2.1万余次" in texts
    assert len(result.check.warnings) == 0
    # “共 129 条，其中 … 1042 条”: a remark on undeclared figures, listed with them, not counted.
    notes = [u for u in result.unbound if u.get("kind") == "note"]
    assert [n["rule"] for n in notes] == ["P-9"]
    verbose = runner.invoke(app, ["audit", str(SEED), "--verbose"])
    assert "2.1万余次" in verbose.output and "[P-9]" in verbose.output


def _folder_audit(folder: Path) -> dict[str, dict[str, Any]]:
    result = runner.invoke(app, ["audit", str(folder), "--json"])
    assert result.exit_code in (0, 1), result.output
    payload = json.loads(result.stdout)
    assert payload["reports"] == len(payload["results"])
    return {Path(r["source"]).name: r for r in payload["results"]}


@pytest.mark.parametrize(
    ("last_name", "this_name"),
    [
        ("云溪市市场监督管理局", "云溪市市场监管局"),  # 全称 / 简称
        ("云溪经济开发区管理委员会", "云溪经济开发区管理局"),  # 管委会 / 管理局 after a reorganisation
        ("沐阳县人民政府", "沭阳县人民政府"),  # an OCR slip in last year's title
        ("江苏省沭阳县人民政府", "沭阳县政府"),  # a place prefix and 人民政府 / 政府
    ],
)
def test_folder_links_one_agency_under_varying_names(
    tmp_path: Path, example_2021: dict[str, Any], last_name: str, this_name: str
) -> None:
    previous = set_cell(example_2021.pop("previous"), "meta.agency", last_name)
    this = set_cell(_shift_carry_over(example_2021), "meta.agency", this_name)
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "a.html", published_html(previous))  # file names say nothing
    _write(folder, "b.txt", published_text(this, seed=1))
    by_name = _folder_audit(folder)
    assert by_name["b.txt"]["previous"].endswith("a.html")
    assert {f["rule"] for f in by_name["b.txt"]["findings"] if f["severity"] == "error"} == {"T3-5"}


def test_folder_does_not_join_two_agencies_by_guesswork(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    previous = set_cell(example_2021.pop("previous"), "meta.agency", "泗阳县人民政府")
    this = set_cell(example_2021, "meta.agency", "沭阳县人民政府")
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "siyang.html", published_html(previous))
    _write(folder, "shuyang.txt", published_text(this, seed=1))
    assert _folder_audit(folder)["shuyang.txt"]["previous"] is None


def test_folder_falls_back_to_the_file_name_series(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    previous = set_cell(example_2021.pop("previous"), "meta.agency", "云溪市市场监督管理局")
    this = set_cell(_shift_carry_over(example_2021), "meta.agency", "云溪市场监管综合执法支队")
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "yunxi-2023年报.html", published_html(previous))
    _write(folder, "yunxi-2024年报.txt", published_text(this, seed=1))
    _write(folder, "other-2023.html", published_html(set_cell(previous, "meta.agency", "风山县人民政府")))
    by_name = _folder_audit(folder)
    assert by_name["yunxi-2024年报.txt"]["previous"].endswith("yunxi-2023年报.html")


def test_folder_runs_the_2019_layout_stock_rules(tmp_path: Path, seed_2019: dict[str, Any]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "guyuan-2019.txt", published_text(seed_2019, break_labels=False))
    this = set_cell(seed_2019, "meta.year", 2020)  # 对外公开总数量 not grown by this year's 12
    _write(folder, "guyuan-2020.txt", published_text(this, break_labels=False))
    by_name = _folder_audit(folder)
    assert by_name["guyuan-2020.txt"]["previous"].endswith("guyuan-2019.txt")
    stock = [f for f in by_name["guyuan-2020.txt"]["findings"] if f["rule"] == "T2'-1"]
    assert [f["location"] for f in stock] == ["active.normative_documents.total_published"]
    assert not [f for f in by_name["guyuan-2019.txt"]["findings"] if f["rule"].startswith("T2'")]


def test_folder_summary_streams_one_report_at_a_time(tmp_path: Path, seed_2019: dict[str, Any]) -> None:
    from report_copilot.service.audit import audit_folder

    folder = tmp_path / "reports"
    folder.mkdir()
    for year in (2019, 2020, 2021):
        _write(folder, f"r-{year}.txt", published_text(set_cell(seed_2019, "meta.year", year)))
    seen: list[str] = []
    summary = audit_folder(folder, lambda r: seen.append(Path(r.source).name))
    assert seen == ["r-2019.txt", "r-2020.txt", "r-2021.txt"]
    assert summary.reports == 3 and summary.linked == 2


def test_folder_runs_the_2021_stock_rules_on_a_linked_pair(
    tmp_path: Path, example_2021: dict[str, Any]
) -> None:
    previous = example_2021.pop("previous")
    # 现行有效 39 → 45 although only 5 were issued and 3 abolished; 废止 60 exceeds what existed.
    this = set_cell(example_2021, "active.normative_documents.in_force", 45)
    this = set_cell(this, "active.regulations.abolished", 60)
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "yunxi-2023.html", published_html(previous))
    _write(folder, "yunxi-2024.txt", published_text(this, seed=1))
    findings = _folder_audit(folder)["yunxi-2024.txt"]["findings"]
    rules = {(f["rule"], f["location"]) for f in findings}
    assert ("T2-1", "active.normative_documents.in_force") in rules
    assert "T2-2" in {rule for rule, _ in rules}


def test_folder_json_keeps_text_with_unicode_line_separators(
    tmp_path: Path, example_2021: dict[str, Any]
) -> None:
    # JSON leaves U+2028 and U+0085 unescaped: indenting the folder's results must not break there.
    example_2021.pop("previous")
    name = "云溪市\u2028市场\x85监督管理局"
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "a.json", json.dumps(set_cell(example_2021, "meta.agency", name), ensure_ascii=False))
    assert _folder_audit(folder)["a.json"]["agency"] == name


def test_folder_of_data_files_does_not_load_the_importer_or_the_number_checker(
    tmp_path: Path, example_2021: dict[str, Any]
) -> None:
    example_2021.pop("previous")
    _write(tmp_path, "a.json", json.dumps(example_2021, ensure_ascii=False))
    probe = (
        "import sys\n"
        f"sys.argv = ['copilot', 'audit', {str(tmp_path)!r}, '--json']\n"
        "from report_copilot.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED:' + ','.join(m for m in ('report_copilot.inputs.published', "
        "'report_copilot.checks.prose') if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert '"reports": 1' in proc.stdout
    assert "LOADED:\n" in proc.stderr + "\n" and "LOADED:report" not in proc.stderr


@needs_prose
def test_the_audit_lists_every_checked_number_but_no_exempt_one() -> None:
    """The audit asks the checker to leave exempt numbers (years, document numbers) out: the other
    mentions are exactly those of a full check, in the same order."""
    from report_copilot.checks.prose import Verdict, check_draft
    from report_copilot.inputs.json_input import report_from_data
    from report_copilot.inputs.published import import_published

    imported = import_published(SEED)
    report = report_from_data(imported.data, with_previous=False)
    full = check_draft(imported.draft, report)
    lean = check_draft(imported.draft, report_from_data(imported.data, with_previous=False), exempt=False)
    assert any(m.verdict == Verdict.EXEMPT for m in full.mentions)
    assert [m.as_json() for m in lean.mentions] == [
        m.as_json() for m in full.mentions if m.verdict != Verdict.EXEMPT
    ]
    assert lean.claims == full.claims and lean.findings == full.findings
