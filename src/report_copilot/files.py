"""Reading and writing user files: the one path every command writes through.

- Every write goes to a temp file in the target's folder, is flushed to disk, then renamed over the
  target: a crash or `kill -9` leaves either the old file or the new one, never half of one.
- Every failure is an `OutputError` (exit 2) whose Chinese message names the file and what is in the
  way: a folder that cannot be written, a directory where a file should go, a read-only target or
  one held open by another program (Word on Windows), a full disk.
- A file the user may have filled in is never replaced unless they pass --overwrite.
- Several files that belong together (a draft's .md, history version, provenance and .docx) are
  written as one `FileSet`: all temps first, then the renames, with a journal so that a crash in the
  middle is completed by the next run (`recover`) and an error in the middle is rolled back.
- One lock per output stem (`output_lock`) so two runs writing the same report queue instead of
  mixing their files.

New files get ordinary permissions (0666 less the umask), as an editor would create them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError, OutputError

__all__ = [
    "FileSet",
    "ensure_dir",
    "output_lock",
    "recover",
    "refuse_overwrite",
    "write_bytes_atomic",
    "write_json_atomic",
    "write_text_atomic",
]

TMP_SUFFIX = ".tmp"
_JOURNAL = ".{stem}.commit.json"
_LOCK = ".{stem}.lock"


def refuse_overwrite(path: Path, overwrite: bool) -> None:
    """A file the user may have filled in is never replaced unless they ask for it."""
    if path.exists() and not overwrite:
        raise InputError(
            f"{path} 已存在，为免覆盖已有内容未写入（确需覆盖请加 --overwrite）", location=str(path)
        )


# ---------------------------------------------------------------- messages


def output_error(path: Path, exc: OSError, step: str = "写入") -> OutputError:
    """An OSError while writing `path`, as a Chinese message naming the file and what to do."""
    code = exc.errno
    if isinstance(exc, IsADirectoryError) or (path.is_dir() and not path.is_symlink()):
        why = "该位置是一个目录，不是文件；请换一个文件名或移走该目录"
    elif isinstance(exc, NotADirectoryError) or code == errno.ENOTDIR:
        why = "其上级路径中有同名文件而不是目录；请换一个输出目录"
    elif isinstance(exc, PermissionError) or code in {errno.EACCES, errno.EPERM}:
        why = "没有写入权限：文件或目录为只读，或文件正被其他程序（如 Word、WPS）打开，请关闭后重试"
    elif code == errno.EROFS:
        why = "所在磁盘为只读"
    elif code in {errno.ENOSPC, errno.EDQUOT}:
        why = "磁盘空间不足"
    elif code == errno.ENAMETOOLONG:
        why = "文件名过长"
    else:
        why = exc.strerror or type(exc).__name__
    return OutputError(f"无法{step} {path}：{why}。", location=str(path))


def _writable_mode(path: Path) -> bool:
    """Write permission by the mode bits: a read-only file or folder is refused even for root, who
    would otherwise replace it silently."""
    try:
        return bool(path.stat().st_mode & 0o222)
    except OSError:
        return True


def check_target(path: Path) -> None:
    """Refuse early when `path` cannot be replaced: a directory in its place, a read-only file, a
    read-only folder. On Windows a file open in Word fails at the rename with the same message."""
    if path.is_dir():
        raise output_error(path, IsADirectoryError(errno.EISDIR, "is a directory"))
    if path.exists() and not _writable_mode(path):
        raise OutputError(
            f"无法写入 {path}：文件为只读，或正被其他程序（如 Word、WPS）占用；请关闭该文件或取消只读后重试。",
            location=str(path),
        )
    if path.parent.is_dir() and not _writable_mode(path.parent):
        raise output_error(path, PermissionError(errno.EACCES, "read-only folder"))


def ensure_dir(path: Path) -> Path:
    """Create a folder (and its parents) for output; an OutputError naming it when that fails."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise output_error(path, NotADirectoryError(errno.ENOTDIR, "not a directory")) from None
    except OSError as exc:
        raise output_error(path, exc, "创建目录") from None
    if not path.is_dir():
        raise output_error(path, NotADirectoryError(errno.ENOTDIR, "not a directory"))
    if not _writable_mode(path):
        raise OutputError(f"无法写入目录 {path}：目录为只读。", location=str(path))
    return path


# ---------------------------------------------------------------- single files


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_path(target: Path) -> Path:
    """A fresh hidden temp name beside `target` (same folder, so the rename is atomic)."""
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}{TMP_SUFFIX}")


