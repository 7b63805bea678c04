"""Agency, year and format version of a report, from its title, preface, prose and table headers.

Each weaker source of the year or the agency is tried only when a stronger one fails, and the
caller reports it as a `meta` issue; an agency name must read as an institution (`clean_agency`;
the agency's sources other than a title are in agency.py). The format is
the one whose labels the tables use. A traditional-character page is detected so it can be
reported, since the official labels cannot match it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.normalize import CN_DIGITS, label_core, nfkc, norm_label, without_spaces
from report_copilot.inputs.published.sections import table_region
from report_copilot.model.formats import FormatDefinition, available_formats, format_for_year, load_format

_YEAR = r"(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3}"
_TITLE_END = r"(?:政府信息|政务信息|政务|信息)公开(?:工作)?(?:情况)?(?:的)?(?:年度)?(?:工作)?(?:报告|年报)"
_TITLE = re.compile(
    r"(?P<pre>.*?)(?:关于)?(?P<year>" + _YEAR + r")\s*年度?(?!\s*\d{1,2}\s*月)(?P<mid>.*?)" + _TITLE_END
)
"""A title: its year is no date's ("天津市某区人民政府 2019年12月3日星期二" is a site header)."""
_TITLE_ENDING = re.compile(_TITLE_END)
# The fallbacks' patterns (no title, a title without a year) stay strings: `re` compiles and caches
# them the first time a report needs them, so a run whose reports all have titles never compiles them.
_YEAR_HINT = r"(?P<year>(?:19|20)\d{2})\s*(?:年度?(?:政府信息公开)?(?:工作)?年度?报告|年报)"
"""A page or file title that names only the year ("2020年报_审计局")."""
_YEARLESS_TITLE = (
    r"^(?P<pre>.+?)(?:政府信息|政务信息|政务)公开(?:工作)?(?:年度)?(?:工作)?报告"
    r"(?:\((?P<year>(?:19|20)\d{2})年度?\))?$"
)
"""A title naming no year, or naming it after itself ("某镇政府信息公开工作年度报告 (2019年)")."""
_PERIOD = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)"
    r"|(?:截止|截至|截止到)\s*(?P<end>(?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
"""The statistics period the preface states ("统计期限为2024年1月1日至2024年12月31日")."""
_AGENCY_SUFFIX = re.compile(
    r"(?:政府|办公室|办公厅|委员会|管委会|局|委|办|厅|院|署|中心|镇|乡|街道|办事处|处|所|站|队|部"
    r"|馆|会|室|区|县|市|州|盟|旗|省|公司|集团|社|场|园|机关|苏木)$"
)
_AGENCY_VERB = re.compile(
    r"^.*(?:现予公布|予以公布|向社会公布|现公布|公布|现予公开|现公开|特编制|编制了|编制|印发|现将|现就|关于|发布|总结)"
)
_NOT_AGENCY = re.compile(r"^(?:我|本|该|全|各)|根据|依据|按照|遵照|^(?:行政|国家|政府|党政)?机关$")
"""A pronoun (我局, 各乡镇); or a preposition anywhere: "根据乌海市2020年政务公开工作要点…" cites a document inside
a sentence, it names no author; or the word 机关 alone."""
_AUTHOR_VERB = re.compile(r"(?:特此|特|现|向社会)?(?:编制|公布|发布)了?$")
"""A clause ending with its verb names its author before it ("白云镇人民政府特此编制2024年度…报告",
"某办事处向社会公布2021年度…报告")."""
_LEVEL_ONLY = re.compile(r"^[省市区县州盟旗]")
"""A name opening with its level alone (县政府, 区民政局): not taken from a clause before its verb."""
_SHORT_NAME = re.compile(r"\(以下(?:简)?称[^()]{1,20}\)$")
"""The short name a preface gives after the full one ("现公布某区人民政府办公室(以下简称“区政府办公室”)")."""
_LEADING_GROUP = re.compile(r"(?:政务公开|政府信息公开|信息公开)(?:工作)?领导小组(?:办公室)?$")
"""The agency's own 政务公开领导小组 (办公室), which compiles the report for it."""
_CRUMB_SEPARATOR = re.compile(r"[>›»|｜/_]|-{1,2}|—{1,2}")
_CLAUSE_SEPARATOR = re.compile(r"[，,。；;：:、《「“(（\[【]")
_HEAD_CAP = 200
"""Lines before the first section heading that may hold a title or a preface; a page without
headings is not searched further (a huge page would otherwise be scanned whole, several times)."""
_TITLE_REACH = 400
"""Characters of a line searched for a title (a title with its agency is far shorter)."""


