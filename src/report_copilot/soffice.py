"""LibreOffice (headless) as a converter, run one way for every layer that needs it.

Export makes PDFs of our .docx with it; the importer makes .docx of an agency's legacy Word or WPS
file. Each run gets its own HOME and user profile in a temporary folder (nothing lands in the
user's profile, and a LibreOffice the user has open does not capture the job), and runs in a
process group of its own: soffice starts a child of its own, and a stalled conversion is ended
whole, not left behind holding the profile.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 180.0
"""A report converts in seconds; a file that keeps LibreOffice busy for minutes is not one."""


def find_soffice() -> str | None:
    """The LibreOffice binary (`soffice`, or `libreoffice` as some distributions name it), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(frozen=True)
class Conversion:
    """What a run produced: the converted file (None if none was written), and why not."""

    output: Path | None
    timed_out: bool
    detail: str
    """LibreOffice's last line of output, for the message when nothing was written."""


def convert(
    soffice: str,
    source: Path,
    out_dir: Path,
    target: str,
    *,
    timeout: float = TIMEOUT_S,
    env: dict[str, str] | None = None,
) -> Conversion:
    """Convert `source` to the `target` format (pdf, docx) in `out_dir`, as `<stem>.<target>`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="copilot-soffice-") as tmp:
        home = Path(tmp)
        full_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "LANG": "zh_CN.UTF-8",
            "SAL_USE_VCLPLUGIN": "svp",
            **(env or {}),
        }
        args = [soffice, f"-env:UserInstallation={(home / 'profile').as_uri()}", "--headless"]
        args += [
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        process = subprocess.Popen(
            args,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            printed, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end(process)
            return Conversion(None, True, "")
        except BaseException:
            _end(process)
            raise
    output = out_dir / f"{source.stem}.{target.split(':', 1)[0]}"
    lines = (printed or "").strip().splitlines()
    if process.returncode != 0 or not output.is_file():
        return Conversion(None, False, lines[-1] if lines else "无输出")
    return Conversion(output, False, "")


def _end(process: subprocess.Popen[str]) -> None:
    """Kill the conversion and every process it started."""
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        process.kill()
    process.communicate()
