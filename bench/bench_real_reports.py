"""How well `copilot import` and `copilot audit` read real published reports (a benchmark, not a test).

    python bench/bench_real_reports.py DIR [--facts bench/real_reports] [--verbose]

DIR holds the report texts (they are not ours, so they stay out of the repository); each facts file
under `bench/real_reports/` names its text by file name (`file`) and records its sha256, the
hand-verified printed cells (a number, or "blank" for a cell printed empty) and the hand-verified
inconsistencies (an identity rule and the cells it concerns). Printed:

- cells right / wrong / unread: a cell is right when the importer read the printed number, or
  reported a printed blank as blank; wrong when it read another value (or a number for a blank);
  unread otherwise. A wrong value is worse than an unread cell.
- inconsistencies caught / missed: caught when `copilot audit --json` reports an error under the
  same rule on one of the cells.
- reports refused: the importer or the audit gave up on the text (exit 2).
- prose error findings per 100 checked prose numbers, over the reports whose facts list the prose
  findings a reviewer verified by reading the sentence (`prose_errors`, each a rule, a cell and the
  quoted clause; `[]` when none is real). A checked prose number is one the number checker compared
  with a figure of the report's tables (verdict bound, mismatch or ambiguous); any error-level prose
  finding not listed is a false alarm, and a listed one the audit does not raise is a missed prose
  error. With --verbose every false alarm is printed with its sentence.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from report_copilot.checks.prose import check_draft
from report_copilot.errors import CopilotError
from report_copilot.inputs.published import ImportedReport, import_published
from report_copilot.service.importing import load_any

_HERE = Path(__file__).resolve().parent
_TABLE_RULES = ("T", "X")


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    unread: int = 0
    caught: int = 0
    missed: int = 0
    refused: list[str] = field(default_factory=list)
    prose_checks: int = 0
    prose_false: int = 0
    prose_caught: int = 0
    prose_missed: int = 0
    prose_reports: int = 0
    lines: list[str] = field(default_factory=list)


def _value(node: Any, cid: str) -> Any:
    for part in cid.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _same(read: Any, printed: Any) -> bool:
    if isinstance(read, bool) or read is None:
        return False
    try:
        return Decimal(str(read)) == Decimal(str(printed))
    except ArithmeticError:
        return False


def _cells(facts: dict[str, Any], path: Path, tally: Tally, verbose: bool) -> None:
    score_cells(facts, import_published(path), tally, verbose)


def score_cells(facts: dict[str, Any], imported: ImportedReport, tally: Tally, verbose: bool) -> None:
    """Each hand-verified cell scored right / wrong / unread against one import of its text."""
    blank_issues = {cid for issue in imported.issues if issue.kind == "blank" for cid in issue.cells}
    for cid, printed in facts["cells"].items():
        read = _value(imported.data, cid)
        if printed == "blank":
            if read is None and cid in blank_issues:
                tally.right += 1
            elif read is None:
                tally.unread += 1
            else:
                tally.wrong += 1
                tally.lines.append(f"  WRONG {facts['file']} {cid}: printed blank, read {read}")
        elif _same(read, printed):
            tally.right += 1
        elif read is None:
            tally.unread += 1
            if verbose:
                tally.lines.append(f"  unread {facts['file']} {cid}: printed {printed}")
        else:
            tally.wrong += 1
            tally.lines.append(f"  WRONG {facts['file']} {cid}: printed {printed}, read {read}")


def _audit(facts: dict[str, Any], path: Path, tally: Tally, verbose: bool) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "report_copilot", "audit", str(path), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    if proc.returncode == 2 or not proc.stdout.strip():
        tally.refused.append(f"{facts['file']} (audit): {proc.stderr.strip()[:120]}")
        tally.missed += len(facts.get("inconsistencies", []))
        for item in facts.get("prose_errors", []):  # a refused report catches none of them
            tally.prose_missed += 1
            tally.lines.append(
                f"  PROSE MISSED (refused) {facts['file']} {item['rule']}: {item.get('quote', '')}"
            )
        return
    result = json.loads(proc.stdout)
    findings = [f for f in result.get("findings", []) if f.get("severity") == "error"]
    for item in facts.get("inconsistencies", []):
        wanted = set(item["cells"])
        hit = any(
            f["rule"] == item["rule"] and (wanted & set(f.get("cells") or [f.get("location")]))
            for f in findings
        )
        if hit:
            tally.caught += 1
        else:
            tally.missed += 1
            tally.lines.append(f"  MISSED {facts['file']} {item['rule']}: {item.get('note', '')}")
    if "prose_errors" in facts:
        _prose(facts, path, findings, tally, verbose)


_COMPARED = frozenset({"bound", "mismatch", "ambiguous"})


def _checked_numbers(path: Path) -> int:
    """How many prose numbers the number checker compared with a table figure."""
    try:
        loaded = load_any(path)
    except CopilotError:
        return 0  # refused: counted under "reports refused"
    if loaded.draft is None:
        return 0
    return sum(1 for m in check_draft(loaded.draft, loaded.report).mentions if m.verdict in _COMPARED)


def _matches(item: dict[str, Any], finding: dict[str, Any]) -> bool:
    """A verified prose error and an audit finding are the same: same rule and cell, or, for a
    finding on figures no table holds (a 其中 list of the prose's own), same rule and sentence."""
    if item["rule"] != finding["rule"]:
        return False
    if item.get("cell"):
        return bool(item["cell"] == finding.get("location"))
    quote = str(item.get("quote", ""))[:16]
    return bool(quote) and quote in finding["message"]


def _prose(
    facts: dict[str, Any], path: Path, findings: list[dict[str, Any]], tally: Tally, verbose: bool
) -> None:
    verified = facts["prose_errors"]
    prose = [f for f in findings if not f["rule"].startswith(_TABLE_RULES) and f["rule"] != "IMPORT"]
    tally.prose_reports += 1
    tally.prose_checks += _checked_numbers(path)
    for f in prose:
        if any(_matches(item, f) for item in verified):
            continue
        tally.prose_false += 1
        if verbose:
            tally.lines.append(
                f"  PROSE ALARM {facts['file']} {f['rule']} {f.get('location')}: {f['message']}"
            )
    for item in verified:
        if any(_matches(item, f) for f in prose):
            tally.prose_caught += 1
        else:
            tally.prose_missed += 1
            tally.lines.append(
                f"  PROSE MISSED {facts['file']} {item['rule']} {item.get('cell')}: {item.get('quote', '')}"
            )


def load_facts(directory: Path, facts_dir: Path, tally: Tally) -> Iterator[tuple[dict[str, Any], Path]]:
    """Each facts file with the text it names in DIR (a missing or changed text is noted in `tally`)."""
    for facts_path in sorted(facts_dir.glob("*.json")):
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        path = directory / facts["file"]
        if not path.exists():
            tally.lines.append(f"  missing text for {facts_path.name}: {path}")
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if facts.get("sha256") and digest != facts["sha256"]:
            tally.lines.append(f"  note: {path.name} differs from the text the facts were read from")
        yield facts, path


def run(directory: Path, facts_dir: Path, verbose: bool) -> Tally:
    tally = Tally()
    for facts, path in load_facts(directory, facts_dir, tally):
        try:
            _cells(facts, path, tally, verbose)
        except CopilotError as exc:
            tally.refused.append(f"{facts['file']} (import): {exc}")
            tally.unread += len(facts["cells"])
        _audit(facts, path, tally, verbose)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--facts", type=Path, default=_HERE / "real_reports")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    tally = run(args.directory, args.facts, args.verbose)
    total = tally.right + tally.wrong + tally.unread
    for line in tally.lines:
        print(line)
    print(f"{'printed cells':<28}{total:>8}")
    print(f"{'right':<28}{tally.right:>8}{100 * tally.right / max(total, 1):>9.1f} %")
    print(f"{'wrong':<28}{tally.wrong:>8}")
    print(f"{'unread':<28}{tally.unread:>8}")
    print(f"{'inconsistencies caught':<28}{tally.caught:>8}")
    print(f"{'inconsistencies missed':<28}{tally.missed:>8}")
    print(f"{'reports refused':<28}{len(tally.refused):>8}")
    for item in tally.refused:
        print(f"  refused: {item}")
    if tally.prose_reports:
        rate = 100 * tally.prose_false / max(tally.prose_checks, 1)
        print(f"{'prose-verified reports':<28}{tally.prose_reports:>8}")
        print(f"{'prose numbers checked':<28}{tally.prose_checks:>8}")
        print(f"{'prose false alarms':<28}{tally.prose_false:>8}")
        print(f"{'prose false alarms /100':<28}{rate:>8.1f}")
        print(f"{'prose errors caught':<28}{tally.prose_caught:>8}")
        print(f"{'prose errors missed':<28}{tally.prose_missed:>8}")
    else:
        print(f"{'prose false alarms /100':<28}{'unmeasured (no facts list prose_errors)':>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
