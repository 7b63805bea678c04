"""`copilot tui`: bad input is a Chinese message and exit code 2, never a traceback; Textual stays
unloaded until the command runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from report_copilot.cli import app


def test_unreadable_file_is_refused_in_chinese(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ 不是 JSON", encoding="utf-8")
    result = CliRunner().invoke(app, ["tui", str(bad)])
    assert result.exit_code == 2
    assert "不是有效的 JSON" in result.output and "Traceback" not in result.output


def test_help_lists_the_command_without_loading_textual() -> None:
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom report_copilot.cli import app\n"
        "r = CliRunner().invoke(app, ['tui', '--help'])\n"
        "print(r.exit_code, 'textual' in sys.modules, '自动保存' in r.output)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["0", "False", "True"], proc.stderr
