"""Benchmark: in-process validation speed and `copilot` cold-start time.

Prints a table and ratios against baselines measured in the same run:
- in-process: parse + validate + identity checks of the bundled 2021 example, 1,000 times
  (goal < 1 ms per report);
- cold start: `copilot --help` and `copilot validate examples/…` against
  `python -c "import typer, pydantic"` (goal ≤ 2× that baseline).

Run: python bench/bench_validate.py [--reports N] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yunxi-amr-2024.json"


def in_process(n: int) -> tuple[float, float]:
    from report_copilot.checks.identities import check_report
    from report_copilot.inputs.json_input import report_from_data

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["previous"] = json.loads((ROOT / "examples" / "yunxi-amr-2023.json").read_text(encoding="utf-8"))
    check_report(report_from_data(data))  # warm caches (format definition, model classes)
    start = time.perf_counter()
    for _ in range(n):
        report = report_from_data(data)
        result = check_report(report)
    elapsed = time.perf_counter() - start
    assert result.ok
    start = time.perf_counter()
    for _ in range(n):
        check_report(report)
    checks_only = time.perf_counter() - start
    return elapsed / n * 1000, checks_only / n * 1000


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    per_report, checks_only = in_process(args.reports)
    copilot = shutil.which("copilot") or str(Path(sys.executable).with_name("copilot"))
    baseline = wall([sys.executable, "-c", "import typer, pydantic"], args.runs)
    help_ms = wall([copilot, "--help"], args.runs)
    validate_ms = wall([copilot, "validate", str(EXAMPLE)], args.runs)

    rows = [
        ("in-process: load + check, per report", f"{per_report:.3f} ms", "< 1 ms", per_report < 1),
        ("in-process: identity checks only, per report", f"{checks_only:.3f} ms", "", True),
        ("baseline: python -c 'import typer, pydantic'", f"{baseline:.0f} ms", "", True),
        (
            "copilot --help (cold)",
            f"{help_ms:.0f} ms  ({help_ms / baseline:.2f}× baseline)",
            "≤ 2×",
            help_ms <= 2 * baseline,
        ),
        (
            "copilot validate example (cold)",
            f"{validate_ms:.0f} ms  ({validate_ms / baseline:.2f}× baseline)",
            "≤ 2×",
            validate_ms <= 2 * baseline,
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'result':32}  goal   met")
    for name, value, goal, met in rows:
        print(f"{name.ljust(width)}  {value:32}  {goal:5}  {'yes' if met else 'NO' if goal else ''}")


if __name__ == "__main__":
    main()
