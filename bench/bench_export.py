"""Benchmark: in-process export time of the bundled 2021 example (goal < 0.3 s).

Prints a table with a ratio against a baseline measured in the same run: python-docx creating and
saving an empty document (the fixed cost every Word export pays). Measured: Word document alone,
Markdown alone, the terminal text, the self-audit, and the whole export (render + write + re-open + audit + Markdown).

Run: python bench/bench_export.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches (format definition, layouts, python-docx import)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from docx import Document

    from report_copilot.inputs.json_input import report_from_data
    from report_copilot.render.audit import audit_docx
    from report_copilot.render.docx import docx_bytes
    from report_copilot.render.markdown import render_markdown
    from report_copilot.render.text import render_text
    from report_copilot.service.export import export_draft
    from tests.render.drafts import sample_draft

    data = json.loads((ROOT / "examples" / "yunxi-amr-2024.json").read_text(encoding="utf-8"))
    data["previous"] = json.loads((ROOT / "examples" / "yunxi-amr-2023.json").read_text(encoding="utf-8"))
    report = report_from_data(data)
    draft = sample_draft(report)

    class Passed:
        ok = True
        findings: list[object] = []
        mentions: list[object] = []

    def empty_docx() -> None:
        Document().save(io.BytesIO())

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        sample = out / "sample.docx"
        sample.write_bytes(docx_bytes(draft, report))
        baseline = timed(empty_docx, args.runs)
        rows = [
            ("baseline: python-docx empty document, save", baseline, None),
            (
                "Word document (build + save to memory)",
                timed(lambda: docx_bytes(draft, report), args.runs),
                None,
            ),
            ("Markdown", timed(lambda: render_markdown(draft, report), args.runs), None),
            ("terminal text (--text)", timed(lambda: render_text(draft, report), args.runs), None),
            (
                "self-audit (re-open + verify)",
                timed(lambda: audit_docx(sample, draft, report), args.runs),
                None,
            ),
            (
                "whole export: md + docx + audit, atomic writes",
                timed(lambda: export_draft(draft, report, Passed(), out, "yunxi"), args.runs),
                300.0,
            ),
        ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'median':>10}  {'× baseline':>10}  goal      met")
    for name, ms, goal in rows:
        met = "" if goal is None else ("yes" if ms < goal else "NO")
        goal_text = "" if goal is None else f"< {goal:.0f} ms"
        print(f"{name.ljust(width)}  {ms:8.1f} ms  {ms / baseline:9.2f}×  {goal_text:8}  {met}")


if __name__ == "__main__":
    main()
