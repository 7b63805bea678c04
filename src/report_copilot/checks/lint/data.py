"""The lint rules' data, read once from the TOML files beside the format definitions.

`fixed_names.toml` lists the official names and their misspellings (L-5); `lint.toml` holds the
thresholds, phrases and word lists of the other rules. Code decides how to look; the files say what.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from report_copilot.errors import FormatDefinitionError


@dataclass(frozen=True)
class FixedName:
    name: str
    misspellings: tuple[str, ...]
    title: str = ""


def _read(name: str) -> dict[str, Any]:
    path = resources.files("report_copilot").joinpath("formats", name)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FormatDefinitionError(f"无法读取内置规则数据 {name}：{exc}", location=name) from exc


@cache
def lint_data() -> dict[str, Any]:
    """lint.toml as a dict (sections copied, generic, required, headers, placeholder)."""
    return _read("lint.toml")


@cache
def fixed_names() -> tuple[FixedName, ...]:
    data = _read("fixed_names.toml")
    return tuple(
        FixedName(n["name"], tuple(n.get("misspellings", ())), n.get("title", "")) for n in data["name"]
    )


@cache
def wrong_brackets() -> tuple[tuple[str, str], ...]:
    """Bracket pairs written instead of 〔〕 in a document number."""
    data = _read("fixed_names.toml")
    return tuple((pair[0], pair[1]) for pair in data.get("wrong_brackets", ()) if len(pair) == 2)
