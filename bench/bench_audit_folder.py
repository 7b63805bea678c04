"""Benchmark: `copilot audit DIR --json` over a generated folder of published report texts.

Generates crafted report texts (the tests' generator, tests/review/published.py) for N/2 agencies
over two consecutive years, the agency's name printed differently in the two years for some of them
(全称/简称, 管委会/管理局, an OCR slip), then runs the whole command as a process, as users run it,
and prints CPU (user + sys of the child), wall time and peak memory. A smaller folder is run too, so
the table shows whether memory grows with the folder, and a folder of report data files (JSON: no
import, no prose) shows the cost of the folder machinery itself.

Every run is interleaved with its baselines, in the same round, so a busy machine weighs on both
alike: `copilot --help` (the start-up cost), and with `--against SRC` the same command run from
another source tree (`PYTHONPATH=SRC`, e.g. `git archive main | tar -x -C /tmp/base`, then
`--against /tmp/base/src`), whose JSON output must be identical. Medians over `--rounds` rounds.

Children run with bytecode cached (PYTHONPYCACHEPREFIX in the temp folder, warmed up untimed), as
an installed package runs; no audit result is cached anywhere.

Goal (issue 10): 1,000 reports in under 3 s of CPU; memory flat in the number of reports.
Not a timed test: it prints figures, it does not fail.

With `--real DIR` (a folder of real published texts; they stay outside the repository) that folder
is timed in the same rounds, and its CPU per report is printed beside the generated folder's: the
generated texts repeat one clean shape, real ones are longer and messier, and both matter.

Run: python bench/bench_audit_folder.py [--reports 1000] [--small 100] [--rounds 3]
                                        [--against SRC] [--keep DIR] [--real DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_VARIANTS = [
    ("{p}市场监督管理局", "{p}市场监管局"),
    ("{p}经济开发区管理委员会", "{p}经济开发区管理局"),
    ("{p}人民政府", "{p}政府"),
    ("{p}卫生健康委员会", "{p}卫生健康委员会"),
]
_PLACES = "云溪 风山 青石 白沙 沭阳 泗阳 临江 东湖 南岭 北塘 西岗 中和".split()


def generate(folder: Path, n: int) -> None:
    """n report texts: n/2 agencies, each with a 2023 and a 2024 report."""
    from tests.conftest import load_example
    from tests.review.published import published_text

    this_year = load_example("yunxi-amr-2024.json")
    last_year = load_example("yunxi-amr-2023.json")
    this_year.pop("previous", None)
    texts: dict[tuple[int, int], tuple[str, str]] = {}
    for i in range(n):
        agency_no, second = divmod(i, 2)
        data: dict[str, Any] = json.loads(json.dumps(this_year if second else last_year))
        old, new = _VARIANTS[agency_no % len(_VARIANTS)]
        place = _PLACES[agency_no % len(_PLACES)] + f"第{agency_no}"
        data["meta"]["agency"] = (new if second else old).format(p=place)
        key = (agency_no % len(_VARIANTS), second)
        if key not in texts:  # the text generator is the slow part: print each shape once
            texts[key] = (data["meta"]["agency"], published_text(data, seed=agency_no % 5))
        name, text = texts[key]
        text = text.replace(name, data["meta"]["agency"])
        (folder / f"r{agency_no:05d}-{data['meta']['year']}.txt").write_text(text, encoding="utf-8")


def generate_data(folder: Path, n: int) -> None:
    """n report data files (JSON): n/2 agencies, each with a 2023 and a 2024 file."""
    from tests.conftest import load_example

    years = [load_example("yunxi-amr-2023.json"), load_example("yunxi-amr-2024.json")]
    years[1].pop("previous", None)
    for i in range(n):
        agency_no, second = divmod(i, 2)
        data = dict(years[second])
        old, new = _VARIANTS[agency_no % len(_VARIANTS)]
        name = (new if second else old).format(p=_PLACES[agency_no % len(_PLACES)] + f"第{agency_no}")
        data["meta"] = {**data["meta"], "agency": name}
        path = folder / f"d{agency_no:05d}-{data['meta']['year']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


_PYCACHE = Path(tempfile.gettempdir()) / "bench-audit-pycache"


def _env(src: str | None) -> dict[str, str]:
    """The child's environment: the tree to run, and bytecode cached as an installed package has it
    (a sandbox's PYTHONDONTWRITEBYTECODE would make every run compile every module again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    if src is not None:
        env["PYTHONPATH"] = src
    return env


def run(cmd: list[str], src: str | None = None) -> tuple[float, float, float]:
    """(CPU seconds of the child, wall seconds, peak RSS in MB) of one process run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(src))
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def output(cmd: list[str], src: str | None = None) -> dict[str, Any]:
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, env=_env(src)).stdout)


Figures = dict[tuple[str, str], list[tuple[float, float, float]]]
Cpu = dict[tuple[str, str], float]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


Case = tuple[str, int, list[str]]
"""(row name, reports in the folder — 0 for `--help`, the command)."""


def _cases(args: argparse.Namespace, copilot: str, base: Path, ours: str) -> list[Case]:
    """`--help`, the generated folders (written once), and the real folder when given."""
    cases: list[Case] = [("copilot --help", 0, [copilot, "--help"])]
    for kind, n, make in [("texts", args.small, generate), ("texts", args.reports, generate)] + [
        ("data files", args.reports, generate_data)
    ]:
        folder = base / f"{kind.replace(' ', '-')}-{n}"
        if not (folder.is_dir() and len(list(folder.iterdir())) == n):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            make(folder, n)
        cases.append((f"copilot audit DIR --json, {n} {kind}", n, [copilot, "audit", str(folder), "--json"]))
    if args.real is not None:
        cmd = [copilot, "audit", str(args.real), "--json"]
        n = output(cmd, ours)["reports"]  # untimed: how many reports the folder holds
        cases.append((f"copilot audit REAL --json, {n} real texts", n, cmd))
    return cases


def _table(cases: list[Case], trees: list[tuple[str, str]], figures: Figures, rounds: int) -> Cpu:
    """Print the medians; return the median CPU of each (case, tree)."""
    print(f"medians of {rounds} interleaved rounds; bytecode cached; peak MB is the largest")
    print(f"{'run':44} {'tree':9} {'CPU s':>7} {'wall s':>7} {'peak MB':>7} {'×help':>6} {'per report':>13}")
    help_cpu = {tree: median([f[0] for f in figures[("copilot --help", tree)]]) for tree, _ in trees}
    cpu_of: Cpu = {}
    for name, n, _ in cases:
        for tree, _ in trees:
            runs = figures[(name, tree)]
            cpu, wall, rss = (
                median([r[0] for r in runs]),
                median([r[1] for r in runs]),
                max(r[2] for r in runs),
            )
            cpu_of[(name, tree)] = cpu
            per = f"{cpu / n * 1000:.2f} ms CPU" if n else ""
            print(
                f"{name:44} {tree:9} {cpu:7.2f} {wall:7.2f} {rss:7.0f} {cpu / help_cpu[tree]:6.1f} {per:>13}"
            )
    return cpu_of


def _outputs(cases: list[Case], ours: str, against: str | None, cpu_of: Cpu) -> None:
    """Linked pairs of each folder; with `--against`, the CPU ratio and whether the JSON is identical."""
    for name, n, cmd in cases[1:]:
        payload = output(cmd, ours)
        real = "REAL" in name
        line = f"{name}: linked pairs {payload['linked']}" + ("" if real else f" of {n // 2}")
        if against:
            same = payload == output(cmd, against)
            ratio = cpu_of[(name, "against")] / cpu_of[(name, "this tree")]
            line += f"; CPU against ÷ this tree = {ratio:.2f}; output {'identical' if same else 'DIFFERS'}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are printed")
    parser.add_argument("--against", help="a source tree (its src/) to run the same commands from")
    parser.add_argument("--keep", type=Path, help="write the generated folders here and keep them")
    parser.add_argument(
        "--real", type=Path, help="a folder of real published reports (kept outside the repository)"
    )
    args = parser.parse_args()
    if args.real is not None and not args.real.is_dir():
        parser.error(f"--real {args.real}: not a folder")

    copilot = shutil.which("copilot") or str(Path(sys.executable).with_name("copilot"))
    ours = os.environ.get("PYTHONPATH") or str(ROOT / "src")
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-audit-"))
    trees = [("this tree", ours)] + ([("against", args.against)] if args.against else [])
    for _, src in trees:  # warm-up, untimed: writes the bytecode cache of each tree
        run([copilot, "--help"], src)
    cases = _cases(args, copilot, base, ours)
    for _, src in trees:
        run(cases[1][2], src)
    figures: Figures = {}
    for _ in range(args.rounds):
        for name, _, cmd in cases:
            for tree, src in trees:
                figures.setdefault((name, tree), []).append(run(cmd, src))

    cpu_of = _table(cases, trees, figures, args.rounds)
    _outputs(cases, ours, args.against, cpu_of)
    per_report = {name: cpu_of[(name, "this tree")] / n for name, n, _ in cases if n}
    if args.real is not None:
        generated = per_report[cases[2][0]]
        real = per_report[cases[-1][0]]
        print(
            f"CPU per report, this tree: generated texts {generated * 1000:.2f} ms, "
            f"real texts {real * 1000:.2f} ms (real ÷ generated = {real / generated:.1f})"
        )
    for name, n, _ in cases:
        if n == args.reports:
            cpu = cpu_of[(name, "this tree")]
            verdict = "met" if cpu < 3 else "NOT met"
            print(f"goal: {name.split(', ', 1)[1]} < 3 s CPU → {verdict} ({cpu:.2f} s)")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
