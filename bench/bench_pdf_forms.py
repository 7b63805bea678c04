"""PDF benchmark: real published texts re-emitted as real PDFs, read three ways.

    python bench/bench_pdf_forms.py DIR [--facts bench/real_reports] [--only FORM,...] [--files GLOB]
                                        [--keep DIR] [--verbose]

Most agencies publish a PDF made from Word or WPS. For each text in DIR with its facts (the facts of
`bench_real_reports.py`, loaded and scored by its functions), the HTML table variants of
`variant_tables.py` (prose as paragraphs, each table rebuilt from the official layout with rowspan /
colspan and Word span clutter) are rendered to PDF by LibreOffice (`soffice --headless`, one call
converting every file), then each PDF is imported three ways:

- `pypdf`: `import_published` on the .pdf (the importer's own PDF path);
- `layout`: the text of `pdftotext -layout`, imported as a .txt;
- `plain`: the text of `pdftotext` (no layout: a table printed cell by cell), imported as a .txt.

Forms: `pdf` (zeros printed 0), `pdf_blank0` (0 printed as an empty cell, expected read as blank),
`pdf_dash0` (0 printed "—"), `pdf_nospan` (merged cells split back, one empty cell a position).
For rendering, a table is given the page's width and its runs are marked Chinese (`lang=ZH-CN`, as
Word marks CJK runs): LibreOffice neither wraps text marked English in a narrow cell nor shrinks a
table to the page, and would print a table cut off at the page's edge.

Printed: a row per form and reader with cells right / wrong / unread, reports refused, the
hand-verified inconsistencies caught (error under the same rule on one of their cells) and lost
(caught on the original text, not on this one), and the error findings other than T3-4 that appear
or disappear against the original text. Without soffice or pdftotext the bench says so and stops.
PDFs are cached in --keep (default: a temporary folder), reused while their HTML is unchanged.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_real_reports import Tally, load_facts, score_cells  # noqa: E402
from variant_tables import rebuilt  # noqa: E402

from report_copilot.errors import CopilotError  # noqa: E402
from report_copilot.inputs.published.sources import decode_text  # noqa: E402
from report_copilot.service.audit import audit_file  # noqa: E402

_HERE = Path(__file__).resolve().parent
Facts = dict[str, Any]
FORMS = {"pdf": "html", "pdf_blank0": "html_blank0", "pdf_dash0": "html_dash0", "pdf_nospan": "html_nospan"}
READERS = ("pypdf", "layout", "plain")


@dataclass
class Row:
    tally: Tally = field(default_factory=Tally)
    texts: int = 0
    caught: int = 0
    lost: int = 0
    appeared: int = 0
    disappeared: int = 0


@dataclass
class Audited:
    errors: set[tuple[str, str]]
    caught: set[int]


def _for_print(html: str) -> str:
    """The page as Word would print it: tables the page's width, CJK runs marked Chinese, and no
    `<o:p>&nbsp;</o:p>` (Word's HTML for an empty paragraph: a PDF made by Word has no glyph there)."""
    html = html.replace("<table ", "<table width='100%' style='width:100%' ").replace("<o:p>&nbsp;</o:p>", "")
    return html.replace("lang=EN-US", "lang=ZH-CN")


def _render(htmls: list[Path], outdir: Path) -> None:
    """Each HTML file → PDF beside it (Writer, not Writer/Web: a page layout), a few calls in all,
    with a profile of its own (another LibreOffice running would otherwise take the files)."""
    todo = [h for h in htmls if not h.with_suffix(".pdf").exists()]
    profile = (outdir / ".soffice-profile").resolve().as_uri()
    for k in range(0, len(todo), 60):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--infilter=HTML (StarWriter)", "--convert-to",
             "pdf:writer_pdf_Export", "--outdir", str(outdir), *map(str, todo[k : k + 60])],
            capture_output=True, check=False, timeout=1800,
        )  # fmt: skip


def _pdftotext(pdf: Path, layout: bool) -> Path:
    out = pdf.with_suffix(".layout.txt" if layout else ".plain.txt")
    if not out.exists():
        args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), str(out)]
        subprocess.run(args, capture_output=True, check=False, timeout=120)
    return out


def _audit(path: Path, facts: Facts, tally: Tally, verbose: bool) -> Audited | None:
    try:
        result = audit_file(path)
    except CopilotError as exc:
        tally.refused.append(f"{facts['file']}: {exc}")
        tally.unread += len(facts["cells"])
        return None
    if result.imported is None:
        tally.refused.append(f"{facts['file']}: {result.error}")
        tally.unread += len(facts["cells"])
        return None
    score_cells(facts, result.imported, tally, verbose)
    errors = result.check.errors
    caught = {
        k
        for k, item in enumerate(facts.get("inconsistencies", []))
        if any(f.rule == item["rule"] and set(item["cells"]) & set(f.cells or [f.location]) for f in errors)
    }
    return Audited({(f.rule, f.location) for f in errors if f.rule != "T3-4"}, caught)


def _blank0(facts: Facts) -> Facts:
    return {**facts, "cells": {k: "blank" if v == 0 else v for k, v in facts["cells"].items()}}


