"""Which prose bindings the audit is certain of on prose that is not about its tables (a dev benchmark).

    python bench/bench_prose_transplant.py DIR [--facts bench/real_reports] [--partners N] [--verbose]

A wrong binding stays hidden in a real report whenever the number happens to equal the cell it was
wrongly tied to; on an unseen report the same binding fires as a false alarm. This benchmark exposes
them: the prose of real report A (its draft, from the importer) is judged against the tables of real
report B of the same layout (B's imported data under A's meta, so A's self-references still name the
reporting agency). The figures of A's prose and B's tables are unrelated, so EVERY error-level prose
finding is a sentence the binder considers certainly about a table cell. Each must be read: if the
sentence is beyond doubt about that same concept (table, row, column, year, unit), the binding is
right (A's number merely differs from B's cell); if not, it is a cause of false alarms to fix.

DIR holds the report texts (not in the repository), named by the facts files under --facts. Each
report A is paired with every other report of the same layout (or the next --partners N, by file
name), so a sentence whose number happens to equal one partner's cell still meets the others.
Printed: one line per binding pattern — the alias that named the figure and the cell key it was tied
to, e.g. `予以公开 → requests.granted.total` — with the number of error-level verdicts (and of the
distinct sentences behind them), most frequent first; claim findings (P-7/P-8 …) are grouped by rule,
and `claim (prose only)` ones (a 其中 list that does not add up, P-9) name no cell: they do not depend
on the tables and are the same in A's own audit. Mismatches are errors, as in `copilot audit`.
With --verbose each pattern lists its sentences (the number in 【】), to review.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from report_copilot.checks.aliases import SUBJECT_KINDS, index_for
from report_copilot.checks.context import prepare
from report_copilot.checks.prose import check_draft
from report_copilot.checks.tabletext import mask_table_text
from report_copilot.errors import CopilotError
from report_copilot.inputs.json_input import report_from_data
from report_copilot.inputs.published import ImportedReport, import_published
from report_copilot.model.draft import Draft
from report_copilot.model.report import ReportBase

_HERE = Path(__file__).resolve().parent


@dataclass
class Source:
    name: str
    imported: ImportedReport

    @property
    def layout(self) -> str:
        return str(self.imported.data.get("meta", {}).get("format") or "")


def _load(directory: Path, facts_dir: Path) -> list[Source]:
    out: list[Source] = []
    for facts_path in sorted(facts_dir.glob("*.json")):
        name = json.loads(facts_path.read_text(encoding="utf-8"))["file"]
        path = directory / name
        if not path.exists():
            continue
        try:
            out.append(Source(name, import_published(path)))
        except CopilotError:
            continue  # a refused report is measured by bench_real_reports.py
    return out


def transplant(prose: Source, tables: Source) -> ReportBase | None:
    """B's tables under A's meta: the report A's prose is judged against."""
    data = {k: v for k, v in tables.imported.data.items() if k != "proper_names"}
    data["meta"] = dict(prose.imported.data["meta"])
    data["proper_names"] = prose.imported.data.get("proper_names", [])
    try:
        return report_from_data(data, source=f"{prose.name}+{tables.name}", with_previous=False)
    except CopilotError:
        return None


def _pattern(
    draft: Draft, report: ReportBase, block: int, span: tuple[int, int], ref: str
) -> tuple[str, str]:
    """The alias that named the figure (the last subject name before the number in its sentence,
    else the first one after it) with the cell key, and the sentence with the number in 【】."""
    start, end = span
    blk = draft.blocks[block]
    index = index_for(report)
    text = mask_table_text(blk.text, index)
    ctx = prepare(text, index, blk.section.split(".")[0])
    sent = ctx.sentence_start(start)
    names = [h for h in ctx.hits if any(c.kind in SUBJECT_KINDS for c in h.concepts)]
    before = [h for h in names if sent <= h.start and h.end <= start]
    after = [h for h in names if h.start >= start and h.start < start + 20]
    hit = before[-1] if before else (after[0] if after else None)
    alias = text[hit.start : hit.end] if hit is not None else "—"
    stop = next((e for e in ctx.sentence_ends if e >= end), len(text))
    marked = f"{text[sent:start]}【{text[start:end]}】{text[end : stop + 1]}".strip()
    return f"{alias} → {ref}", marked


def _judge_pair(a: Source, b: Source, found: dict[str, list[str]]) -> None:
    """A's prose against B's tables: every error-level verdict, by its binding pattern."""
    draft = a.imported.draft
    report = transplant(a, b)
    if draft is None or report is None:
        return
    judge(a.name, draft, report, found)


def judge(name: str, draft: Draft, report: ReportBase, found: dict[str, list[str]]) -> None:
    """Every error-level verdict of the draft against the report's tables, by its binding pattern."""
    result = check_draft(draft, report)
    for m in result.mentions:
        if m.verdict.value == "mismatch" and m.block is not None:
            key, marked = _pattern(draft, report, m.block, (m.start, m.end), m.ref or "?")
            found[key].append(f"{name}: {marked}")
    for f in result.claims:
        if f.severity == "error":  # a claim on the prose's own figures names no cell
            kind = "claim" if f.cells else "claim (prose only)"
            claim = f.message.split("」", 1)[0] + "」"  # the sentence, without the cell's value
            found[f"{kind} {f.rule}"].append(f"{name}: {claim}")


def print_patterns(found: dict[str, list[str]], verbose: bool) -> None:
    """One line per binding pattern, most frequent first (with its sentences when verbose)."""
    for key, sentences in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        distinct = sorted(set(sentences))
        print(f"{len(sentences):>6}{len(distinct):>6}  {key}")
        if verbose:
            for s in distinct:
                print(f"{'':>14}{s}")


def print_totals(found: dict[str, list[str]]) -> None:
    print(f"{'binding patterns':<28}{len(found):>8}")
    print(f"{'error-level verdicts':<28}{sum(len(v) for v in found.values()):>8}")
    print(f"{'distinct sentences':<28}{len({s for v in found.values() for s in v}):>8}")


def review(sources: list[Source], partners: int) -> dict[str, list[str]]:
    """Pattern → the error-level sentences it produced on transplanted prose."""
    by_layout: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        by_layout[s.layout].append(s)
    found: dict[str, list[str]] = defaultdict(list)
    for group in by_layout.values():
        for i, a in enumerate(group):
            count = len(group) - 1 if partners <= 0 else min(partners, len(group) - 1)
            for k in range(1, count + 1):
                _judge_pair(a, group[(i + k) % len(group)], found)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--facts", type=Path, default=_HERE / "real_reports")
    parser.add_argument("--partners", type=int, default=0, help="tables per prose (0: every report)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    sources = _load(args.directory, args.facts)
    found = review(sources, args.partners)
    print_patterns(found, args.verbose)
    print(f"{'reports':<28}{len(sources):>8}")
    print_totals(found)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
