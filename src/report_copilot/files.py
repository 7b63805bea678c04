"""Reading and writing user files: Chinese messages on read, and no half-written file on a crash.

Writes go to a temp file in the same folder, are flushed to disk, then renamed over the target, so
a crash or `kill` leaves either the old file or the new one. New files get ordinary permissions
(0666 less the umask), as an editor would create them.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from report_copilot.errors import InputError


def read_user_text(path: Path, what: str = "文件") -> str:
    """A UTF-8 text file the user named (a BOM is tolerated); every failure as an InputError."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"找不到{what}：{path}", location=str(path)) from None
    except IsADirectoryError:
        raise InputError(f"{path} 是目录，不是{what}", location=str(path)) from None
    except UnicodeDecodeError:
        raise InputError(f"{path} 不是 UTF-8 编码的文本文件（请另存为 UTF-8）", location=str(path)) from None
    except OSError as exc:
        raise InputError(f"无法读取{what} {path}：{exc.strerror}", location=str(path)) from None


def refuse_overwrite(path: Path, force: bool) -> None:
    """A file the user may have filled in is never replaced unless they ask for it."""
    if path.exists() and not force:
        raise InputError(f"{path} 已存在，为免覆盖已填内容未写入（确需覆盖请加 --force）", location=str(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