def _variants(
    directory: Path, facts_dir: Path, forms: list[str], files: str, keep: Path, verbose: bool
) -> Any:
    """Write each text's HTML variants into `keep`; yield (facts, original audit, {form: html path})."""
    notes = Tally()
    out = []
    for facts, path in load_facts(directory, facts_dir, notes):
        if not fnmatch.fnmatch(path.name, files) or path.suffix.lower() == ".pdf":
            continue
        original_tally = Tally()
        try:
            from report_copilot.inputs.published import import_published

            original = import_published(path)
        except CopilotError:
            continue
        base = _audit(path, facts, original_tally, verbose)
        text = decode_text(path.read_bytes(), path)
        made: dict[str, Path] = {}
        for form in forms:
            html = rebuilt(FORMS[form])(text, facts, original)
            if html is None:
                continue
            html = _for_print(html)
            digest = hashlib.sha256(html.encode()).hexdigest()[:10]
            target = keep / f"{path.name.split('.')[0]}.{form}.{digest}.html"
            if not target.exists():
                target.write_text(html, encoding="utf-8")
            made[form] = target
        out.append((facts, original_tally, base, made))
    return out


def run(
    directory: Path, facts_dir: Path, forms: list[str], files: str, keep: Path, verbose: bool
) -> dict[str, Row]:
    rows = {"original": Row(), **{f"{form}/{r}": Row() for form in forms for r in READERS}}
    items = _variants(directory, facts_dir, forms, files, keep, verbose)
    _render([h for *_, made in items for h in made.values()], keep)
    for facts, original_tally, base, made in items:
        _add(rows["original"], original_tally, base, base)
        for form, html in made.items():
            pdf = html.with_suffix(".pdf")
            truth = _blank0(facts) if form == "pdf_blank0" else facts
            for reader in READERS:
                row = rows[f"{form}/{reader}"]
                if not pdf.exists():
                    row.tally.refused.append(f"{facts['file']}: soffice 未生成 PDF")
                    row.tally.unread += len(facts["cells"])
                    row.texts += 1
                    continue
                source = pdf if reader == "pypdf" else _pdftotext(pdf, reader == "layout")
                tally = Tally()
                found = _audit(source, truth, tally, verbose)
                _add(row, tally, found, base, facts["file"] if verbose else None)
    return rows


def _add(
    row: Row, tally: Tally, found: Audited | None, base: Audited | None, name: str | None = None
) -> None:
    row.texts += 1
    t = row.tally
    t.right, t.wrong, t.unread = t.right + tally.right, t.wrong + tally.wrong, t.unread + tally.unread
    t.refused += tally.refused
    t.lines += tally.lines
    if found is None or base is None:
        row.lost += len(base.caught) if base is not None else 0
        return
    row.caught += len(found.caught)
    row.lost += len(base.caught - found.caught)
    row.appeared += len(found.errors - base.errors)
    row.disappeared += len(base.errors - found.errors)
    if name is not None:
        for rule, cell in sorted(found.errors ^ base.errors):
            t.lines.append(f"  {'+' if (rule, cell) in found.errors else '-'}{rule} {name} {cell}")


def _print(rows: dict[str, Row]) -> None:
    for name, row in rows.items():
        for line in row.tally.lines + [f"  refused: {r}" for r in row.tally.refused]:
            print(f"[{name}]{line}")
    print(
        f"{'form/reader':<20}{'texts':>6}{'right':>8}{'wrong':>7}{'unread':>8}{'read %':>8}"
        f"{'refused':>8}{'caught':>7}{'lost':>6}{'+errors':>8}{'-errors':>8}"
    )
    for name, row in rows.items():
        t = row.tally
        cells = t.right + t.wrong + t.unread
        print(
            f"{name:<20}{row.texts:>6}{t.right:>8}{t.wrong:>7}{t.unread:>8}{100 * t.right / max(cells, 1):>8.1f}"
            f"{len(t.refused):>8}{row.caught:>7}{row.lost:>6}{row.appeared:>8}{row.disappeared:>8}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--facts", type=Path, default=_HERE / "real_reports")
    parser.add_argument("--only", default=",".join(FORMS), help="forms, comma-separated")
    parser.add_argument("--files", default="*", help="only texts whose file name matches this glob")
    parser.add_argument("--keep", type=Path, help="folder caching the HTML and PDF files (kept)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    forms = [f for f in args.only.split(",") if f]
    if unknown := [f for f in forms if f not in FORMS]:
        parser.error(f"unknown form(s): {', '.join(unknown)}; known: {', '.join(FORMS)}")
    missing = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    if missing:
        print(
            f"skipped: {' and '.join(missing)} not found (LibreOffice renders the PDFs, poppler reads them)"
        )
        return 0
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        _print(run(args.directory, args.facts, forms, args.files, args.keep, args.verbose))
        return 0
    with tempfile.TemporaryDirectory(prefix="pdf-forms-") as tmp:
        _print(run(args.directory, args.facts, forms, args.files, Path(tmp), args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
