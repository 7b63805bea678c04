"""Metamorphic benchmark: real published texts re-emitted in the other forms real reports come in.

    python bench/bench_variants.py DIR [--facts bench/real_reports] [--only NAME,...] [--files GLOB]
                                       [--verbose]

Unseen reports come in the same forms as our corpus but in other combinations (a PDF table on one
line, a crawl in traditional characters, an HTML table with its zeros left blank). For each text in
DIR with its facts (the facts of `bench_real_reports.py`, loaded and scored by its functions), every
transformation below is applied, the variant imported and audited in-process, and its hand-verified
cells scored right / wrong / unread. Each transformation leaves the printed cells unchanged (a
blank cell stays blank; `*_blank0` prints 0 as an empty cell and expects it reported blank):

- `join_nothing` / `join_space`: the whole text on one line (a crawl's content field);
- `crlf` / `cr`: Windows and old-Mac line endings;
- `chrome`: site chrome (breadcrumb, 【字体：大 中 小】, 微信 微博 QQ空间, 相关链接, 附件下载, 打印本页
  关闭窗口) before and after the report, inside the line of a one-line text;
- `traditional` / `traditional_tw`: zhconv's zh-hant (character) and zh-tw (regional vocabulary);
- `fullwidth`: digits, decimal points and spaces full-width; `ideographic`: spaces as U+3000;
  `nbsp`: spaces as U+00A0; `tabs`: runs of spaces as one tab;
- `footers`: page footers ("— 3 —", "第 3 页 共 5 页") between lines of the tables (texts of many lines);
- `radicals`: ideographs printed as the Kangxi radicals and CJK Radicals Supplement characters that
  look like them (⼀, ⼈, 人⺠政府, 部⻔), as some PDF text layers print them; `letter_spaced`: a space
  between every two neighbouring Chinese characters (政 府 信 息), as a PDF typeset with character
  spacing is extracted;
- `join_traditional` / `join_fullwidth`: a one-line crawl of a 繁體 page, of a full-width page;
- `commas`: figures of four digits and more standing apart between spaces printed "1,288";
- `html` / `html_blank0` / `html_commas` (thousands separated) / `html_dash0` (0 printed "—", read
  as 0 and listed) / `html_nospan` (merged cells split back, one empty <td> a position): prose as <p>, each table rebuilt from the official layout as <table>
  with rowspan/colspan and Word span clutter (values from the facts; a cell they leave out as the
  original was read); `markdown`: the same with pipe tables, a merged cell printed once and its
  other positions empty; `text_spaced` / `text_runs`: the same tables as a crawl keeps them, a
  row's cells joined by a space or by nothing (digit runs glued to labels), a blank cell leaving no
  trace (so it cannot be read as blank: unread, never wrong); `pdf_layout`: as `pdftotext -layout`
  prints them (figures in aligned columns, long labels wrapped, a label spanning rows printed down
  the margin a character a line); `text_tsv` / `text_tsv_blank0`: the tables copied from Excel or WPS
  into a text file (a row a line, each grid position a field between tabs, zeros printed or left
  empty); `text_tsv_cells` / `text_tsv_cells_blank0`: copied from Word or a browser (each cell once,
  a merged cell in its first row only); `*_joined`: those on one line. Texts whose import places no table (fragments) are skipped; T3-4 (blank
  cell) findings are left out of these variants' comparison, the scoring judges blank cells.

Printed: a row per transformation with cells right / wrong / unread, reports refused, and the
error-level audit findings (rule and cell) that appear or disappear against the original text.
Wrong must be 0 everywhere: a wrong cell, or a big drop in cells read, is a cause to fix in the
importer. --verbose lists each wrong cell and each appeared/disappeared finding.
"""

from __future__ import annotations

import argparse
import fnmatch
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable
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


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _one_line(text: str) -> bool:
    return sum(1 for line in _lines(text) if line.strip()) < 10


_CHROME_BEFORE = ["当前位置：首页 › 政务公开 › 政府信息公开年报", "【字体：大 中 小】 打印本页"]
_CHROME_AFTER = ["微信 微博 QQ空间", "相关链接", "附件下载", "打印本页 关闭窗口"]


def _chrome(text: str) -> str:
    joiner = " " if _one_line(text) else "\n"
    return joiner.join([*_CHROME_BEFORE, text, *_CHROME_AFTER])


def _zh(variant: str) -> Callable[[str], str]:
    def convert(text: str) -> str:
        import zhconv

        return str(zhconv.convert(text, variant))

    return convert


_FULL = str.maketrans({**{str(d): chr(0xFF10 + d) for d in range(10)}, ".": "．", " ": "\u3000"})


def _fullwidth(text: str) -> str:
    return text.translate(_FULL)


_HEADING_2 = re.compile(r"^\s*二\s*[、.．]")
_HEADING_5 = re.compile(r"^\s*五\s*[、.．]")


