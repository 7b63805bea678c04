"""Which prose bindings the audit is certain of on fresh report openings (a dev benchmark).

    python bench/bench_prose_openings.py OPENINGS --corpus DIR [--facts bench/real_reports] [--verbose]

OPENINGS holds report openings (the preface and 一、总体情况 of real reports, saved as found, not in
the repository), one `.txt` each, with `index.json` giving each file's report year (its layout follows:
2019–2020 reports use the 2019 layout). Each opening's prose, read as the importer reads a report (its
draft), is judged against the tables of every corpus report of the same layout (DIR, named by the facts
files under --facts), under the opening's own agency (index.json's `agency` where the excerpt's
title was cut off) and year. The opening's figures and the tables are
unrelated, so EVERY error-level prose finding is a sentence the binder considers certainly about a cell:
each must be read as in bench_prose_transplant.py (the same grouping by binding pattern is printed).
The openings are prose the binder was never tuned on; the corpus prose is (see the transplant bench).
How the openings were collected and cut is told in OPENINGS/README.md (outside the repository).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from bench_prose_transplant import Source, _load, judge, print_patterns, print_totals

from report_copilot.errors import CopilotError
from report_copilot.inputs.json_input import report_from_data
from report_copilot.inputs.published.importer import prose_of
from report_copilot.model.report import ReportBase

_HERE = Path(__file__).resolve().parent


def _report(tables: Source, agency: str, year: int) -> ReportBase | None:
    """B's tables under the opening's agency and year."""
    data = {k: v for k, v in tables.imported.data.items() if k != "proper_names"}
    data["meta"] = {**tables.imported.data["meta"], "agency": agency, "year": year}
    try:
        return report_from_data(data, source=f"opening+{tables.name}", with_previous=False)
    except CopilotError:
        return None


def review(openings: Path, sources: list[Source]) -> tuple[dict[str, list[str]], int]:
    """Pattern → the error-level sentences, and the number of openings judged."""
    index = json.loads((openings / "index.json").read_text(encoding="utf-8"))
    by_layout: dict[str, list[Source]] = defaultdict(list)
    for s in sources:
        by_layout[s.layout].append(s)
    found: dict[str, list[str]] = defaultdict(list)
    judged = 0
    for stem, info in sorted(index.items()):
        text = (openings / f"{stem}.txt").read_text(encoding="utf-8")
        try:
            draft, agency = prose_of(
                text.splitlines(), source=stem, year=info["year"], format_id=info["layout"]
            )
        except CopilotError as e:
            print(f"skipped {stem}: {e}")
            continue
        judged += 1
        agency = info.get("agency") or agency  # where the excerpt's title was cut off or misread
        for tables in by_layout[info["layout"]]:
            report = _report(tables, agency, info["year"])
            if report is not None:
                judge(stem, draft, report, found)
    return found, judged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("openings", type=Path)
    parser.add_argument(
        "--corpus", type=Path, required=True, help="the corpus texts (DIR of bench_real_reports)"
    )
    parser.add_argument("--facts", type=Path, default=_HERE / "real_reports")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    sources = _load(args.corpus, args.facts)
    found, judged = review(args.openings, sources)
    print_patterns(found, args.verbose)
    print(f"{'openings':<28}{judged:>8}")
    print(f"{'table reports':<28}{len(sources):>8}")
    print_totals(found)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
