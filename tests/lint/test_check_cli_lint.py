"""`copilot check` flags what evaluators mark down, each with its rule id (issue 15, done-when)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.drafting.template import template_draft
from report_copilot.inputs.json_input import load_report
from report_copilot.render.markdown import render_markdown
from tests.conftest import EXAMPLES
from tests.lint.forms import PROBLEMS_2023, report_md

runner = CliRunner()
DATA = EXAMPLES / "yunxi-amr-2024.json"


def _template_markdown() -> str:
    report = load_report(DATA)
    draft, _ = template_draft(report)
    return render_markdown(draft, report)


def _faulty(markdown: str) -> str:
    """Last year's 五 with new numbers, a 一是…三是 slip, a misspelt 国办公开办函, a repeated sentence."""
    lines = markdown.splitlines()
    start = lines.index("## 五、存在的主要问题及改进情况")
    end = lines.index("## 六、其他需要报告的事项")
    copied = PROBLEMS_2023.replace("2023年", "2024年").replace("12%", "9%").replace("3件", "2件")
    copied = copied.replace("2024年，本局将", "2025年，本局将")
    lines[start + 1 : end] = ["", copied, ""]
    text = "\n".join(lines)
    text = text.replace("国办公开办函〔2021〕30号", "国办公开函〔2021〕30号")
    text = text.replace("二是对涉及第三方合法权益的申请", "三是对涉及第三方合法权益的申请")
    repeated = "2024年，本局主动公开政府信息情况如下表。"
    return text.replace(repeated, repeated + repeated)


def test_check_flags_copying_numbering_names_and_repeats(tmp_path: Path) -> None:
    previous = tmp_path / "yunxi-2023.md"
    previous.write_text(report_md(problems=PROBLEMS_2023), encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(_faulty(_template_markdown()), encoding="utf-8")
    args = ["check", str(draft), "--data", str(DATA), "--previous-report", str(previous)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    for rule in ("错误 [L-1]", "警告 [L-4]", "错误 [L-5]", "警告 [L-6]"):
        assert rule in result.output, rule
    assert "国办公开办函〔2021〕30号" in result.output and "缺少「二是」" in result.output
    assert "五、存在的主要问题及改进情况 100%" in result.output
    payload = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert payload["ok"] is False
    rules = {f["rule"] for f in payload["lint"]["findings"]}
    assert {"L-1", "L-4", "L-5", "L-6"} <= rules
    assert payload["lint"]["copied"]["problems"] == 1.0


def test_the_template_draft_itself_checks_clean(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(_template_markdown(), encoding="utf-8")
    result = runner.invoke(app, ["check", str(draft), "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "[L-" not in result.output


def test_acknowledged_in_the_draft_or_on_the_command_line(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    text = _template_markdown().replace("国办公开办函〔2021〕30号", "国办公开办函[2021]30号")
    draft.write_text(text, encoding="utf-8")
    base = ["check", str(draft), "--data", str(DATA)]
    assert runner.invoke(app, base).exit_code == 1
    accepted = runner.invoke(app, [*base, "--accept-lint", "L-5"])
    assert accepted.exit_code == 0 and "已确认" in accepted.output
    draft.write_text(text + "\n<!-- accept-lint: L-5 引用原文文号 -->\n", encoding="utf-8")
    assert runner.invoke(app, base).exit_code == 0
    misuse = runner.invoke(app, [*base, "--accept-lint", "L-8"])
    assert misuse.exit_code == 2 and "L-8" in misuse.output and "Traceback" not in misuse.output


def test_last_years_text_is_found_through_the_data(tmp_path: Path) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    (tmp_path / "this.json").write_text(json.dumps(data | {"previous": "last.json"}), encoding="utf-8")
    (tmp_path / "last.json").write_text((EXAMPLES / "yunxi-amr-2023.json").read_text(encoding="utf-8"))
    (tmp_path / "last.md").write_text(report_md(problems=PROBLEMS_2023), encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(_faulty(_template_markdown()), encoding="utf-8")
    payload = json.loads(
        runner.invoke(app, ["check", str(draft), "--data", str(tmp_path / "this.json"), "--json"]).stdout
    )
    assert payload["lint"]["copied"]["problems"] == 1.0


def test_unreadable_previous_report_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(_template_markdown(), encoding="utf-8")
    args = ["check", str(draft), "--data", str(DATA), "--previous-report", str(tmp_path / "missing.pdf")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "missing.pdf" in result.output and "Traceback" not in result.output


def test_export_refuses_a_placeholder_or_a_misspelt_name_unless_acknowledged(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    base = ["export", str(draft), "--data", str(DATA), "-o", str(tmp_path / "out.docx")]
    text = _template_markdown()
    draft.write_text(text.replace("本局做好", "【待补充：主动公开的具体做法】本局做好"), encoding="utf-8")
    refused = runner.invoke(app, base)
    assert refused.exit_code == 1 and "[L-8]" in refused.output and not (tmp_path / "out.docx").exists()
    draft.write_text(text.replace("国办函〔2020〕109号", "国办发〔2020〕109号"), encoding="utf-8")
    refused = runner.invoke(app, base)
    assert refused.exit_code == 1 and "[L-5]" in refused.output
    draft.write_text(
        text.replace("国办函〔2020〕109号", "国办发〔2020〕109号") + "\n<!-- accept-lint: L-5 -->\n",
        encoding="utf-8",
    )
    exported = runner.invoke(app, base)
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "out.docx").exists()
