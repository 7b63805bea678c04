"""How well the importer finds a report's agency and year in real report openings (a dev benchmark).

    python bench/bench_meta_openings.py OPENINGS [OPENINGS ...] [--verbose]

Each OPENINGS folder holds report openings (the preface and 一、总体情况 of real reports as published,
saved outside the repository), one `<stem>.txt` each, with `index.json` giving each stem's true
`agency` and `year`. Every opening is read as `import_published` reads a file (`file_lines`) and its
meta is found as `import_lines` finds it, before the tables are looked for (`meta_of`: the openings
hold no tables, so import itself refuses most of them); the file stem is the fallback agency, as in
import. Printed per folder and in total:

- agency exact: the name found is the index's, character for character.
- agency same: the same body written otherwise. After removing whitespace, reading the index's name
  in simplified characters (a traditional page's name is converted, as import converts the page) and
  reading 人民政府 as 政府 (杭州市政府 for 杭州市人民政府), the two are equal, or one is the other with a place prefix (whole place names: 上海市, 广元市昭化区, each ending in 省, 市,
  区, 县, 州, 盟, 旗, 自治区, 自治州, 自治县 or 地区) added in front, and/or the found one lacks a
  suffix 人民政府, 政府 or 办公室 the index's has (江永县 for 江永县人民政府, 昭化区民政局 for 广元市
  昭化区民政局, 金厂镇 for 通化市东昌区金厂镇人民政府). Nothing else counts: an abbreviation (发展改革委
  for 发展和改革委员会, 区政府办公室 for 雁塔区人民政府办公室), another body (县人民政府办公室 for
  县人民政府), any other suffix, a clause or a leading word (请与…, 地址…, 年度…) is `wrong`.
- agency wrong: any other name (another body, junk of a sentence).
- agency none: no name found; the file stem was used (import's fallback, which says so).
- agency refused: the meta stage itself gave up (no year and no table: import refuses such a text).
- year right / wrong / none (none: no year found; import then takes the format's first year and
  says so).

With --verbose each non-exact agency (class, stem, found, true) and each year not right is printed.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import zhconv

from report_copilot.errors import CopilotError
from report_copilot.inputs.published.importer import meta_of
from report_copilot.inputs.published.sources import file_lines

_PLACE = re.compile(r"(?:[\u3400-\u9fff]{1,8}?(?:自治区|自治州|自治县|地区|省|市|区|县|州|盟|旗))+")
_SUFFIXES = ("政府", "办公室")  # 人民政府 is read as 政府
_AGENCY_CLASSES = ("exact", "same", "wrong", "none", "refused")
_YEAR_CLASSES = ("right", "wrong", "none")
_NO_YEAR = "标题中未找到年度"


def _without_prefix(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with whole place names in front."""
    return longer.endswith(shorter) and bool(_PLACE.fullmatch(longer[: len(longer) - len(shorter)]))


def same_agency(found: str, true: str) -> bool:
    """The docstring's rule: equal but for whitespace, script, a place prefix, or the index's suffix."""
    found = re.sub(r"\s+", "", found).replace("人民政府", "政府")
    true = zhconv.convert(re.sub(r"\s+", "", true), "zh-hans").replace("人民政府", "政府")
    candidates = {true} | {true[: -len(s)] for s in _SUFFIXES if true.endswith(s) and len(true) > len(s)}
    for t in candidates:
        if found == t or _without_prefix(found, t) or _without_prefix(t, found):
            return True
    return False


def classify(found: str | None, stem: str, true: str) -> str:
    if found is None:
        return "refused"
    if found == true:
        return "exact"
    if found == stem:
        return "none"
    return "same" if same_agency(found, true) else "wrong"


def measure(folder: Path, verbose: bool) -> tuple[Counter[str], Counter[str], list[str]]:
    """Agency and year classes over one folder, and the lines to print with --verbose."""
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    agencies: Counter[str] = Counter()
    years: Counter[str] = Counter()
    out: list[str] = []
    for stem, info in sorted(index.items()):
        path = folder / f"{stem}.txt"
        found: str | None
        year: int | None
        try:
            lines, _, _ = file_lines(path)
            found, year, issues = meta_of(lines, source=str(path), fallback_agency=path.stem)
            if any(_NO_YEAR in issue.message for issue in issues):
                year = None
        except CopilotError:
            found, year = None, None
        a_class = classify(found, stem, info["agency"])
        y_class = "none" if year is None else "right" if year == info["year"] else "wrong"
        agencies[a_class] += 1
        years[y_class] += 1
        if verbose and a_class != "exact":
            out.append(f"  agency {a_class:<7} {stem:<44} found {found!s:<28} true {info['agency']}")
        if verbose and y_class != "right":
            out.append(f"  year   {y_class:<7} {stem:<44} found {year!s:<28} true {info['year']}")
    return agencies, years, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("openings", type=Path, nargs="+")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    columns: dict[str, dict[str, Counter[str]]] = {}
    for folder in args.openings:
        agencies, years, lines = measure(folder, args.verbose)
        if lines:
            print(f"{folder}:")
            print("\n".join(lines))
        columns[folder.name] = {"agency": agencies, "year": years}
    if len(columns) > 1:
        columns["total"] = {k: sum((c[k] for c in columns.values()), Counter()) for k in ("agency", "year")}
    print(f"{'':<16}" + "".join(f"{name:>14}" for name in columns))
    for kind, classes in (("agency", _AGENCY_CLASSES), ("year", _YEAR_CLASSES)):
        for c in classes:
            print(f"{kind + ' ' + c:<16}" + "".join(f"{col[kind][c]:>14}" for col in columns.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
