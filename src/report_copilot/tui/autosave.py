"""Autosave of the data being typed: the newest snapshot to a hidden sidecar file, off the UI thread.

Every change is written (temp file + rename) next to the data file on a background thread so typing
never waits for the disk; a crash loses at most the edit in flight. On opening, a sidecar left by an
earlier run is inspected before anything may write over it (`inspect_autosave`): a newer one is
offered to the clerk, an older or damaged one is moved aside under a visible name (`keep_aside`),
never deleted while it holds anything the data file lacks.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError
from report_copilot.files import write_text_atomic

__all__ = ["AutoSaver", "Found", "Pending", "autosave_path", "inspect_autosave", "keep_aside", "local_time"]


def autosave_path(path: Path) -> Path:
    """The hidden sidecar file that holds unsaved changes."""
    return path.with_name(f".{path.name}.autosave")


class AutoSaver:
    """Writes the newest snapshot on a background thread; a crash loses at most the edit in flight."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cond = threading.Condition()
        self._pending: str | None = None
        self._writing = False
        self._closed = False
        self._thread: threading.Thread | None = None
        self.error: str | None = None
        """The last write failure, in Chinese (shown by the UI; the data stays in memory)."""

    def submit(self, text: str) -> None:
        with self._cond:
            self._pending = text
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="copilot-autosave", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closed:
                    self._cond.wait()
                text = self._pending
                if text is None:  # closed, with nothing left to write
                    return
                self._pending, self._writing = None, True
            try:
                write_text_atomic(self.path, text)
                self.error = None
            except OSError as exc:
                self.error = f"自动保存到 {self.path} 失败：{exc.strerror or exc}"
            finally:
                with self._cond:
                    self._writing = False
                    self._cond.notify_all()

    def flush(self) -> None:
        """Wait until every submitted snapshot is on disk."""
        with self._cond:
            while self._pending is not None or self._writing:
                self._cond.wait(timeout=5)

    def discard(self) -> None:
        """Drop pending snapshots and remove the sidecar (after a save, or when the clerk discards)."""
        with self._cond:
            self._pending = None
            while self._writing:
                self._cond.wait(timeout=5)
            self.path.unlink(missing_ok=True)

    def close(self) -> None:
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()


# ---------------------------------------------------------------------- found on opening
@dataclass(frozen=True)
class Pending:
    """An autosave newer than the data file, holding changes the file lacks: the clerk decides."""

    path: Path
    data: dict[str, Any]
    modified: float
    """When the autosave was last written (seconds since the epoch)."""


@dataclass(frozen=True)
class Found:
    """What opening found beside the data file: a question to ask, or a note to show, or nothing."""

    pending: Pending | None = None
    notice: str | None = None
    """A Chinese note for the status line (an old or damaged autosave kept aside)."""


def local_time(seconds: float) -> str:
    """A file time as the clerk reads it: local time, to the minute."""
    return _dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")


def keep_aside(sidecar: Path, data_path: Path, *, damaged: bool = False) -> Path:
    """Move an autosave out of the way under a visible name beside the data file; never overwrites.

    The name says what it is and when it was written (`年报.自动保存-20261203-1718.json`), so a clerk
    who discarded it by mistake can still find it and open it like any data file.
    """
    stamp = _dt.datetime.fromtimestamp(sidecar.stat().st_mtime).strftime("%Y%m%d-%H%M%S")
    tag = "自动保存-损坏" if damaged else "自动保存"
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        target = data_path.with_name(f"{data_path.stem}.{tag}-{stamp}{suffix}.json")
        if target.exists():
            continue
        try:
            os.link(sidecar, target)  # fails when the name is taken: nothing is ever replaced
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            os.rename(sidecar, target)
            return target
        sidecar.unlink()
        return target
    raise OSError(errno.EEXIST, "too many kept copies", str(sidecar))


def inspect_autosave(data_path: Path, saved: dict[str, Any]) -> Found:
    """Look at the sidecar of `data_path` (whose content is `saved`) before anything writes to it.

    Same content: removed (nothing to lose). Newer than the file: a question for the clerk. Older
    than or as old as the file (the file was saved since, elsewhere): kept aside with a note.
    Unreadable: kept aside with a note naming it. A sidecar that cannot be moved aside stops the
    opening (InputError), since the next autosave would otherwise write over it.
    """
    sidecar = autosave_path(data_path)
    if not sidecar.exists():
        return Found()
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        stat = sidecar.stat()
    except (OSError, UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        kept = _keep(sidecar, data_path, damaged=True)
        return Found(
            notice=f"自动保存文件 {sidecar.name} 已损坏，无法恢复；已原样另存为 {kept.name}"
            f"（与数据文件同一文件夹），数据文件未受影响。"
        )
    if data == saved:
        sidecar.unlink(missing_ok=True)
        return Found()
    try:
        file_time = data_path.stat().st_mtime_ns
    except FileNotFoundError:
        file_time = None
    if file_time is None or stat.st_mtime_ns > file_time:
        return Found(pending=Pending(sidecar, data, stat.st_mtime))
    kept = _keep(sidecar, data_path)
    return Found(
        notice=f"发现一份不晚于数据文件的自动保存（{local_time(stat.st_mtime)}），未恢复；"
        f"已另存为 {kept.name}（与数据文件同一文件夹）。"
    )


def _keep(sidecar: Path, data_path: Path, *, damaged: bool = False) -> Path:
    try:
        return keep_aside(sidecar, data_path, damaged=damaged)
    except OSError as exc:
        raise InputError(
            f"无法把自动保存文件 {sidecar} 另存到一旁（{exc.strerror or exc}）；"
            f"请先手工移走或改名，再打开 {data_path.name}",
            location=str(sidecar),
        ) from None
