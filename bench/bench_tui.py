"""Benchmark: the TUI's launch time and the cost of re-checking after one cell edit.

Prints a table and ratios against baselines measured in the same run:
- launch to first screen (cold process start → the main screen's first refresh, headless, 80×24,
  the bundled 2021 example; tabs not shown first mount just after) against a minimal Textual app
  (one Static) measured the same way — goal < 1 s;
- re-validate after one cell edit on the full report (`EditSession.set_cell`: rebuild the report
  from the data, every identity check, autosave hand-off) against the identity checks alone on an
  already-built report — goal < 16 ms (one frame at 60 Hz);
- the same edit including the UI refresh (every grid, the findings panel) inside the running app.

Run: python bench/bench_tui.py [--runs N] [--edits N]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

LAUNCH = """
import asyncio, sys, time
t0 = time.perf_counter()
from pathlib import Path
import report_copilot.tui.app as tui_app
from report_copilot.tui.screens.main import MainScreen

class Probe(MainScreen):
    # Textual calls every on_mount in the class hierarchy: this one only adds the probe.
    def on_mount(self):
        self.call_after_refresh(self._ready)

    def _ready(self):
        print(f"READY {time.perf_counter() - t0:.4f}", flush=True)

tui_app.MainScreen = Probe

async def main():
    app = tui_app.CopilotApp(Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

asyncio.run(main())
"""

MINIMAL = """
import asyncio, time
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("你好")

    def on_mount(self):
        self.call_after_refresh(lambda: print(f"READY {time.perf_counter() - t0:.4f}", flush=True))

async def main():
    async with Hello().run_test(size=(80, 24)) as pilot:
        await pilot.pause()

asyncio.run(main())
"""


def _copy_example(folder: Path) -> Path:
    for name in ("yunxi-amr-2024.json", "yunxi-amr-2023.json"):
        shutil.copy(EXAMPLES / name, folder / name)
    return folder / "yunxi-amr-2024.json"


def launch(script: str, args: list[str], runs: int) -> float:
    """Median wall time (ms) from process start until the first screen is composed."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait(timeout=60)
        if not line.startswith("READY"):
            raise SystemExit(f"launch failed: {proc.stderr.read() if proc.stderr else ''}")
        times.append(elapsed)
    return statistics.median(times) * 1000


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
        minimal = launch(MINIMAL, [], args.runs)
        ours = launch(LAUNCH, [str(path)], args.runs)
        edit_ms, checks_ms, edit_p95 = edits(path, args.edits)
        ui_ms = ui_edits(path, max(args.edits // 4, 10))

    rows = [
        ("baseline: minimal Textual app, launch to first screen", f"{minimal:.0f} ms", "", None),
        (
            "copilot tui: launch to first screen (example)",
            f"{ours:.0f} ms  ({ours / minimal:.2f}× baseline)",
            "< 1 s",
            ours < 1000,
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
    print(f"{'measure'.ljust(width)}  {'result':34}  goal     met")
    for name, value, goal, met in rows:
        flag = "" if met is None else ("yes" if met else "NO")
        print(f"{name.ljust(width)}  {value:34}  {goal:7}  {flag}")


if __name__ == "__main__":
    main()
