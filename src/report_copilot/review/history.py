"""The versions `copilot draft` keeps: the layout, the version numbers, listing and the newest two.

Layout: `DIR/<stem>.md` is the newest draft and `DIR/<stem>.provenance.json` its record; every version
is kept as `DIR/.history/<stem>/<NNNN>.md` with `<NNNN>.provenance.json` beside it (NNNN = 0001,
0002, …). This module owns that layout and the numbering (`claim_version`, `unchanged_version`); the
records themselves are read through `provenance.read`. Listing never writes.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError
from report_copilot.provenance import Provenance, read

__all__ = [
    "HAND_EDIT",
    "HISTORY_DIR",
    "Version",
    "claim_version",
    "clean_leftovers",
    "history_dir",
    "list_versions",
    "newest_two",
    "next_version",
    "unchanged_version",
]

HISTORY_DIR = ".history"
HAND_EDIT = "手工修改"
"""The `backend` of a version the clerk edited by hand (saved by the TUI, or kept by a re-draft)."""
_VERSION = re.compile(r"^(\d{4,})\.md$")
_OUTCOME_NAMES = {
    "llm": "模型",
    "repaired": "修改后通过",
    "cached": "缓存",
    "fallback": "改用模板",
    "template": "模板",
}


def history_dir(out_dir: Path, stem: str) -> Path:
    """Where the versions of draft `stem` written to `out_dir` are kept."""
    return out_dir / HISTORY_DIR / stem


def _numbers(folder: Path) -> list[int]:
    if not folder.is_dir():
        return []
    return [int(m.group(1)) for p in folder.iterdir() if (m := _VERSION.match(p.name))]


def next_version(folder: Path) -> int:
    """The number the next version in `folder` gets (the caller holds the stem's lock)."""
    return max(_numbers(folder), default=0) + 1


def clean_leftovers(folder: Path) -> None:
    """Remove what a killed run left in a history folder (call it holding the stem's lock): temps,
    and empty version files without a record (a number claimed but never written)."""
    if not folder.is_dir():
        return
    for stray in folder.glob(".*.tmp"):
        stray.unlink(missing_ok=True)
    for number in _numbers(folder):
        version = folder / f"{number:04d}.md"
        with contextlib.suppress(OSError):
            if (
                version.stat().st_size == 0
                and not version.with_name(f"{number:04d}.provenance.json").exists()
            ):
                version.unlink()


def claim_version(folder: Path) -> tuple[int, Path]:
    """The next free NNNN.md in `folder`, created exclusively so two runs never share a number."""
    folder.mkdir(parents=True, exist_ok=True)
    version = max(_numbers(folder), default=0) + 1
    while True:
        path = folder / f"{version:04d}.md"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            version += 1
            continue
        os.close(fd)
        return version, path


def unchanged_version(
    folder: Path, markdown: str, *, below: int | None = None, forced: bool = False
) -> int | None:
    """The newest kept version (below `below`) when its text equals `markdown` and it was exported
    the same way (`forced`): a re-draft that changed nothing is that version again, not a new one."""
    for number in sorted((n for n in _numbers(folder) if below is None or n < below), reverse=True):
        try:
            text = (folder / f"{number:04d}.md").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not text:  # a slot claimed by a run that never finished: look further back
            continue
        if text != markdown:
            return None
        record = read(folder / f"{number:04d}.provenance.json")
        return number if record is None or record.forced == forced else None
    return None


@dataclass
class Version:
    """One kept draft and what its provenance says about how it was made."""

    number: int
    path: Path
    provenance: Provenance | None
    unreadable: bool = False

    @property
    def created(self) -> str | None:
        """Creation time in the machine's local time, to the minute."""
        return self.provenance.local_created() if self.provenance is not None else None

    @property
    def backend(self) -> str | None:
        return self.provenance.backend if self.provenance is not None else None

    @property
    def model(self) -> str | None:
        return self.provenance.model if self.provenance is not None else None

    @property
    def forced(self) -> bool:
        return bool(self.provenance is not None and self.provenance.forced)

    @property
    def check(self) -> dict[str, Any]:
        return self.provenance.check if self.provenance is not None else {}

    @property
    def outcomes(self) -> dict[str, int]:
        """Units per outcome: llm, repaired, cached, fallback, template."""
        return self.provenance.outcomes() if self.provenance is not None else {}

    @property
    def outcome_text(self) -> str:
        """模型7、改用模板1 — how the units came to be, as the history table shows it."""
        return "、".join(f"{_OUTCOME_NAMES.get(k, k)}{n}" for k, n in self.outcomes.items()) or "—"

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
        prov = self.provenance
        return {
            "version": self.number,
            "path": str(self.path),
            "created": prov.created if prov is not None else None,
            "backend": self.backend,
            "model": self.model,
            "host": prov.endpoint.host if prov is not None and prov.endpoint is not None else None,
            "sections": {s.key: s.outcome for s in prov.sections} if prov is not None else {},
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
    """(draft name, versions oldest first) for a draft folder, draft file or history folder.

    A slot a crashed run claimed but never wrote (empty text, no record) is not a version.
    """
    folder, stem = _resolve(target)
    versions: list[Version] = []
    for path in folder.iterdir():
        m = _VERSION.match(path.name)
        if not m:
            continue
        record = path.with_name(f"{m.group(1)}.provenance.json")
        has_record = record.is_file()
        if not has_record and _empty(path):
            continue
        provenance = read(record) if has_record else None
        versions.append(
            Version(int(m.group(1)), path, provenance, unreadable=has_record and provenance is None)
        )
    versions.sort(key=lambda v: v.number)
    return stem, versions


def _empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return True


def newest_two(target: Path) -> tuple[Version, Version]:
    """The two newest versions of a draft, for `copilot diff --last`."""
    stem, versions = list_versions(target)
    if len(versions) < 2:
        raise InputError(
            f"草稿「{stem}」只有 {len(versions)} 个版本，没有可比较的上一版", location=str(target)
        )
    return versions[-2], versions[-1]
