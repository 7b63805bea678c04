"""Prompts as files: YAML front matter (name, version, section, variables) + a Jinja2 body.

The files live in `prompts/` at the repository root; the wheel carries them as
`report_copilot/prompts/` (hatch force-include), read through importlib.resources, and an editable
install reads the checkout's folder. An office may keep its own folder (config `prompts_dir` or
`--prompts DIR`): a file there replaces the built-in prompt of the same name, so local style rules
need no code change. Rendering is strict: a declared variable that is not supplied, or a variable
the body uses without declaring it, is an error naming the prompt, never an empty string in a prompt.
Every prompt carries the SHA-256 of its file, recorded in provenance and in cache keys.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from report_copilot.errors import CopilotError

SUFFIX = ".md"


class PromptError(CopilotError):
    """A prompt file is missing, malformed, or cannot be rendered with the data given."""

    exit_code = 2


class PromptSpec(BaseModel):
    """The front matter of a prompt file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    version: int | str
    section: str
    variables: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt: its spec, its Jinja2 body, where it came from and the hash of the file."""

    spec: PromptSpec
    body: str
    source: str
    sha256: str

    @property
    def name(self) -> str:
        return self.spec.name

    def render(self, variables: dict[str, Any]) -> str:
        """The body with `variables`; only declared variables reach the template."""
        from jinja2 import TemplateError, UndefinedError

        missing = [v for v in self.spec.variables if v not in variables]
        if missing:
            raise PromptError(
                f"提示词「{self.name}」（{self.source}）需要变量 {', '.join(missing)}，调用方没有提供",
                location=f"prompt:{self.name}",
            )
        try:
            template = _compile(self.body)
            return template.render({v: variables[v] for v in self.spec.variables}).strip() + "\n"
        except UndefinedError as exc:
            raise PromptError(
                f"提示词「{self.name}」（{self.source}）用到了未在 variables 中声明或未提供的变量：{exc.message}",
                location=f"prompt:{self.name}",
            ) from None
        except TemplateError as exc:
            raise PromptError(
                f"提示词「{self.name}」（{self.source}）模板语法有误：{exc}", location=f"prompt:{self.name}"
            ) from None

    def record(self) -> dict[str, Any]:
        """What provenance keeps about this prompt."""
        return {"name": self.name, "version": self.spec.version, "sha256": self.sha256, "source": self.source}


@cache
def _compile(body: str) -> Any:
    """A compiled template per body text (compiling costs ~7 ms; a draft renders ~20 prompts)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True)
    return env.from_string(body)


def builtin_dir() -> Traversable:
    """The shipped prompts: inside the package when installed from a wheel, else the checkout's folder."""
    packaged = resources.files("report_copilot").joinpath("prompts")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "prompts"


def parse_prompt(text: str, source: str) -> Prompt:
    """Split front matter from body and validate the front matter."""
    location = f"prompt:{source}"
    if not text.startswith("---"):
        raise PromptError(f"提示词文件 {source} 缺少开头的 front matter（--- … ---）", location=location)
    try:
        _, front, body = text.split("---", 2)
    except ValueError:
        raise PromptError(f"提示词文件 {source} 的 front matter 没有以 --- 结束", location=location) from None
    try:
        meta = yaml.safe_load(front) or {}
    except yaml.YAMLError as exc:
        raise PromptError(
            f"提示词文件 {source} 的 front matter 不是有效的 YAML：{exc}", location=location
        ) from None
    if not isinstance(meta, dict):
        raise PromptError(f"提示词文件 {source} 的 front matter 应为键值对", location=location)
    try:
        spec = PromptSpec.model_validate(meta)
    except ValidationError as exc:
        fields = "；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" for e in exc.errors())
        raise PromptError(f"提示词文件 {source} 的 front matter 有误：{fields}", location=location) from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Prompt(spec=spec, body=body.lstrip("\n"), source=source, sha256=digest)


def _read(folder: Traversable, name: str) -> str | None:
    entry = folder.joinpath(name + SUFFIX)
    if not entry.is_file():
        return None
    return entry.read_text(encoding="utf-8")


@cache
def _load_cached(name: str, override: str | None, mtime_key: float) -> Prompt:
    if override is not None:
        text = _read(Path(override), name)
        if text is not None:
            prompt = parse_prompt(text, f"{override}/{name}{SUFFIX}")
            _check_name(prompt, name)
            return prompt
    text = _read(builtin_dir(), name)
    if text is None:
        raise PromptError(
            f"找不到提示词「{name}」（内置目录与本单位目录中都没有 {name}{SUFFIX}）",
            location=f"prompt:{name}",
        )
    prompt = parse_prompt(text, f"builtin:{name}{SUFFIX}")
    _check_name(prompt, name)
    return prompt


def _check_name(prompt: Prompt, name: str) -> None:
    if prompt.spec.name != name:
        raise PromptError(
            f"提示词文件 {prompt.source} 的 name 为「{prompt.spec.name}」，应与文件名「{name}」一致",
            location=f"prompt:{name}",
        )


def load_prompt(name: str, override_dir: Path | None = None) -> Prompt:
    """The prompt `name`: the office's file when `override_dir` has one, else the built-in file."""
    override: str | None = None
    mtime = 0.0
    if override_dir is not None:
        folder = Path(override_dir).expanduser()
        if not folder.is_dir():
            raise PromptError(f"本单位提示词目录 {folder} 不存在或不是目录", location=str(folder))
        override = str(folder.resolve())
        own = folder / (name + SUFFIX)
        if own.is_file():
            mtime = own.stat().st_mtime_ns  # an edited office prompt is re-read
    return _load_cached(name, override, mtime)


def available_prompts(override_dir: Path | None = None) -> list[str]:
    """Names of all prompts visible (built-in plus the office's), sorted."""
    names = {e.name[: -len(SUFFIX)] for e in builtin_dir().iterdir() if e.name.endswith(SUFFIX)}
    if override_dir is not None and Path(override_dir).is_dir():
        names |= {p.stem for p in Path(override_dir).glob("*" + SUFFIX)}
    return sorted(names)
