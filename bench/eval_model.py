"""Evaluate a model for drafting: run the bundled examples (or any input files) against an endpoint and
print, per section, how often the first reply passed the checks, how many were repaired, how many fell
back to the template, tokens and latency — the figures an office uses to choose a model.

The cache is off (every section is a real call). The key comes from OPENAI_API_KEY / COPILOT_API_KEY
or --api-key-env NAME; it is never printed.

Run: python bench/eval_model.py --base-url http://127.0.0.1:11434/v1 --model qwen2.5:7b [--runs 2] [FILE ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "yunxi-amr-2024.json", ROOT / "examples" / "guyuan-2019.json"]


@dataclass
class SectionStats:
    runs: int = 0
    first_pass: int = 0
    repaired: int = 0
    fallbacks: int = 0
    cut_short: int = 0
    prompt_tokens: list[int] = field(default_factory=list)
    completion_tokens: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def evaluate(files: list[Path], runs: int, base_url: str, model: str, key_env: str | None) -> None:
    from report_copilot.drafting.base import SECTION_NAMES
    from report_copilot.inputs.json_input import load_report
    from report_copilot.service.drafting import DraftEvent, draft_report
    from report_copilot.settings import load_settings

    key = os.environ.get(key_env) if key_env else None
    settings = load_settings(backend="openai", base_url=base_url, model=model, api_key=key, cache=False)
    table: dict[str, SectionStats] = defaultdict(SectionStats)
    findings = errors = 0
    for path in files:
        report = load_report(path)
        for _ in range(runs):
            events: list[DraftEvent] = []
            result = draft_report(report, settings=settings, use_cache=False, on_event=events.append)
            if result.model_unavailable:
                sys.exit(f"无法使用模型服务：{result.fallbacks[0].message}（可先运行 copilot doctor）")
            first_problems = {e.section: e.message for e in events if e.kind == "repair"}
            for section in result.sections:
                if section.outcome == "template":
                    continue  # nothing for a model to write (六 without notes)
                row = table[section.key]
                row.runs += 1
                row.first_pass += section.outcome == "llm"
                row.repaired += section.outcome == "repaired"
                row.fallbacks += section.outcome == "fallback"
                row.cut_short += section.failure in {"busy", "error", "unavailable"}
                usage = section.usage or {}
                row.prompt_tokens.append(usage.get("prompt_tokens", 0))
                row.completion_tokens.append(usage.get("completion_tokens", 0))
                row.seconds.append(section.seconds)
                if section.key in first_problems:
                    row.problems.append(first_problems[section.key][:40])
            findings += len(result.findings)
            errors += len(result.errors)
    _print(table, SECTION_NAMES, findings, errors, model)


def _print(
    table: dict[str, SectionStats], names: dict[str, str], findings: int, errors: int, model: str
) -> None:
    print(f"model {model}")
    header = f"{'section':34} {'first pass':>10} {'repaired':>8} {'fallback':>8} {'call err':>8} {'prompt tok':>10} {'reply tok':>9} {'latency s':>9}"
    print(header)
    total = SectionStats()
    for key, row in table.items():
        med = statistics.median
        print(
            f"{names.get(key, key)[:16]:34} {row.first_pass / row.runs:>10.0%} {row.repaired:>8} {row.fallbacks:>8} "
            f"{row.cut_short:>8} {med(row.prompt_tokens):>10.0f} {med(row.completion_tokens):>9.0f} "
            f"{med(row.seconds):>9.2f}"
        )
        total.runs += row.runs
        total.first_pass += row.first_pass
        total.repaired += row.repaired
        total.fallbacks += row.fallbacks
        total.prompt_tokens += row.prompt_tokens
        total.completion_tokens += row.completion_tokens
    if total.runs:
        print(
            f"{'all sections':34} {total.first_pass / total.runs:>10.0%} {total.repaired:>8} {total.fallbacks:>8} "
            f"{'':>8} {sum(total.prompt_tokens):>10} {sum(total.completion_tokens):>9}"
        )
    print(f"findings in the final drafts: {findings} ({errors} errors; template text included)")
    print("first-reply problems (what the repair prompt had to say):")
    for key, row in table.items():
        for problem in sorted(set(row.problems)):
            print(f"  {names.get(key, key)}: {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="report data files (default: the bundled examples)"
    )
    parser.add_argument(
        "--base-url", required=True, help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1"
    )
    parser.add_argument("--model", required=True)
    parser.add_argument("--runs", type=int, default=1, help="drafts per input file")
    parser.add_argument("--api-key-env", default=None, help="environment variable holding the key")
    args = parser.parse_args()
    evaluate(args.files or EXAMPLES, args.runs, args.base_url, args.model, args.api_key_env)


if __name__ == "__main__":
    main()