def _title(text: str, pos: int = 0) -> re.Match[str] | None:
    """`_TITLE.search(text)`, made cheap: a failed search of the lazy pattern is cubic in the length.

    A text without a title's ending has no title; and as `pre` takes any character but "\\n", a
    search that succeeds anywhere succeeds at the start, with the same match, so a match there is
    enough (a failed one is only quadratic).
    """
    if _TITLE_ENDING.search(text, pos) is None:
        return None
    return _TITLE.match(text, pos) if "\n" not in text else _TITLE.search(text, pos)


def clean_agency(raw: str) -> str | None:
    """The agency name in the text before a title's year, or None when it does not read as one.

    Page chrome and preface sentences come along ("Page 8 - …", "首页 > … > 中村乡", "根据…规定，
    现公布…"), and so do spam banners on hijacked sites; a name must end like an institution
    (…局, …办公室, …镇, …街道办事处) and may not be a pronoun (我局, 本机关).
    """
    text = nfkc(raw)
    text = without_spaces(text).rstrip("“‘「《([【")  # 2024年某市“政府信息公开工作年度报告”
    text = _SHORT_NAME.sub("", text)
    text = _CRUMB_SEPARATOR.split(text)[-1]
    text = _CLAUSE_SEPARATOR.split(text)[-1]
    author = _AUTHOR_VERB.sub("", text)
    if author != text:  # the author before the verb, whole: "由…" aside, no other verb in it
        text = re.sub(r"^(?:本?(?:年度)?报告|本?年报)?由", "", author)
        if _LEVEL_ONLY.match(text) or _AGENCY_VERB.match(text):
            return None
    text = _AGENCY_VERB.sub("", text)
    text = _LEADING_GROUP.sub("", text.strip("》」”)）]】的"))
    if not 2 <= len(text) <= 40 or _NOT_AGENCY.search(text) or not _AGENCY_SUFFIX.search(text):
        return None
    return text


def find_meta(lines: list[str], first_section: int) -> tuple[str | None, int | None, int, int]:
    """Agency, year and the span of title lines [start, end), from the report's title."""
    head: list[tuple[int, str]] = []
    for i, line in enumerate(lines[: min(max(first_section, 0) or 40, _HEAD_CAP)]):
        # A title is short; the title pattern's lazy parts are quadratic on a long line.
        text = without_spaces(line[:_TITLE_REACH])
        if text:
            head.append((i, text))
        if len(head) >= 12:
            break
    fallback: tuple[str | None, int | None, int, int] | None = None
    for end in range(len(head)):
        # The shortest run of lines ending here that reads as a title; prefer one naming the agency.
        for span in range(1, min(4, end + 1) + 1):
            joined = nfkc("".join(text for _, text in head[end - span + 1 : end + 1]))
            m, cited = _own_title(joined)
            if not m or len(m.group(0)) > 160:
                continue
            year = int(m.group("year").translate(CN_DIGITS))
            agency = clean_agency(m.group("pre")) or clean_agency(m.group("mid"))
            if agency:
                return agency, year, head[end - span + 1][0], head[end][0] + 1
            if span == 1 and not cited:
                fallback = fallback or (None, year, head[end][0], head[end][0] + 1)
    return _yearless_title(head, fallback[1] if fallback else None) or fallback or (None, None, 0, 0)


def _yearless_title(head: list[tuple[int, str]], year: int | None) -> tuple[str, int | None, int, int] | None:
    """A title that names no year ("驼峰路街道办事处政府信息公开工作年度报告"), or names it after itself;
    a title whole on one line first, then one on two lines."""
    for span in (1, 2):
        for n, (i, text) in enumerate(head):
            if n + span > len(head) or (span == 2 and len(text) > 30):
                continue
            joined = "".join(t for _, t in head[n : n + span])
            m = re.match(_YEARLESS_TITLE, nfkc(joined))
            agency = clean_agency(m.group("pre")) if m else None
            if agency and m:
                return agency, int(m.group("year")) if m.group("year") else year, i, head[n + span - 1][0] + 1
    return None


