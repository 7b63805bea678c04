"""Autosave of the data being typed: the newest snapshot to a hidden sidecar file, off the UI thread.

Every change is written (temp file + rename) next to the data file on a background thread so typing
never waits for the disk; a crash loses at most the edit in flight.
"""

from __future__ import annotations

import threading
from pathlib import Path

from report_copilot.files import write_text_atomic

__all__ = ["AutoSaver", "autosave_path"]


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