def _footers(text: str) -> str:
    """A page footer after every 12th line between heading 二 and heading 五 (the tables)."""
    if _one_line(text):
        return text
    lines = _lines(text)
    start = next((i for i, line in enumerate(lines) if _HEADING_2.match(line)), None)
    if start is None:
        return text
    end = next((i for i in range(start + 1, len(lines)) if _HEADING_5.match(lines[i])), len(lines))
    out = lines[: start + 1]
    for n, line in enumerate(lines[start + 1 : end], 1):
        out.append(line)
        if n % 12 == 0:
            out.append("— 3 —" if n % 24 else "第 3 页 共 5 页")
    return "\n".join(out + lines[end:])


_BIG = re.compile(r"(?<=[ \t])([1-9]\d{3,})(?=[ \t\n]|$)")


def _commas(text: str) -> str:
    """Figures of four digits and more standing apart as "1,288" (years left: prose says 2023 年);
    not in a one-line crawl, whose digit runs ("723000075") are several cells, not one figure."""
    if _one_line(text):
        return text
    return _BIG.sub(lambda m: m[1] if 1990 <= int(m[1]) <= 2035 else f"{int(m[1]):,}", text)


def _joined(text: str | None) -> str | None:
    return None if text is None else " ".join(_lines(text))


_TAG = re.compile(r"(<[^<>]*>)")


_PDF_LOOKALIKES = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x2F00, 0x2FD6)} | dict(
    zip("民门长见车马页风齐龙贝青黄", "⺠⻔⻓⻅⻋⻢⻚⻛⻬⻰⻉⻘⻩", strict=True)
)
"""Each ideograph a PDF text layer may print as a Kangxi radical (⼀ ⼈ ⽉) or a CJK Radicals
Supplement character (人⺠政府, 部⻔)."""
_LETTER_GAP = re.compile(r"(?<=[\u3400-\u9fff，。、；：（）《》“”])(?=[\u3400-\u9fff，。、；：（）《》“”])")


def _plain(fn: Callable[[str], str]) -> Callable[[str, Facts, Any], str | None]:
    return lambda text, facts, original: fn(text)


def _text_only(fn: Callable[[str], str]) -> Callable[[str, Facts, Any], str | None]:
    """`fn` on the text between markup tags: an HTML page's spaces inside its tags stay spaces."""
    return lambda text, facts, original: "".join(
        part if part.startswith("<") and part.endswith(">") else fn(part) for part in _TAG.split(text)
    )


TRANSFORMS: dict[str, Callable[[str, Facts, Any], str | None]] = {
    "join_nothing": _plain(lambda t: "".join(_lines(t))),
    "join_space": _plain(lambda t: " ".join(_lines(t))),
    "crlf": _plain(lambda t: "\r\n".join(_lines(t))),
    "cr": _plain(lambda t: "\r".join(_lines(t))),
    "chrome": _plain(_chrome),
    "traditional": _plain(_zh("zh-hant")),
    "traditional_tw": _plain(_zh("zh-tw")),
    "fullwidth": _text_only(_fullwidth),
    "ideographic": _text_only(lambda t: t.replace(" ", "\u3000")),
    "nbsp": _text_only(lambda t: t.replace(" ", "\u00a0")),
    "tabs": _text_only(lambda t: re.sub(r" +", "\t", t)),
    "footers": _plain(_footers),
    "radicals": _text_only(lambda t: "".join(_PDF_LOOKALIKES.get(c, c) for c in t)),
    "letter_spaced": _text_only(lambda t: _LETTER_GAP.sub(" ", t)),
    "html": rebuilt("html"),
    "html_blank0": rebuilt("html_blank0"),
    "html_commas": rebuilt("html_commas"),
    "html_dash0": rebuilt("html_dash0"),
    "html_nospan": rebuilt("html_nospan"),
    "commas": _plain(_commas),
    "markdown": rebuilt("markdown"),
    "text_spaced": rebuilt("text_spaced"),
    "text_runs": rebuilt("text_runs"),
    "pdf_layout": rebuilt("pdf_layout"),
    "text_tsv": rebuilt("text_tsv"),
    "text_tsv_blank0": rebuilt("text_tsv_blank0"),
    "text_tsv_cells": rebuilt("text_tsv_cells"),
    "text_tsv_cells_blank0": rebuilt("text_tsv_cells_blank0"),
    "pdf_layout_joined": lambda t, facts, original: _joined(rebuilt("pdf_layout")(t, facts, original)),
    "text_runs_joined": lambda t, facts, original: _joined(rebuilt("text_runs")(t, facts, original)),
    "join_traditional": _plain(lambda t: _zh("zh-hant")(" ".join(_lines(t)))),
    "join_fullwidth": lambda t, facts, original: _text_only(_fullwidth)(" ".join(_lines(t)), facts, original),
}
_SUFFIX = {
    "html": ".html",
    "html_blank0": ".html",
    "html_commas": ".html",
    "html_dash0": ".html",
    "html_nospan": ".html",
    "markdown": ".md",
    "text_spaced": ".txt",
    "text_runs": ".txt",
    "pdf_layout": ".txt",
    "text_tsv": ".txt",
    "text_tsv_blank0": ".txt",
    "text_tsv_cells": ".txt",
    "text_tsv_cells_blank0": ".txt",
    "pdf_layout_joined": ".txt",
    "text_runs_joined": ".txt",
}