def _own_title(text: str) -> tuple[re.Match[str] | None, bool]:
    """The first title in `text` that is not the start of a cited document's title, and whether one
    was cited before it: a preface may cite a notice ("根据《…关于做好2024年度政府信息公开工作年度报告
    编制发布工作的通知》要求，现向社会公布某区民政局2024年度政府信息公开工作年度报告"), its own title
    is then looked for after the 》 (and taken only when it names the agency)."""
    m, cited = _title(text), False
    while m is not None and _inside_cited_title(text, m):
        close = text.find("》", m.end())
        m, cited = (_title(text, close + 1) if close >= 0 else None), True
    return m, cited


def _inside_cited_title(text: str, m: re.Match[str]) -> bool:
    """The title found is the start of a longer document's title the preface cites (《平武县人民政府
    办公室关于2021年度政府信息公开工作年度报告编制工作的通知》): its issuer is not the author. The
    report's own title quoted whole (现将《…年度报告》公布如下) ends at its 》."""
    pre = m.group("pre")
    return pre.rfind("《") > pre.rfind("》") and not text.startswith("》", m.end())


def _head(lines: list[str], first_section: int, extra: int = 0) -> list[str]:
    return lines[: min((max(first_section, 0) or 12) + extra, _HEAD_CAP)]


def title_suffix_agency(lines: list[str], first_section: int) -> str | None:
    """The agency after a page title's separator ("2022年政府信息公开工作年度报告_某某县审计局")."""
    for line in _head(lines, first_section):
        text = nfkc(without_spaces(line[:_TITLE_REACH]))
        m = _title(text)
        rest = text[m.end() :] if m else ""
        if re.match(r"[_\-—|｜]", rest):
            agency = clean_agency(rest.lstrip("_-—|｜"))
            if agency:
                return agency
    return None


def _period_year(lines: list[str], first_section: int) -> int | None:
    """The year of the statistics period stated in the preface or the opening section."""
    text = nfkc("\n".join(_head(lines, first_section, 40)))
    m = _PERIOD.search(text)
    if m is None:
        return None
    return int(m.group("year") or m.group("end"))


_CARRY_YEAR = re.compile(r"结转(?:至|到)?\s*(?:19|20)\d{2}\s*年度?|(?:19|20)\d{2}\s*年度?\s*结转")


def _prose_year(lines: list[str], sections: dict[str, int], first_section: int) -> int | None:
    """The year the opening section speaks of most ("2020年，我街…"); a last resort."""
    start = sections.get("overview", first_section if first_section < len(lines) else 0)
    later = [i for i in sections.values() if i > start]
    region = nfkc("\n".join(lines[start : min(later) if later else start + 40]))
    region = re.sub(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]", "", region)
    region = _CARRY_YEAR.sub("", region)  # 2023年结转132件，结转2025年183件: the years next to it
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", region)]
    if not years:
        return None
    counts = {y: years.count(y) for y in years}
    return max(counts, key=lambda y: (counts[y], y))


def _head_year_hint(lines: list[str], first_section: int) -> int | None:
    for line in _head(lines, first_section):
        m = re.search(_YEAR_HINT, nfkc(without_spaces(line)))
        if m:
            return int(m.group("year"))
    return None


def resolve_year(
    lines: list[str], sections: dict[str, int], first: int, title_year: int | None
) -> tuple[int | None, str | None]:
    """The report year and, when it is not certain, why (an import issue message)."""
    period = _period_year(lines, first)
    if title_year is not None and period is not None and period != title_year:
        return period, f"标题为 {title_year} 年，统计期限为 {period} 年，按统计期限定为 {period} 年度，请核对"
    if title_year is not None:
        return title_year, None
    if period is not None:
        return period, None
    hint = _head_year_hint(lines, first)
    if hint is not None:
        return hint, f"未找到报告标题，按页面标题定为 {hint} 年度，请核对"
    prose = _prose_year(lines, sections, first)
    if prose is not None:
        return prose, f"未找到报告标题和统计期限，按正文所述年份定为 {prose} 年度，请核对"
    return None, None


@cache
def _telling_labels(fmt: FormatDefinition) -> tuple[str, ...]:
    """The column and row labels long enough to tell a format (one entry per column and row)."""
    out: list[str] = []
    for table in fmt.tables:
        for block in table.blocks:
            out += [c for c in (label_core(col.label) for col in block.columns) if len(c) >= 4]
            out += [c for c in (label_core(row.label) for row in block.rows) if len(c) >= 6]
    return tuple(out)


