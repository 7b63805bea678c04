"""Benchmark: the TUI's launch time and the cost of re-checking after one cell edit.

Prints a table and ratios against baselines measured in the same run:
- launch: the whole command `python -m report_copilot tui FILE` as a process in an 80×24
  pseudo-terminal, from process start until its first screen is on the terminal (the status line
  drawn by the main screen), and its CPU time (user + system, the process's whole life: ctrl+q is
  sent once the first screen shows, and the app handles it only after every tab is mounted, so the
  CPU includes getting ready for keys). Against a minimal Textual app (one Static, same terminal,
  same quit key) started the same way; runs interleaved (baseline, ours, baseline, …) so a busy
  machine weighs on both alike; medians. Bytecode is cached (in the temporary folder) after one
  untimed launch of each, as for an installed package. Goal: first screen < 1 s;
- re-validate after one cell edit on the full report (`EditSession.set_cell`: rebuild the report
  from the data, every identity check, autosave hand-off) against the identity checks alone on an
  already-built report — goal < 16 ms (one frame at 60 Hz);
- the same edit including the UI refresh (every grid, the findings panel) inside the running app.

Run: python bench/bench_tui.py [--runs N] [--edits N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("minimal-app-ready")

Hello().run()
"""

QUIT = b"\x11"  # ctrl+q quits both apps
TIMEOUT = 120.0


def run_in_terminal(
    argv: list[str], marker: str, cwd: Path, pycache: Path | None = None
) -> tuple[float, float]:
    """(wall seconds until `marker` is on the terminal, CPU seconds of the whole process).

    With `pycache`, compiled bytecode is kept there (outside the source tree), as an installed
    package has it: a launch that compiles every module from source measures the compiler."""
    import fcntl
    import termios

    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", COLUMNS="80", LINES="24")
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the command
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    wanted, seen, shown = marker.encode("utf-8"), b"", None
    quit_sent = False
    while True:
        ready, _, _ = select.select([fd], [], [], TIMEOUT)
        if not ready:
            os.kill(pid, 9)
            raise SystemExit(f"{argv[-1]}: nothing on the terminal for {TIMEOUT} s")
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal: it has exited
            break
        if not chunk:
            break
        if shown is None:
            seen = (seen + chunk)[-65536:]
            if wanted in seen:
                shown = time.perf_counter() - start
        if shown is not None and not quit_sent:
            os.write(fd, QUIT)
            quit_sent = True
    _pid, status, usage = os.wait4(pid, 0)
    os.close(fd)
    if shown is None or status != 0:
        raise SystemExit(f"{argv[-1]}: exited with status {status} before showing {marker!r}")
    return shown, usage.ru_utime + usage.ru_stime


def launches(path: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall ms to first screen, CPU ms) of the baseline and of `copilot tui`, interleaved."""
    commands = {
        "baseline": ([sys.executable, "-c", MINIMAL], "minimal-app-ready"),
        "copilot tui": ([sys.executable, "-m", "report_copilot", "tui", str(path)], "方向键移动"),
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    pycache = path.parent / "pycache"
    for argv, marker in commands.values():  # untimed: writes the bytecode caches
        run_in_terminal(argv, marker, path.parent, pycache)
    for _ in range(runs):
        for name, (argv, marker) in commands.items():
            samples[name].append(run_in_terminal(argv, marker, path.parent, pycache))
    return {
        name: (
            statistics.median(w for w, _ in got) * 1000,
            statistics.median(c for _, c in got) * 1000,
        )
        for name, got in samples.items()
    }


def _copy_example(folder: Path) -> Path:
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder / "yunxi-amr-2024.json"


def edits(path: Path, n: int) -> tuple[float, float, float]:
    """Median ms: set_cell (rebuild + all checks), identity checks alone, p95 of set_cell."""
    from report_copilot import service
    from report_copilot.tui.session import EditSession

    session = EditSession.open(path)
    cell = "requests.new.natural_person"
    original = str(session.value(cell))
    session.set_cell(cell, original)  # warm caches (model classes, check plans)
    times = []
    for i in range(n):
        start = time.perf_counter()
        session.set_cell(cell, str(int(original) + 1) if i % 2 == 0 else original)
        times.append(time.perf_counter() - start)
    session.discard_changes()
    report = session.result.report
    assert report is not None
    checks = []
    for _ in range(n):
        start = time.perf_counter()
        service.validate(report)
        checks.append(time.perf_counter() - start)
    times.sort()
    return (
        statistics.median(times) * 1000,
        statistics.median(checks) * 1000,
        times[int(0.95 * len(times))] * 1000,
    )


def ui_edits(path: Path, n: int) -> float:
    """Median ms of one committed edit in the running app: session + every widget refreshed."""
    from report_copilot.tui.app import CopilotApp

    async def run() -> float:
        app = CopilotApp(path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            cell = "requests.new.natural_person"
            original = str(app.session.value(cell))
            times = []
            for i in range(n):
                start = time.perf_counter()
                screen.commit_cell(cell, str(int(original) + 1) if i % 2 == 0 else original)  # type: ignore[attr-defined]
                times.append(time.perf_counter() - start)
            await pilot.pause()
            app.session.discard_changes()
            app.session.saved = dict(app.session.data)
            return statistics.median(times) * 1000

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="cold launches per measurement")
    parser.add_argument("--edits", type=int, default=200, help="cell edits per measurement")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-tui-") as tmp:
        path = _copy_example(Path(tmp))
        timed = launches(path, args.runs)
        edit_ms, checks_ms, edit_p95 = edits(path, args.edits)
        ui_ms = ui_edits(path, max(args.edits // 4, 10))

    (base_wall, base_cpu), (wall, cpu) = timed["baseline"], timed["copilot tui"]
    rows = [
        ("baseline: minimal Textual app, first screen (wall)", f"{base_wall:.0f} ms", "", None),
        ("baseline: minimal Textual app, CPU", f"{base_cpu:.0f} ms", "", None),
        (
            "copilot tui FILE: first screen (wall)",
            f"{wall:.0f} ms  ({wall / base_wall:.2f}× baseline)",
            "< 1 s",
            wall < 1000,
        ),
        (
            "copilot tui FILE: CPU, start to ready and quit",
            f"{cpu:.0f} ms  ({cpu / base_cpu:.2f}× baseline)",
            "",
            None,
        ),
        ("baseline: identity checks only (built report)", f"{checks_ms:.3f} ms", "", None),
        (
            "re-validate after one cell edit (median)",
            f"{edit_ms:.3f} ms  ({edit_ms / checks_ms:.1f}× baseline)",
            "< 16 ms",
            edit_ms < 16,
        ),
        ("re-validate after one cell edit (p95)", f"{edit_p95:.3f} ms", "< 16 ms", edit_p95 < 16),
        ("edit + refresh of every widget (median)", f"{ui_ms:.2f} ms", "< 16 ms", ui_ms < 16),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{args.runs} interleaved launches each, medians; machine load {os.getloadavg()[0]:.1f}")
    print(f"{'measure'.ljust(width)}  {'result':34}  goal     met")
    for name, value, goal, met in rows:
        flag = "" if met is None else ("yes" if met else "NO")
        print(f"{name.ljust(width)}  {value:34}  {goal:7}  {flag}")


if __name__ == "__main__":
    main()
