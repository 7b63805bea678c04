"""One writing path: Chinese messages and exit 2 for unwritable outputs, transactions, locks, crashes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.errors import OutputError
from report_copilot.files import FileSet, output_lock, recover, write_text_atomic
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path / "yunxi-amr-2024.json"


@pytest.fixture
def read_only(tmp_path: Path) -> Any:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def _invoke(args: list[str]) -> Any:
    return runner.invoke(app, args)


def _no_traceback(result: Any) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def test_every_writing_command_refuses_a_read_only_folder(data: Path, read_only: Path) -> None:
    commands = [
        ["draft", str(data), "-o", str(read_only)],
        ["init", "-o", str(read_only / "x.json")],
        ["init", "--xlsx", str(read_only / "x.xlsx")],
        ["import", str(EXAMPLES / "guyuan-2019-published.txt"), "-o", str(read_only / "x.json")],
    ]
    for args in commands:
        result = _invoke(args)
        _no_traceback(result)
        assert result.exit_code == 2, (args, result.output)
        assert "无法写入" in result.output and str(read_only) in result.output
    assert list(read_only.iterdir()) == []


def test_a_file_where_the_output_folder_should_be(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "drafts"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _invoke(["draft", str(data), "-o", str(blocker / "sub")])
    _no_traceback(result)
    assert result.exit_code == 2 and "不是目录" in result.output


def test_a_held_open_docx_leaves_the_previous_set_whole(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    assert _invoke(["draft", str(data), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    docx = out / "yunxi-amr-2024.docx"
    docx.chmod(0o000)  # read-only/locked, as Word holds it on Windows
    try:
        result = _invoke(["draft", str(data), "-o", str(out)])
    finally:
        docx.chmod(0o644)
    _no_traceback(result)
    assert result.exit_code == 2 and "正被其他程序" in result.output and str(docx) in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before  # nothing half-written
    assert sorted(p.name for p in (out / ".history" / "yunxi-amr-2024").iterdir()) == [
        "0001.md",
        "0001.provenance.json",
    ]


def test_a_directory_in_place_of_the_export_target(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    _invoke(["draft", str(data), "-o", str(out), "--no-export"])
    (out / "yunxi-amr-2024.docx").mkdir()
    result = _invoke(["export", str(out / "yunxi-amr-2024.md"), "-d", str(data)])
    _no_traceback(result)
    assert result.exit_code == 2 and "是一个目录" in result.output


def test_a_failing_rename_rolls_back_the_whole_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.docx"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    real = os.replace

    def flaky(src: Any, dst: Any) -> None:
        if str(dst) == str(b):
            raise PermissionError(13, "Permission denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with FileSet(tmp_path, "x") as files, pytest.raises(OutputError) as info:
        files.add_text(a, "new a")
        files.add_text(b, "new b")
        files.commit()
    assert "b.docx" in str(info.value)
    assert a.read_text(encoding="utf-8") == "old a" and b.read_text(encoding="utf-8") == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.docx"]


def test_a_crash_mid_commit_is_completed_by_the_next_run(tmp_path: Path) -> None:
    files = FileSet(tmp_path, "x")
    files.add_text(tmp_path / "x.md", "new md")
    files.add_text(tmp_path / "x.provenance.json", "{}")
    moves = list(files._moves)
    (tmp_path / ".x.commit.json").write_text(json.dumps([[str(t), str(d)] for t, d in moves]))
    os.replace(*moves[0])  # killed after the first rename
    done = recover(tmp_path, "x", (tmp_path / "x.md",))
    assert done == [tmp_path / "x.provenance.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md", "x.provenance.json"]


def test_leftovers_of_a_killed_draft_are_cleaned_and_not_listed(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "drafts"
    _invoke(["draft", str(data), "-o", str(out)])
    history = out / ".history" / "yunxi-amr-2024"
    (out / ".yunxi-amr-2024.docx.1a2b3c4d.tmp").write_bytes(b"half a docx")
    (history / ".0002.md.1a2b3c4d.tmp").write_text("half", encoding="utf-8")
    (history / "0002.md").touch()  # an empty version claimed by an older run before it died
    listed = _invoke(["history", str(out), "--json"])
    assert [v["version"] for v in json.loads(listed.output)["versions"]] == [1]
    _invoke(["draft", str(data), "-o", str(out)])
    assert not list(out.glob(".*.tmp")) and not list(history.glob(".*"))
    # the re-draft changed nothing, so it is version 1 again (issue 13); the empty claim is gone
    assert sorted(p.name for p in history.glob("*.md")) == ["0001.md"]


def test_kill_9_during_a_draft_leaves_a_whole_set(data: Path, tmp_path: Path) -> None:
    """A real process killed at random moments: the next run always finds a consistent folder."""
    out = tmp_path / "drafts"
    code = "from report_copilot.cli import main; main()"
    args = [sys.executable, "-c", code, "draft", str(data), "-o", str(out)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for delay in (0.5, 1.0, 1.5):
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
    assert subprocess.run(args, env=env, capture_output=True).returncode == 0
    assert not list(out.rglob(".*.tmp")) and not (out / ".yunxi-amr-2024.commit.json").exists()
    prov = json.loads((out / "yunxi-amr-2024.provenance.json").read_text(encoding="utf-8"))
    history = out / ".history" / "yunxi-amr-2024"
    assert (out / "yunxi-amr-2024.md").read_text(encoding="utf-8") == (
        history / f"{prov['version']:04d}.md"
    ).read_text(encoding="utf-8")
    assert all(p.stat().st_size > 0 for p in history.iterdir())


def test_one_lock_per_stem_queues_writers(tmp_path: Path) -> None:
    order: list[str] = []
    entered = threading.Event()

    def second() -> None:
        entered.wait()
        with output_lock(tmp_path, "x"):
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    with output_lock(tmp_path, "x"):
        entered.set()
        thread.join(0.3)  # the second writer cannot get in while the first holds the lock
        order.append("first")
    thread.join()
    assert order == ["first", "second"]
    assert list(tmp_path.iterdir()) == []  # no lock file left behind


def test_single_file_write_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.json").mkdir()
    with pytest.raises(OutputError) as info:
        write_text_atomic(tmp_path / "x.json", "{}")
    assert info.value.exit_code == 2 and "x.json" in info.value.message


def test_concurrent_drafts_of_one_report_do_not_mix(data: Path, tmp_path: Path) -> None:
    """Two processes drafting the same stem with different data: the final set is one run's."""
    import hashlib

    other = tmp_path / "other" / "yunxi-amr-2024.json"
    other.parent.mkdir()
    changed = json.loads(data.read_text(encoding="utf-8"))
    changed["notes"]["problems"] = ["进一步加强培训和督查。"]
    changed["previous"] = str(data.parent / "yunxi-amr-2023.json")
    other.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "drafts"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    code = "from report_copilot.cli import main; main()"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, "draft", str(src), "-o", str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for src in (data, other, data, other)
    ]
    assert [p.wait() for p in procs] == [0, 0, 0, 0]
    prov = json.loads((out / "yunxi-amr-2024.provenance.json").read_text(encoding="utf-8"))
    for name, key in (("yunxi-amr-2024.md", "markdown_sha256"), ("yunxi-amr-2024.docx", "docx_sha256")):
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == prov["files"][key]
    history = out / ".history" / "yunxi-amr-2024"
    names = sorted(p.name for p in history.glob("*.md"))
    # a run identical to the newest version is that version again (issue 13), so 2 to 4 versions,
    # numbered without gaps, each with its record
    assert 2 <= len(names) <= 4 and names == [f"{n:04d}.md" for n in range(1, len(names) + 1)]
    assert all((history / n.replace(".md", ".provenance.json")).is_file() for n in names)
    assert not list(out.rglob(".*.tmp")) and not list(out.glob(".*.lock"))


def test_a_crash_while_writing_the_journal_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "..x.commit.json.1a2b3c4d.tmp").write_text("[", encoding="utf-8")
    (tmp_path / ".x.md.1a2b3c4d.tmp").write_text("half", encoding="utf-8")
    (tmp_path / ".other.md.1a2b3c4d.tmp").write_text("another stem's", encoding="utf-8")
    assert recover(tmp_path, "x", (tmp_path / "x.md",)) == []
    assert [p.name for p in tmp_path.iterdir()] == [".other.md.1a2b3c4d.tmp"]  # not this stem's: kept


def test_init_and_import_write_both_files_or_neither(tmp_path: Path, read_only: Path) -> None:
    data = tmp_path / "new.json"
    result = _invoke(["init", "-o", str(data), "--xlsx", str(read_only / "x.xlsx")])
    assert result.exit_code == 2 and not data.exists()
    imported = tmp_path / "imported.json"
    args = ["import", str(EXAMPLES / "guyuan-2019-published.txt"), "-o", str(imported)]
    result = _invoke([*args, "--draft", str(read_only / "x.md")])
    assert result.exit_code == 2 and not imported.exists()