@cache
def _telling() -> tuple[tuple[str, ...], tuple[tuple[FormatDefinition, tuple[str, ...]], ...]]:
    """Every telling label once (most are shared by the formats), and each bundled format with its own."""
    per_format = tuple((fmt, _telling_labels(fmt)) for fmt in map(load_format, available_formats()))
    return tuple(dict.fromkeys(x for _, labels in per_format for x in labels)), per_format


def detect_format(text: str, year: int | None) -> FormatDefinition | None:
    """The format whose section 二 and 三 labels the source uses (X-1 is then checked against the year)."""
    norm = norm_label(text)
    labels, per_format = _telling()
    found = set(filter(norm.__contains__, labels))  # each label looked for once
    scores: dict[str, int] = {}
    for fmt, own in per_format:
        score = sum(map(found.__contains__, own))  # this format's labels found in the text
        if "(九)" in norm and "政府集中采购" in norm and fmt.table("active").blocks[-1].id == "item9":
            score += 3
        scores[fmt.id] = score
    best = max(scores.values()) if scores else 0
    leaders = [fid for fid, s in scores.items() if s == best]
    if best == 0:
        return None
    if len(leaders) == 1:
        return load_format(leaders[0])
    if year is not None:
        fmt = format_for_year(year)
        if fmt.id in leaders:
            return fmt
    return load_format(leaders[-1])


_TRADITIONAL = re.compile("[開條報資關於處請數據總體為與務發構們門產辦護複議訴訟規範項]")
_SIMPLIFIED = re.compile("[开条报资关于处请数据总体为与务发构们门产办护复议诉讼规范项]")


def looks_traditional(text: str) -> bool:
    """Text in traditional characters (a site's 繁體 view), where the official labels do not match."""
    sample = text[:20000]
    traditional = len(_TRADITIONAL.findall(sample))
    return traditional > 10 and traditional > 2 * len(_SIMPLIFIED.findall(sample)) + 10


def simplified(lines: list[str]) -> list[str] | None:
    """The lines in simplified characters when the text is traditional (a site's 繁體 view), else None.

    Converted character by character (zhconv's zh-hans table, no regional vocabulary swaps) so the
    official labels match; imported lazily, as only such pages need it.
    """
    if not looks_traditional("\n".join(lines)):
        return None
    zhconv = _zhconv()
    return [zhconv.convert(line, "zh-hans") for line in lines]


def _zhconv() -> ModuleType:
    """zhconv, imported without pkg_resources when its table lies beside it.

    zhconv finds its table through pkg_resources when that can be imported, else opens the file
    beside itself: the same table. Importing pkg_resources (setuptools) costs ~0.2 s of CPU, four
    times zhconv itself, so it is kept out for the import unless something already loaded it.
    """
    spec = importlib.util.find_spec("zhconv")
    beside = (
        spec is not None and spec.origin is not None and Path(spec.origin).with_name("zhcdict.json").is_file()
    )
    if not beside or "zhconv" in sys.modules or "pkg_resources" in sys.modules:
        import zhconv

        return zhconv
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` now fails
    try:
        import zhconv
    finally:
        del sys.modules["pkg_resources"]
    return zhconv


def override_notes(
    lines: list[str],
    sections: dict[str, int],
    first: int,
    found_year: int | None,
    given: tuple[int | None, str | None],
) -> list[ImportIssue]:
    """Where `--year` or `--format` contradicts what the report itself states, listed for checking.

    A typo in `--year` would otherwise put another year's figures under this one, silently; a wrong
    `--format` reads the tables against labels they do not print.
    """
    year, format_id = given
    notes: list[ImportIssue] = []
    if year is not None:
        stated, _ = resolve_year(lines, sections, first, found_year)
        if stated is not None and stated != year:
            message = f"基本信息 › 报告年度：按 --year 定为 {year} 年度，原文写的是 {stated} 年度，请核对"
            notes.append(ImportIssue("meta", "meta.year", "基本信息 › 报告年度", message))
    if format_id is not None:
        printed = detect_format(table_region(lines, sections), year or found_year)
        chosen = load_format(format_id).id
        if printed is not None and printed.id != chosen:
            message = f"基本信息 › 格式版本：按 --format 以 {chosen} 格式读取，原文表格用的是 {printed.id} 格式的标签，请核对"
            notes.append(ImportIssue("meta", "meta.format", "基本信息 › 格式版本", message))
    return notes
