"""Prompt files: front matter, strict rendering, hashes, office overrides, packaging."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from report_copilot.drafting.base import NARRATIVE_SECTIONS
from report_copilot.drafting.slices import all_references, data_slice, prompt_context
from report_copilot.inputs.json_input import report_from_data
from report_copilot.prompts import PromptError, available_prompts, builtin_dir, load_prompt, parse_prompt
from tests.conftest import ROOT

PROMPT_NAMES = ["style", "repair", *NARRATIVE_SECTIONS]


def test_every_section_has_a_prompt_file() -> None:
    assert set(PROMPT_NAMES) <= set(available_prompts())
    assert not (ROOT / "prompts" / ".keep").exists()


@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_front_matter_is_complete(name: str) -> None:
    prompt = load_prompt(name)
    assert prompt.spec.name == name
    assert prompt.spec.variables, "every prompt declares its variables"
    assert len(prompt.sha256) == 64
    assert prompt.source == f"builtin:{name}.md"


@pytest.mark.parametrize("example", ["example_2021", "seed_2019"])
@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_every_prompt_renders_with_example_data(
    name: str, example: str, request: pytest.FixtureRequest
) -> None:
    report = report_from_data(request.getfixturevalue(example))
    section = name if name in NARRATIVE_SECTIONS else "overview.on_request"
    refs = data_slice(section, report, all_references(report))
    context = prompt_context(section, report, refs)
    context.update({"findings": ["“新收申请99件”与数据不符"], "allowed_keys": list(refs) or ["（无）"]})
    prompt = load_prompt(name)
    text = prompt.render(context)
    assert "{{" not in text and "{%" not in text and len(text) > 40
    declared = prompt.spec.variables
    if "agency" in declared:
        assert report.meta.agency in text
    if "references" in declared and name == section:
        for ref in refs.values():
            assert f"[[{ref.key}]] = {ref.label} = {ref.text}{ref.unit}" in text
    if "notes" in declared and name == section:
        for note in context["notes"]:
            assert note in text
    if name == "repair":
        assert "新收申请99件" in text


def test_a_missing_variable_is_an_error_naming_the_prompt() -> None:
    prompt = load_prompt("overview.platforms")
    with pytest.raises(PromptError, match="overview.platforms.*portal"):
        prompt.render({"short_name": "本局", "year": 2024, "references": [], "notes": []})


def test_an_undeclared_variable_is_an_error(tmp_path: Path) -> None:
    text = "---\nname: odd\nversion: 1\nsection: x\nvariables: [a]\n---\n{{ a }} and {{ b }}\n"
    prompt = parse_prompt(text, "odd.md")
    with pytest.raises(PromptError, match="未在 variables 中声明"):
        prompt.render({"a": 1, "b": 2})


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("no front matter", "缺少开头的 front matter"),
        ("---\nname: x\n", "没有以 --- 结束"),
        ("---\n: [\n---\nbody", "不是有效的 YAML"),
        ("---\nname: x\nversion: 1\nsection: s\nextra: 1\n---\nbody", "front matter 有误"),
        ("---\nname: Bad Name\nversion: 1\nsection: s\n---\nbody", "front matter 有误"),
    ],
)
def test_malformed_prompt_files_are_reported(text: str, fragment: str) -> None:
    with pytest.raises(PromptError, match=fragment):
        parse_prompt(text, "x.md")


def test_office_folder_overrides_by_name(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text(
        "---\nname: other\nversion: office-3\nsection: other\nvariables: [short_name]\n---\n{{ short_name }}自定义\n",
        encoding="utf-8",
    )
    own = load_prompt("other", tmp_path)
    assert own.spec.version == "office-3"
    assert own.render({"short_name": "本局"}) == "本局自定义\n"
    assert own.sha256 != load_prompt("other").sha256
    assert load_prompt("style", tmp_path).source == "builtin:style.md"


def test_office_file_with_wrong_name_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text(
        "---\nname: others\nversion: 1\nsection: other\n---\nx\n", encoding="utf-8"
    )
    with pytest.raises(PromptError, match="应与文件名"):
        load_prompt("other", tmp_path)


def test_missing_office_folder_and_prompt_are_errors(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="不存在"):
        load_prompt("style", tmp_path / "nope")
    with pytest.raises(PromptError, match="找不到提示词"):
        load_prompt("no.such.prompt")


def test_hash_is_of_the_file_content() -> None:
    import hashlib

    path = Path(str(builtin_dir())) / "style.md"
    assert load_prompt("style").sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_wheel_ships_the_prompts(tmp_path: Path) -> None:
    """The packaging step (hatch force-include) really puts prompts/ inside report_copilot/."""
    pytest.importorskip("hatchling")
    proc = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in PROMPT_NAMES:
        assert f"report_copilot/prompts/{name}.md" in names
    # Installed layout: the loader reads the package's own folder first.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from report_copilot.prompts import builtin_dir, load_prompt;"
        "print(builtin_dir()); print(load_prompt('style').spec.name)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=_env_with(site)
    )
    assert out.returncode == 0, out.stderr
    folder, name = out.stdout.split()
    assert folder.startswith(str(site)) and name == "style"


def _env_with(site: Path) -> dict[str, Any]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(site)
    return env