def _write_temp(target: Path, data: bytes) -> Path:
    tmp = temp_path(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise output_error(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all; an OutputError (exit 2) naming it when it cannot be."""
    ensure_dir(path.parent)
    check_target(path)
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise output_error(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# ---------------------------------------------------------------- lock


@contextlib.contextmanager
def output_lock(folder: Path, stem: str, *, stale_seconds: float = 600.0) -> Iterator[None]:
    """Hold the lock of one output stem: a second run writing the same report waits here.

    fcntl's lock dies with its process, so a killed run never blocks the next one (the file it
    leaves is taken over and removed). Without fcntl
    (Windows) an O_EXCL lock file holding the pid is used; one older than `stale_seconds` or whose
    process is gone is taken over.
    """
    ensure_dir(folder)
    path = folder / _LOCK.format(stem=stem)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        with _excl_lock(path, stale_seconds):
            yield
        return
    fd = _flock(path, fcntl)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)  # while still holding it: a waiter then sees a stale inode, retries
        os.close(fd)


def _flock(path: Path, fcntl: Any) -> int:
    """An exclusive flock on `path`, retried until the locked file is the one at the path (a holder
    unlinks the file before releasing it, so no lock file is left behind)."""
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
        except OSError as exc:
            raise output_error(path, exc, "锁定") from None
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)


@contextlib.contextmanager
def _excl_lock(path: Path, stale_seconds: float) -> Iterator[None]:  # pragma: no cover - Windows
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if _stale(path, stale_seconds):
                path.unlink(missing_ok=True)
                continue
            time.sleep(0.2)
            continue
        except OSError as exc:
            raise output_error(path, exc, "锁定") from None
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        break
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def _stale(path: Path, stale_seconds: float) -> bool:  # pragma: no cover - Windows
    try:
        age = time.time() - path.stat().st_mtime
        pid = int(path.read_text() or "0")
    except (OSError, ValueError):
        return True
    if age > stale_seconds:
        return True
    try:
        os.kill(pid, 0)
    except OSError:
        return True
    return False


# ---------------------------------------------------------------- sets of files


class FileSet:
    """Files that land together or not at all (a draft's .md, history, provenance, .docx).

    `add_*` writes each file's temp at once (so a failure there leaves nothing new), `commit` checks
    every target, writes a journal, then renames in order. An error during the renames puts the
    previous files back; a crash during them leaves the journal, and `recover` (run by the next
    writer of the same stem, under its lock) finishes the renames, since every temp was complete.
    """

    def __init__(self, folder: Path, stem: str) -> None:
        self.folder = ensure_dir(folder)
        self.journal = folder / _JOURNAL.format(stem=stem)
        self._moves: list[tuple[Path, Path]] = []

    def __enter__(self) -> FileSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add_bytes(self, target: Path, data: bytes) -> None:
        ensure_dir(target.parent)
        check_target(target)
        self._moves.append((_write_temp(target, data), target))

    def add_text(self, target: Path, text: str) -> None:
        self.add_bytes(target, text.encode("utf-8"))

    def add_file(self, tmp: Path, target: Path) -> None:
        """A temp already written (by `temp_path`) beside its target, e.g. an audited .docx."""
        try:
            check_target(target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._moves.append((tmp, target))

    def discard(self) -> None:
        for tmp, _ in self._moves:
            tmp.unlink(missing_ok=True)
        self._moves.clear()

    def commit(self) -> None:
        for _, target in self._moves:
            check_target(target)
        entries = [[str(tmp), str(target)] for tmp, target in self._moves]
        write_text_atomic(self.journal, json.dumps(entries, ensure_ascii=False))
        backups: list[tuple[Path, Path | None]] = []
        try:
            for tmp, target in self._moves:
                backups.append((target, _backup(target)))
                os.replace(tmp, target)
        except OSError as exc:
            _rollback(backups)
            self.journal.unlink(missing_ok=True)
            self.discard()
            raise output_error(backups[-1][0], exc) from None
        for folder in {target.parent for _, target in self._moves}:
            _fsync_dir(folder)
        self.journal.unlink(missing_ok=True)
        for _, backup in backups:
            if backup is not None:
                backup.unlink(missing_ok=True)
        self._moves.clear()


def _backup(target: Path) -> Path | None:
    """A hard link to the file about to be replaced, to put it back if a later rename fails."""
    if not target.is_file():
        return None
    backup = target.with_name(f".{target.name}.{os.urandom(4).hex()}.bak{TMP_SUFFIX}")
    try:
        os.link(target, backup)
    except OSError:
        return None
    return backup


def _rollback(backups: list[tuple[Path, Path | None]]) -> None:
    for target, backup in reversed(backups[:-1]):  # the last rename is the one that failed
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
    last = backups[-1][1] if backups else None
    if last is not None:
        last.unlink(missing_ok=True)


def recover(folder: Path, stem: str, targets: tuple[Path, ...] = ()) -> list[Path]:
    """Finish or clean what a killed run of `stem` left (call it holding the stem's lock).

    A journal means every temp was complete: the remaining renames are done. Then the stray temps of
    each of `targets` (`.NAME.xxxxxxxx.tmp` beside it) are removed. Returns the files completed.
    """
    completed: list[Path] = []
    journal = folder / _JOURNAL.format(stem=stem)
    if journal.is_file():
        try:
            entries = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = []
        for entry in entries if isinstance(entries, list) else []:
            tmp, target = Path(entry[0]), Path(entry[1])
            if tmp.is_file():
                with contextlib.suppress(OSError):
                    os.replace(tmp, target)
                    completed.append(target)
        journal.unlink(missing_ok=True)
    for target in (*targets, journal):
        if target.parent.is_dir():
            for stray in target.parent.glob(f".{glob_escape(target.name)}.*{TMP_SUFFIX}"):
                with contextlib.suppress(OSError):
                    stray.unlink()
    return completed


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
