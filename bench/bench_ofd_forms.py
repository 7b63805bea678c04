"""OFD benchmark: real published texts re-emitted as OFD files, as a Word → OFD export lays them out.

    python bench/bench_ofd_forms.py DIR [--facts bench/real_reports] [--only FORM,...] [--files GLOB]
                                        [--verbose]

Government sites publish reports as .ofd (GB/T 33190) beside or instead of PDF. For each text in DIR
with its facts (the facts of `bench_real_reports.py`, loaded and scored by its functions), the text
is imported, then written as an OFD by `tests/review/crafted_ofd.py`: the prose as the import
rebuilt it, a line of text objects a line on A4 pages; each table on the official grid
(`render.layout.table_layout`) with the hand-verified cells of the facts (a cell they leave out as
the original was read), labels at a cell's left, figures centred, a cell's text wrapped to its width
and centred over the rows it spans, a table running on over a page break without its header. The
OFD is imported (`import_published` → `inputs/published/ofd.py`) and audited in-process, and its
cells scored right / wrong / unread. Texts whose import places no table (fragments) are skipped.

Forms: `ofd` (each text object's characters spaced by a DeltaX list), `ofd_g` (DeltaX compressed
"g N v"), `ofd_none` (no DeltaX: the object's width divided evenly), `ofd_blank0` (0 printed as an
empty cell, expected read as blank). Wrong must be 0.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(1, str(ROOT))
sys.path.insert(2, str(ROOT / "bench"))

from bench_real_reports import Tally, load_facts  # noqa: E402
from bench_variants import _audit, _blank0  # noqa: E402
from variant_tables import _data_path, _printed, _with_unscored  # noqa: E402

from report_copilot.model.formats import load_format  # noqa: E402
from report_copilot.render.layout import table_layout  # noqa: E402
from tests.review.crafted_ofd import Pages, pages_ofd, place_table  # noqa: E402

FORMS = {"ofd": "plain", "ofd_g": "g", "ofd_none": "none", "ofd_blank0": "plain"}


def build(facts: dict[str, Any], original: Any, out: Path, form: str) -> Path | None:
    """The text as an OFD file (see the module); None for a fragment placing no table."""
    if original is None or original.draft is None:
        return None
    fmt = load_format(original.format_id)
    facts = _with_unscored(fmt, facts, original)
    if {t.id for t in fmt.tables} - {b.text.strip() for b in original.draft.blocks if b.kind == "table"}:
        return None
    pages = Pages()
    for block in original.draft.blocks:
        body = block.text.strip()
        if block.kind == "table":
            layout = table_layout(fmt, body)
            blank0 = form.endswith("_blank0")
            texts = {
                (c.row, c.col): _printed(facts, _data_path(fmt, c.cell_id), blank0) if c.cell_id else c.text
                for c in layout.cells
            }
            place_table(pages, layout, texts)
        elif block.kind == "title":
            pages.line(body, 5.5, centred=True)
        else:
            pages.line("\u3000\u3000" + body)
    return pages_ofd(out, pages.pages, FORMS[form])


def run(directory: Path, facts_dir: Path, only: list[str], files: str, verbose: bool) -> dict[str, Any]:
    tallies = {name: Tally() for name in ["original", *only]}
    texts = dict.fromkeys(tallies, 0)
    notes = Tally()
    with tempfile.TemporaryDirectory(prefix="ofd-forms-") as tmp:
        for facts, path in load_facts(directory, facts_dir, notes):
            if not fnmatch.fnmatch(path.name, files):
                continue
            texts["original"] += 1
            original, _ = _audit(path, facts, tallies["original"], verbose)
            for form in only:
                out = build(facts, original, Path(tmp) / f"{path.stem}.{form}.ofd", form)
                if out is None:
                    continue
                texts[form] += 1
                truth = _blank0(facts) if form.endswith("_blank0") else facts
                before = tallies[form].unread
                _audit(out, truth, tallies[form], verbose)
                if verbose and tallies[form].unread > before:
                    tallies[form].lines.append(f"  {path.name}: {tallies[form].unread - before} unread")
    return {"tallies": tallies, "texts": texts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--facts", type=Path, default=ROOT / "bench" / "real_reports")
    parser.add_argument("--only", default=",".join(FORMS), help="forms, comma-separated")
    parser.add_argument("--files", default="*", help="only texts whose file name matches this glob")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    only = [n for n in args.only.split(",") if n]
    unknown = [n for n in only if n not in FORMS]
    if unknown:
        parser.error(f"unknown form(s): {', '.join(unknown)}; known: {', '.join(FORMS)}")
    result = run(args.directory, args.facts, only, args.files, args.verbose)
    for name, tally in result["tallies"].items():
        for line in tally.lines + [f"  refused: {r}" for r in tally.refused]:
            print(f"[{name}]{line}")
    print(f"{'form':<12}{'texts':>6}{'right':>8}{'wrong':>7}{'unread':>8}{'read %':>8}{'refused':>8}")
    for name, t in result["tallies"].items():
        cells = t.right + t.wrong + t.unread
        print(
            f"{name:<12}{result['texts'][name]:>6}{t.right:>8}{t.wrong:>7}{t.unread:>8}"
            f"{100 * t.right / max(cells, 1):>8.1f}{len(t.refused):>8}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
