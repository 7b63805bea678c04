"""`copilot diff` and `copilot history`: sentence- and number-aware comparison of drafts."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.review.diff import diff_texts, sentence_lines
from report_copilot.review.sentence_align import split_sentences, tokenize

runner = CliRunner()

OLD = """# 某局2024年政府信息公开工作年度报告

依据《中华人民共和国政府信息公开条例》，现将本局2024年度报告如下。

## 一、总体情况

### （一）主动公开

本年主动公开政府信息1268条。其中规范性文件5件。这一句将移到第五部分。

### （二）依申请公开

本年共收到政府信息公开申请72件，办结71件。另有一句将被删除。

## 五、存在的主要问题及改进情况

问题是公开不够及时。

## 六、其他需要报告的事项

本年度未收取信息处理费。
"""


def _new(old: str = OLD) -> str:
    return (
        old.replace("申请72件", "申请75件")
        .replace("另有一句将被删除。", "")
        .replace("其中规范性文件5件。", "其中规范性文件5件。本年新增加一句，涉及12件。")
        .replace("这一句将移到第五部分。", "")
        .replace("问题是公开不够及时。", "这一句将移到第五部分。问题是公开不够及时和全面。")
    )


def test_tokens_keep_numbers_whole() -> None:
    tokens = [(t, n) for t, _, n in tokenize("收到申请1,268件，占比50.70%，三十三件")]
    assert ("1,268", True) in tokens and ("50.70%", True) in tokens and ("三十三", True) in tokens
    assert ("收", False) in tokens
    assert split_sentences("第一句。第二句！“第三句。”最后") == ["第一句。", "第二句！", "“第三句。”", "最后"]


def test_number_only_change_is_one_token_old_to_new() -> None:
    result = diff_texts(OLD, OLD.replace("申请72件", "申请75件"))
    (section,) = [s for s in result.sections if s.status != "equal"]
    assert section.key == "overview"
    (change,) = [c for c in section.changes if c.kind != "equal"]
    assert change.kind == "replace"
    changed = [(s.kind, s.text, s.number) for s in change.segments if s.kind != "equal"]
    assert changed == [("delete", "72", True), ("insert", "75", True)]
    (number,) = result.numbers
    assert (number.old, number.new) == ("72", "75")
    assert "[-72-]{+75+}" in result.unified()
    assert "33" not in result.unified()


def test_insertions_deletions_and_moves() -> None:
    result = diff_texts(OLD, _new())
    kinds = {(c.kind, c.old, c.new) for s in result.sections for c in s.changes if c.kind != "equal"}
    assert ("delete", "另有一句将被删除。", None) in kinds
    assert ("insert", None, "本年新增加一句，涉及12件。") in kinds
    moved = [c for s in result.sections for c in s.changes if c.kind == "moved"]
    assert len(moved) == 1 and moved[0].new == "这一句将移到第五部分。"
    assert moved[0].moved_from == "一、总体情况"
    replaced = [c for s in result.sections for c in s.changes if c.kind == "replace"]
    inserted_text = [seg.text for c in replaced for seg in c.segments if seg.kind == "insert"]
    assert "和全面" in inserted_text
    assert result.stats() == {
        "sections_changed": 2,
        "inserted": 1,
        "deleted": 1,
        "replaced": 2,
        "moved": 1,
        "numbers_changed": 2,
    }
    numbers = {(n.old, n.new) for n in result.numbers}
    assert numbers == {("72", "75"), (None, "12")}


def test_renamed_heading_still_aligns_by_section() -> None:
    new = OLD.replace("## 五、存在的主要问题及改进情况", "## 五、政府信息公开工作存在的主要问题及改进情况")
    result = diff_texts(OLD, new)
    (section,) = [s for s in result.sections if s.status != "equal"]
    assert section.key == "problems" and section.status == "changed"
    assert all(c.kind == "equal" for c in section.changes)
    assert "→" in result.unified()


def test_identical_drafts_exit_0_and_different_exit_1(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD, encoding="utf-8")
    b.write_text(_new(), encoding="utf-8")
    same = runner.invoke(app, ["diff", str(a), str(a)])
    assert same.exit_code == 0 and "两稿内容相同" in same.output
    result = runner.invoke(app, ["diff", str(a), str(b)])
    assert result.exit_code == 1
    assert "@@ 数字变化 @@" in result.output and "72 → 75" in result.output
    assert "\x1b[" not in result.output  # no colour outside a terminal
    coloured = runner.invoke(app, ["diff", str(a), str(b), "--color"])
    assert "\x1b[" in coloured.output


def test_diff_json(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(OLD, encoding="utf-8")
    b.write_text(_new(), encoding="utf-8")
    payload = json.loads(runner.invoke(app, ["diff", str(a), str(b), "--json"]).stdout)
    assert payload["changed"] is True
    pairs = [(n["old"], n["new"]) for n in payload["numbers"]]
    assert pairs == [(None, "12"), ("72", "75")]  # in reading order
    kinds = [c["kind"] for s in payload["sections"] for c in s["changes"]]
    assert sorted(kinds) == ["delete", "insert", "moved", "replace", "replace"]


def test_git_external_diff_and_textconv(tmp_path: Path) -> None:
    a, b = tmp_path / "old.md", tmp_path / "new.md"
    a.write_text(OLD, encoding="utf-8")
    b.write_text(_new(), encoding="utf-8")
    args = ["diff", "--git", "report.md", str(a), "0" * 40, "100644", str(b), "1" * 40, "100644"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0  # git stops on a non-zero external diff
    assert result.output.startswith("--- a/report.md\n+++ b/report.md\n")
    conv = runner.invoke(app, ["diff", "--textconv", str(a)])
    assert conv.exit_code == 0
    assert "本年共收到政府信息公开申请72件，办结71件。\n" in conv.output
    assert conv.output == sentence_lines(OLD)
    bad = runner.invoke(app, ["diff", "--git", str(a)])
    assert bad.exit_code == 2 and "7 个参数" in bad.output


def _history(folder: Path, versions: list[tuple[str, dict[str, object] | None]]) -> None:
    history = folder / ".history" / "report"
    history.mkdir(parents=True)
    for n, (text, provenance) in enumerate(versions, start=1):
        (history / f"{n:04d}.md").write_text(text, encoding="utf-8")
        if provenance is not None:
            (history / f"{n:04d}.provenance.json").write_text(json.dumps(provenance), encoding="utf-8")
    (folder / "report.md").write_text(versions[-1][0], encoding="utf-8")


def _record(backend: str, model: str | None, ok: bool, errors: int) -> dict[str, object]:
    """A record as the drafting command writes it (through the one provenance model)."""
    from report_copilot.provenance import Endpoint, Provenance, SectionRecord

    outcome = "template" if model is None else "llm"
    record = Provenance(
        created="2025-01-10T09:00:00+08:00",
        backend=backend,
        endpoint=None if model is None else Endpoint(host="127.0.0.1:8000", model=model),
        sections=[
            SectionRecord(key="preface", outcome=outcome),
            SectionRecord(key="other", outcome="fallback"),
        ],
        check={"ok": ok, "errors": errors, "warnings": 1},
    )
    loaded: dict[str, object] = json.loads(record.to_json())
    return loaded


def test_history_lists_versions_and_diff_last_compares_the_newest_two(tmp_path: Path) -> None:
    third = _new().replace("办结71件", "办结70件")
    _history(
        tmp_path,
        [
            (OLD, _record("template", None, True, 0)),
            (_new(), _record("llm", "qwen2.5-72b", False, 2)),
            (third, None),
        ],
    )
    listing = runner.invoke(app, ["history", str(tmp_path), "--json"])
    assert listing.exit_code == 0, listing.output
    payload = json.loads(listing.stdout)
    assert [v["version"] for v in payload["versions"]] == [1, 2, 3]
    assert payload["versions"][1]["model"] == "qwen2.5-72b" and payload["versions"][2]["check"] is None
    assert payload["versions"][1]["sections"] == {"preface": "llm", "other": "fallback"}
    table = runner.invoke(app, ["history", str(tmp_path)], env={"COLUMNS": "200"})
    assert "qwen2.5-72b" in table.output and "2 个错误、1 个警告" in table.output and "未知" in table.output
    assert "模型1、改用模板1" in table.output  # how each section came to be
    last = runner.invoke(app, ["diff", "--last", str(tmp_path), "--json"])
    assert last.exit_code == 1
    numbers = json.loads(last.stdout)["numbers"]
    assert [(n["old"], n["new"]) for n in numbers] == [("71", "70")]


def test_history_errors_are_clear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["history", str(tmp_path)])
    assert result.exit_code == 2 and "没有草稿历史" in result.output
    _history(tmp_path, [(OLD, None)])
    one = runner.invoke(app, ["diff", "--last", str(tmp_path)])
    assert one.exit_code == 2 and "只有 1 个版本" in one.output


def test_diff_with_data_says_whether_each_side_binds(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    base = "# 云溪市市场监督管理局2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n2024年，本局共收到政府信息公开申请72件，办结71件。\n"
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(base, encoding="utf-8")
    b.write_text(base.replace("申请72件", "申请75件"), encoding="utf-8")
    data = EXAMPLES / "yunxi-amr-2024.json"
    result = runner.invoke(app, ["diff", str(a), str(b), "--data", str(data), "--json"])
    (number,) = json.loads(result.stdout)["numbers"]
    assert (number["old"], number["new"]) == ("72", "75")
    assert number["old_binding"]["verdict"] == "bound"
    assert number["new_binding"]["verdict"] == "mismatch" and number["new_binding"]["expected"] == "72件"
    text = runner.invoke(app, ["diff", str(a), str(b), "--data", str(data)]).output
    assert (
        "72（✓ 与表格一致） → 75（✗ 与三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 总计不符，应为 72件）"
        in text
    )