@dataclass
class Row:
    tally: Tally = field(default_factory=Tally)
    texts: int = 0
    appeared: int = 0
    disappeared: int = 0


def _audit(path: Path, facts: Facts, tally: Tally, verbose: bool) -> tuple[Any, set[tuple[str, str]]]:
    """Audit one text: score its cells into `tally`; its import and error findings (None when refused)."""
    try:
        result = audit_file(path)
    except CopilotError as exc:
        tally.refused.append(f"{facts['file']}: {exc}")
        tally.unread += len(facts["cells"])
        return None, set()
    if result.imported is None:
        tally.refused.append(f"{facts['file']}: {result.error}")
        tally.unread += len(facts["cells"])
        return None, set()
    score_cells(facts, result.imported, tally, verbose)
    return result.imported, {(f.rule, f.location) for f in result.check.errors}


def _no_blank_rule(found: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Findings other than T3-4 (a blank cell): a rebuilt table prints blank each cell the facts
    leave out and the original text did not let the importer read, and `html_blank0` each 0."""
    return {(rule, cell) for rule, cell in found if rule != "T3-4"}


def _blank0(facts: Facts) -> Facts:
    return {**facts, "cells": {k: "blank" if v == 0 else v for k, v in facts["cells"].items()}}


def run(directory: Path, facts_dir: Path, only: list[str], files: str, verbose: bool) -> dict[str, Row]:
    rows = {name: Row() for name in ["original", *only]}
    notes = Tally()
    with tempfile.TemporaryDirectory(prefix="variants-") as tmp:
        for facts, path in load_facts(directory, facts_dir, notes):
            if not fnmatch.fnmatch(path.name, files):
                continue
            text = decode_text(path.read_bytes(), path)
            rows["original"].texts += 1
            original, base = _audit(path, facts, rows["original"].tally, verbose)
            for name in only:
                variant = TRANSFORMS[name](text, facts, original)
                if variant is None or variant == text:
                    continue
                out = Path(tmp) / (path.name.split(".")[0] + "." + name + _SUFFIX.get(name, path.suffix))
                out.write_text(variant, encoding="utf-8")
                row = rows[name]
                row.texts += 1
                truth = _blank0(facts) if name.endswith("_blank0") else facts
                _, found = _audit(out, truth, row.tally, verbose)
                before = base
                if name in _SUFFIX:  # rebuilt: blank cells compared by the scoring, not by T3-4
                    found, before = _no_blank_rule(found), _no_blank_rule(base)
                row.appeared += len(found - before)
                row.disappeared += len(before - found)
                if verbose:
                    for rule, cell in sorted(found ^ before):
                        sign = "+" if (rule, cell) in found else "-"
                        row.tally.lines.append(f"  {sign}{rule} {facts['file']} {cell}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--facts", type=Path, default=_HERE / "real_reports")
    parser.add_argument("--only", default=",".join(TRANSFORMS), help="transformations, comma-separated")
    parser.add_argument("--files", default="*", help="only texts whose file name matches this glob")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    only = [n for n in args.only.split(",") if n]
    unknown = [n for n in only if n not in TRANSFORMS]
    if unknown:
        parser.error(f"unknown transformation(s): {', '.join(unknown)}; known: {', '.join(TRANSFORMS)}")
    rows = run(args.directory, args.facts, only, args.files, args.verbose)
    for name, row in rows.items():
        for line in row.tally.lines + [f"  refused: {r}" for r in row.tally.refused]:
            print(f"[{name}]{line}")
    print(
        f"{'transformation':<19}{'texts':>6}{'right':>8}{'wrong':>7}{'unread':>8}{'read %':>8}"
        f"{'refused':>8}{'+errors':>8}{'-errors':>8}"
    )
    total = Row()
    for name, row in rows.items():
        t = row.tally
        cells = t.right + t.wrong + t.unread
        print(
            f"{name:<19}{row.texts:>6}{t.right:>8}{t.wrong:>7}{t.unread:>8}"
            f"{100 * t.right / max(cells, 1):>8.1f}{len(t.refused):>8}{row.appeared:>8}{row.disappeared:>8}"
        )
        if name != "original":
            total.texts += row.texts
            total.tally.right += t.right
            total.tally.wrong += t.wrong
            total.tally.unread += t.unread
            total.tally.refused += t.refused
            total.appeared += row.appeared
            total.disappeared += row.disappeared
    t = total.tally
    cells = t.right + t.wrong + t.unread
    print(
        f"{'all variants':<19}{total.texts:>6}{t.right:>8}{t.wrong:>7}{t.unread:>8}"
        f"{100 * t.right / max(cells, 1):>8.1f}{len(t.refused):>8}{total.appeared:>8}{total.disappeared:>8}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
