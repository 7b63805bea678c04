"""The versions `copilot draft` keeps: list them, and find the newest two to compare.

Layout (written by the drafting command): `DIR/<stem>.md` is the newest draft and
`DIR/<stem>.provenance.json` its record; every version is kept as `DIR/.history/<stem>/<NNNN>.md`
with `<NNNN>.provenance.json` beside it (NNNN = 0001, 0002, …). Nothing here writes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError

__all__ = ["HISTORY_DIR", "Version", "list_versions", "newest_two"]

HISTORY_DIR = ".history"
_VERSION = re.compile(r"^(\d{4,})\.md$")


@dataclass
class Version:
    """One kept draft and what its provenance says about how it was made."""

    number: int
    path: Path
    provenance: dict[str, Any] | None

    def _get(self, key: str) -> Any:
        return (self.provenance or {}).get(key)

    @property
    def created(self) -> str | None:
        return self._get("created")

    @property
    def backend(self) -> str | None:
        return self._get("backend")

    @property
    def model(self) -> str | None:
        return self._get("model")

    @property
    def forced(self) -> bool:
        return bool(self._get("forced"))

    @property
    def check(self) -> dict[str, Any]:
        check = self._get("check")
        return check if isinstance(check, dict) else {}

    @property
    def check_status(self) -> str:
        """通过 / N 个错误、M 个警告 / 未知 — as the history table shows it."""
        check = self.check
        if not check:
            return "未知"
        errors, warnings = check.get("errors", 0) or 0, check.get("warnings", 0) or 0
        errors = len(errors) if isinstance(errors, list) else errors
        warnings = len(warnings) if isinstance(warnings, list) else warnings
        if check.get("ok") and not errors:
            status = "通过" + (f"（{warnings} 个警告）" if warnings else "")
        else:
            status = f"{errors} 个错误、{warnings} 个警告"
        return status + ("，强制导出" if self.forced else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "version": self.number,
            "path": str(self.path),
            "created": self.created,
            "backend": self.backend,
            "model": self.model,
            "check": self.check or None,
            "forced": self.forced,
        }


def _stems(history: Path) -> list[str]:
    if not history.is_dir():
        return []
    return sorted(p.name for p in history.iterdir() if p.is_dir())


def _resolve(target: Path) -> tuple[Path, str]:
    """The history folder of one draft, from a draft folder, a draft file or the history folder itself."""
    if target.is_file() or target.suffix == ".md":
        folder = target.parent / HISTORY_DIR / target.stem
        if not folder.is_dir():
            raise InputError(f"{target}：没有保存的历史版本（应在 {folder}）", location=str(target))
        return folder, target.stem
    if not target.exists():
        raise InputError(f"找不到 {target}", location=str(target))
    if any(_VERSION.match(p.name) for p in target.iterdir()):
        return target, target.name
    history = target / HISTORY_DIR
    stems = _stems(history)
    if not stems:
        raise InputError(
            f"{target} 中没有草稿历史（{HISTORY_DIR}/）；历史由 copilot draft 写入", location=str(target)
        )
    if len(stems) > 1:
        names = "、".join(f"{target / s}.md" for s in stems)
        raise InputError(f"{target} 中有多份草稿的历史，请指定其中一份：{names}", location=str(target))
    return history / stems[0], stems[0]


def list_versions(target: Path) -> tuple[str, list[Version]]:
    """(draft name, versions oldest first) for a draft folder, draft file or history folder."""
    folder, stem = _resolve(target)
    versions: list[Version] = []
    for path in folder.iterdir():
        m = _VERSION.match(path.name)
        if not m:
            continue
        record = path.with_name(f"{m.group(1)}.provenance.json")
        if not record.exists() and path.stat().st_size == 0:
            continue  # a number claimed by a run that was killed before writing it
        provenance = None
        if record.is_file():
            try:
                loaded = json.loads(record.read_text(encoding="utf-8"))
                provenance = loaded if isinstance(loaded, dict) else None
            except (json.JSONDecodeError, UnicodeDecodeError):
                provenance = {"check": {}, "unreadable": True}
        versions.append(Version(int(m.group(1)), path, provenance))
    versions.sort(key=lambda v: v.number)
    return stem, versions


def newest_two(target: Path) -> tuple[Version, Version]:
    """The two newest versions of a draft, for `copilot diff --last`."""
    stem, versions = list_versions(target)
    if len(versions) < 2:
        raise InputError(
            f"草稿「{stem}」只有 {len(versions)} 个版本，没有可比较的上一版", location=str(target)
        )
    return versions[-2], versions[-1]
