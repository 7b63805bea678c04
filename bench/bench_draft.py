"""Benchmark: drafting with a model (against a local stub with fixed latency) and offline.

Prints a table and ratios against baselines measured in the same run:
- model backend: wall time of a full draft of the bundled 2021 example against the stub, which adds
  a fixed latency to every call (default 300 ms), compared with one call through the same client
  (goal ≤ 1.5×: the sections are drafted concurrently);
- the number of model calls of a second run with unchanged input (goal 0: the section cache);
- prompt size per section (the stub reports one token per character of the messages);
- template backend (the default on a machine with no model configured): `copilot draft … --no-export`
  cold, against `copilot validate` cold (goal ≤ 2×); and the full command, which also writes and
  audits the Word document (export service), for information.
The stub runs in its own process, as a real endpoint would, started by this script.

Run: python bench/bench_draft.py [--latency 0.3] [--runs 5]
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
def stub_process(latency: float) -> Iterator[str]:
    """The stub in its own process, like a real endpoint: its work must not share our GIL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.stub_openai", "--latency", str(latency)],
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


def stats(base_url: str) -> dict[str, int]:
    import httpx

    data: dict[str, int] = httpx.get(base_url + "/stats", timeout=5).json()
    return data


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


def model_runs(latency: float, stream: bool) -> dict[str, object]:
    """One call of the longest section alone, then full drafts (all sections concurrently), then the cache."""
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
        draft_report(report, settings=settings, use_cache=False)  # warm-up: imports, compiled prompts
        fulls = []
        before = stats(base_url)
        for _ in range(3):
            start = time.perf_counter()
            first = draft_report(report, settings=settings, use_cache=False)
            fulls.append(time.perf_counter() - start)
        after = stats(base_url)
        draft_report(report, settings=settings)  # fills the cache
        filled = stats(base_url)["calls"]
        start = time.perf_counter()
        second = draft_report(report, settings=settings)
        cached = time.perf_counter() - start
        second_calls = stats(base_url)["calls"] - filled
    assert first.ok and second.ok
    tokens = {s.key: (s.usage or {}).get("prompt_tokens", 0) for s in first.sections}
    return {
        "longest": longest.key,
        "single": single,
        "full": statistics.median(fulls),
        "first_calls": (after["calls"] - before["calls"]) // 3,
        "second_calls": second_calls,
        "cached": cached,
        "in_flight": after["max_in_flight"],
        "tokens": tokens,
        "outcomes": sorted({s.outcome for s in second.sections}),
    }


def wall(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=0.3, help="stub latency per call, seconds")
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs per command (median)")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="copilot-bench-"))
    os.environ["COPILOT_HOME"] = str(home)  # an empty cache, and no user config
    for var in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "COPILOT_API_KEY",
        "COPILOT_BASE_URL",
        "COPILOT_BACKEND",
    ):
        os.environ.pop(var, None)
    try:
        m = model_runs(args.latency, stream=True)
        plain = model_runs(args.latency, stream=False)
        copilot = shutil.which("copilot") or str(Path(sys.executable).with_name("copilot"))
        env = dict(os.environ)
        out = home / "drafts"
        validate_ms = wall([copilot, "validate", str(EXAMPLE)], args.runs, env)
        md_ms = wall([copilot, "draft", str(EXAMPLE), "-o", str(out), "--no-export"], args.runs, env)
        draft_ms = wall([copilot, "draft", str(EXAMPLE), "-o", str(out)], args.runs, env)
        check = subprocess.run(
            [copilot, "draft", str(EXAMPLE), "-o", str(out), "--json"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        ok = json.loads(check.stdout)["ok"]
    finally:
        shutil.rmtree(home, ignore_errors=True)

    rows: list[tuple[str, str, str, bool | None]] = []
    for label, run in (("streamed", m), ("not streamed", plain)):
        single, full = float(run["single"]), float(run["full"])  # type: ignore[arg-type]
        rows += [
            (
                f"one call, longest section ({run['longest']}), {label}",
                f"{single * 1000:.0f} ms (stub latency {args.latency * 1000:.0f} ms)",
                "",
                None,
            ),
            (
                f"full draft, {label} ({run['first_calls']} calls, max {run['in_flight']} in flight)",
                f"{full * 1000:.0f} ms  ({full / single:.2f}× one call)",
                "≤ 1.5×",
                full <= 1.5 * single,
            ),
        ]
    rows += [
        (
            "second run, unchanged input: model calls",
            f"{m['second_calls']}  ({float(m['cached']) * 1000:.0f} ms, outcomes {m['outcomes']})",  # type: ignore[arg-type]
            "0",
            m["second_calls"] == 0,
        ),
        ("baseline: copilot validate example (cold)", f"{validate_ms:.0f} ms", "", None),
        (
            "copilot draft example --no-export (template, cold)",
            f"{md_ms:.0f} ms  ({md_ms / validate_ms:.2f}× validate)",
            "≤ 2×",
            md_ms <= 2 * validate_ms,
        ),
        (
            "copilot draft example (template + Word export, cold)",
            f"{draft_ms:.0f} ms  ({draft_ms / validate_ms:.2f}× validate; checks ok: {ok})",
            "",
            None,
        ),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'result':48}  goal    met")
    for name, value, goal, met in rows:
        flag = "" if met is None else ("yes" if met else "NO")
        print(f"{name.ljust(width)}  {value:48}  {goal:6}  {flag}")
    print()
    print("prompt tokens per section (stub: 1 token per character of the messages)")
    tokens: dict[str, int] = m["tokens"]  # type: ignore[assignment]
    for key, count in tokens.items():
        print(f"  {key:34} {count:6}")
    print(f"  {'total':34} {sum(tokens.values()):6}")


if __name__ == "__main__":
    main()
