"""--overwrite replaces existing files on every writing command; --force only exports despite checks."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path / "yunxi-amr-2024.json"


def _run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_export_keeps_a_foreign_docx_unless_overwrite(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    _run("draft", str(data), "-o", str(out), "--no-export")
    md = out / "yunxi-amr-2024.md"
    target = tmp_path / "报告.docx"
    target.write_bytes(b"the clerk's own Word file")
    refused = _run("export", str(md), "-d", str(data), "-o", str(target))
    assert refused.exit_code == 2 and "--overwrite" in refused.output
    assert target.read_bytes() == b"the clerk's own Word file"
    done = _run("export", str(md), "-d", str(data), "-o", str(target), "--overwrite")
    assert done.exit_code == 0, done.output and target.read_bytes().startswith(b"PK")


def test_the_drafts_own_docx_is_regenerated_freely(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    assert _run("draft", str(data), "-o", str(out)).exit_code == 0
    md, docx = out / "yunxi-amr-2024.md", out / "yunxi-amr-2024.docx"
    assert _run("export", str(md), "-d", str(data)).exit_code == 0  # the draft's own, unchanged
    assert _run("draft", str(data), "-o", str(out)).exit_code == 0  # and again
    docx.write_bytes(b"edited in Word")  # now it is the clerk's
    redraft = _run("draft", str(data), "-o", str(out))
    assert redraft.exit_code == 2 and "--overwrite" in redraft.output
    assert docx.read_bytes() == b"edited in Word"
    assert _run("draft", str(data), "-o", str(out), "--overwrite").exit_code == 0
    assert docx.read_bytes().startswith(b"PK")


def test_init_and_import_use_overwrite_not_force(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    target.write_text("{}", encoding="utf-8")
    for args in (
        ["init", "-o", str(target)],
        ["import", str(EXAMPLES / "guyuan-2019-published.txt"), "-o", str(target)],
    ):
        refused = _run(*args)
        assert refused.exit_code == 2 and "--overwrite" in refused.output
        assert target.read_text(encoding="utf-8") == "{}"
        assert _run(*args, "--force").exit_code == 2  # --force no longer means overwrite
        assert _run(*args, "--overwrite").exit_code in (0, 1)
        target.write_text("{}", encoding="utf-8")


def test_help_texts_say_what_each_flag_means() -> None:
    for command in ("init", "import", "export", "draft"):
        text = _run(command, "--help").output
        assert "--overwrite" in text, command
    assert "--force" not in _run("init", "--help").output
    assert "--force" not in _run("import", "--help").output
