"""Benchmark: `copilot draft` as users run it (whole CLI processes) and in-process, with and without a model.

Process level — each candidate run interleaved with its baseline, median wall and CPU (user+system of
the child process) over --runs pairs, against a stub server in its own process:
- cached: `copilot draft --backend openai` with every section in the cache, against the template
  draft (`--backend template`) — goal ≤ 1.3× (the cache is read before any model client is imported);
- streamed: a full draft with the cache off at --latency per call (default 1 s), against one call
  plus a template draft — goal ≤ 1.5×;
- busy: a server that answers 2 requests at once and refuses the rest with 429 + Retry-After —
  goal: no section falls back to the template (the run reports how long it waited).
In-process (warm imports): a full draft against one call through the same client, streamed and not.

Run: python bench/bench_draft.py [--latency 1.0] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yunxi-amr-2024.json"


@contextlib.contextmanager
def stub_process(latency: float, *extra: str) -> Iterator[str]:
    """The stub in its own process, like a real endpoint: its work must not share our CPU accounting."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.stub_openai", "--latency", str(latency), *extra],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=10)


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall s, CPU s, stdout) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, out


def interleaved(
    base: list[str], candidate: list[str], runs: int, env: dict[str, str]
) -> tuple[tuple[float, float], tuple[float, float], str]:
    """Median (wall, CPU) of baseline and candidate, run alternately so both see the same machine."""
    b_wall, b_cpu, c_wall, c_cpu = [], [], [], []
    out = ""
    for _ in range(runs):
        w, c, _ = timed(base, env)
        b_wall.append(w)
        b_cpu.append(c)
        w, c, out = timed(candidate, env)
        c_wall.append(w)
        c_cpu.append(c)
    med = statistics.median
    return (med(b_wall), med(b_cpu)), (med(c_wall), med(c_cpu)), out


def one_call(settings: object, messages: list[tuple[str, str]]) -> float:
    """Wall time of one call through the same client stack (connection already open)."""
    from report_copilot.drafting.llm import model_session, stream_reply

    async def run() -> float:
        async with model_session(settings) as model:  # type: ignore[arg-type]
            await stream_reply(model, [("human", "预热")], stream=settings.stream)  # type: ignore[attr-defined]
            start = time.perf_counter()
            await stream_reply(model, messages, stream=settings.stream)  # type: ignore[attr-defined]
            return time.perf_counter() - start

    return asyncio.run(run())


def in_process(latency: float, stream: bool) -> tuple[str, float, float]:
    """(longest section, one call s, full draft s) with warm imports."""
    from report_copilot.drafting.pipeline import Pipeline
    from report_copilot.inputs.json_input import load_report
    from report_copilot.service.drafting import draft_report
    from report_copilot.settings import load_settings

    report = load_report(EXAMPLE)
    with stub_process(latency) as base_url:
        settings = load_settings(
            backend="openai", base_url=base_url, api_key="bench", timeout=30, max_retries=0, stream=stream
        )
        jobs = Pipeline(report, backend="openai", settings=settings)._jobs()
        longest = max(jobs.values(), key=lambda job: sum(len(text) for _, text in job.messages))
        single = statistics.median(one_call(settings, longest.messages) for _ in range(3))
        draft_report(report, settings=settings, use_cache=False)  # warm-up
        fulls = []
        for _ in range(3):
            start = time.perf_counter()
            result = draft_report(report, settings=settings, use_cache=False)
            fulls.append(time.perf_counter() - start)
        assert result.ok
    return longest.key, single, statistics.median(fulls)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=1.0, help="stub latency per call, seconds")
    parser.add_argument("--runs", type=int, default=5, help="interleaved pairs per comparison (median)")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="copilot-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COPILOT_"))}
    env["COPILOT_HOME"] = str(home)  # an empty cache, and no user config
    os.environ.update({"COPILOT_HOME": str(home)})
    copilot = shutil.which("copilot") or str(Path(sys.executable).with_name("copilot"))
    draft = [copilot, "draft", str(EXAMPLE), "--json"]
    template = [*draft, "-o", str(home / "t"), "--backend", "template"]
    rows: list[tuple[str, str, str, bool | None]] = []
    try:
        with stub_process(0.0) as url:
            cached = [*draft, "-o", str(home / "c"), "--backend", "openai", "--base-url", url]
            subprocess.run(cached, env=env, capture_output=True, check=False)  # fills the cache
            (tw, tc), (cw, cc), out = interleaved(template, cached, args.runs, env)
        outcomes = {s["outcome"] for s in json.loads(out)["sections"]}
        rows += [
            (
                "baseline: copilot draft --backend template",
                f"{tw * 1000:.0f} ms wall, {tc * 1000:.0f} ms CPU",
                "",
                None,
            ),
            (
                f"copilot draft --backend openai, fully cached ({'/'.join(sorted(outcomes))})",
                f"{cw * 1000:.0f} ms wall ({cw / tw:.2f}×), {cc * 1000:.0f} ms CPU ({cc / tc:.2f}×)",
                "≤ 1.3×",
                cw <= 1.3 * tw and outcomes == {"cached"},
            ),
        ]
        key, single, _ = in_process(args.latency, stream=True)
        with stub_process(args.latency) as url:
            full = [*draft, "-o", str(home / "s"), "--backend", "openai", "--base-url", url, "--no-cache"]
            (tw2, _), (fw, fc), out = interleaved(template, full, args.runs, env)
        budget = single + tw2
        rows += [
            (f"one call, longest section ({key}), streamed", f"{single * 1000:.0f} ms", "", None),
            (
                f"copilot draft, streamed, no cache, {args.latency:.1f} s latency",
                f"{fw * 1000:.0f} ms wall ({fw / budget:.2f}× one call + template draft), {fc * 1000:.0f} ms CPU",
                "≤ 1.5×",
                fw <= 1.5 * budget,
            ),
        ]
        with stub_process(0.3, "--capacity", "2", "--retry-after", "0.5") as url:
            busy = [*draft, "-o", str(home / "b"), "--backend", "openai", "--base-url", url, "--no-cache"]
            bw, _, out = timed(busy, env)
        payload = json.loads(out)
        lost = [s["key"] for s in payload["sections"] if s["outcome"] == "fallback"]
        rows.append(
            (
                "copilot draft, server taking 2 at a time (429 + Retry-After)",
                f"{len(lost)} sections lost, waited {payload['waited_seconds']:.1f} s, {bw:.1f} s wall",
                "0 lost",
                not lost,
            )
        )
        for stream in (True, False):
            key, single, full_s = in_process(0.3, stream)
            label = "streamed" if stream else "not streamed"
            rows.append(
                (
                    f"in-process full draft, {label}, 0.3 s latency, warm",
                    f"{full_s * 1000:.0f} ms ({full_s / single:.2f}× one call of {single * 1000:.0f} ms)",
                    "",
                    None,
                )
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)

    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'result':60}  goal    met")
    for name, value, goal, met in rows:
        flag = "" if met is None else ("yes" if met else "NO")
        print(f"{name.ljust(width)}  {value:60}  {goal:6}  {flag}")


if __name__ == "__main__":
    main()
