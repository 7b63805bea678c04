"""The agency's name where no title gives it, and its fullest form found in the report.

Where no title names the agency, the preface may name its author ("本报告由…编制"), and weaker
sources are read in turn: the opening sentence of 总体情况, the signature (落款), the page's 发布机构
or 来源 line, its breadcrumb.

A report without a title line still signs its end ("河北省教育厅\\n2020年1月15日", or glued after the
last sentence: "…账号。河北省教育厅2024年1月26日"), which names the author more surely than the file
name. And a report often speaks of itself without its place ("2022年，省教育厅…", "洪泽区人民政府")
while its signature, its preface or an attachment's title prints the whole name ("附件：河北省教育厅
2022年…", "由淮安市洪泽区人民政府办公室编制"): the name is completed with that place prefix when
every such form agrees. Only a prefix of places is ever added (淮安市, 河北 + 省): a name is never
swapped for another agency's.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from report_copilot.inputs.published.meta import clean_agency
from report_copilot.inputs.published.model import ImportIssue
from report_copilot.inputs.published.normalize import nfkc, without_spaces

_DATE = r"(?:(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3})年[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日"
_NAME = r"[^。；！？，,：:、\n\d]{2,40}"
_SIGNED_BEFORE_DATE = re.compile(r"(?:^|[。；！？\n])(?P<agency>" + _NAME + r"?)\n?" + _DATE + r"\s*$")
_SIGNED_AFTER_DATE = re.compile(_DATE + r"\n?(?P<agency>" + _NAME + r")\s*$")
_TAIL_CHARS = 300
"""Characters at the end of the report searched for the signature."""
_LEVELS = ("省", "市", "区", "县", "州", "盟", "旗")
"""The first character of a name that speaks of its place by level alone (省教育厅, 区政府办公室)."""
_LEAD_WORDS = re.compile(
    r"^(?:本(?:年度)?报告)?(?:根据|依据|按照|经|由|对|向|在|与|和|及|同|会同|联合|从|为|据|附件|附"
    r"|现予公开|现公开|现予公布|现公布|公布|发布|印发|编制|总结|汇总|现将|向社会公(?:布|开)|请|联系|地址)+"
)
"""Words a full name may follow at the start of a clause ("由淮安市洪泽区…编制", "，总结郑州市金水区…
2021年…工作情况", "现公开西安市高陵区…年度报告", "请与某市某区某街道联系", "地址某市某区某镇…路")."""
_DATE_UNIT = re.compile(r"^(?:年度?|月份?|日)")
"""After a number, the rest of a date ("2024年度区民政局"): no place."""
_REACH = 16
"""Characters before a name searched for its place prefix."""
_BOUNDARY = re.compile(r"[^\u3400-\u9fff]")
_NOT_PLACE = re.compile(r"[全本我各该此其省市县区]")
"""A head that is a pronoun or a bare level (全市, 本县, 省) is no place name."""


def signature_agency(lines: list[str]) -> str | None:
    """The agency that signs the report: its name just before or after the closing date."""
    tail = nfkc("\n".join(line.strip() for line in lines[-12:] if line.strip()))[-_TAIL_CHARS:]
    tail = re.sub(r"[ \t\u3000]+", "", tail)
    for pattern in (_SIGNED_BEFORE_DATE, _SIGNED_AFTER_DATE):
        m = pattern.search(tail)
        agency = clean_agency(m.group("agency")) if m else None
        if agency:
            return agency
    return None


@cache
def _place_suffixes() -> tuple[str, ...]:
    raw = resources.files("report_copilot").joinpath("formats", "agency_names.toml").read_text("utf-8")
    suffixes: list[str] = tomllib.loads(raw).get("place_suffixes", [])
    return tuple(sorted(suffixes, key=len, reverse=True))


@cache
def _provinces() -> tuple[str, ...]:
    raw = resources.files("report_copilot").joinpath("formats", "provinces.toml").read_text("utf-8")
    names: list[str] = tomllib.loads(raw).get("provinces", [])
    return tuple(names)


@cache
def _place_prefix() -> re.Pattern[str]:
    """Whole place names ("淮安市", "河北省武安市"): the prefix a fuller name adds."""
    ends = "|".join(map(re.escape, _place_suffixes()))
    return re.compile(r"(?:[\u3400-\u9fff]{2,7}?(?:" + ends + r"))+")


def _prefix_before(text: str, at: int, name: str) -> str | None:
    """The place prefix printed right before `name` at `at`, or None when none reads as one.

    The prefix must open a clause (after a line break, 。：《“ or a date; after a comma only for a
    prefix that is itself whole places), so a verb ending the clause before is never taken for a
    place ("，落实区政府…"); a province must be one of `provinces.toml`.
    """
    head = text[max(0, at - _REACH) : at]
    cut = list(_BOUNDARY.finditer(head))
    if not cut and at > _REACH:
        return None  # the clause goes on further back: the name does not open it
    mark = cut[-1].group() if cut else "\n"
    head = head[cut[-1].end() :] if cut else head
    head = _LEAD_WORDS.sub("", _DATE_UNIT.sub("", head) if mark.isdigit() else head)
    if not head or _NOT_PLACE.match(head):
        return None
    places = _place_prefix()
    if places.fullmatch(head):
        return head
    if not name.startswith(_LEVELS) or mark in "，,、":
        return None
    # "河北" + "省教育厅": the last place is completed by the name's own first character.
    m = re.fullmatch(r"(?P<outer>(?:" + places.pattern + r")?)(?P<own>[\u3400-\u9fff]{2,3})", head)
    if m is None or (name.startswith("省") and m.group("own") not in _provinces()):
        return None
    return head


def fuller_agency(name: str, text: str) -> str | None:
    """The longest place-prefixed form of `name` printed in `text`, when all such forms agree."""
    forms: set[str] = set()
    start = text.find(name)
    while start >= 0 and len(forms) < 20:
        prefix = _prefix_before(text, start, name)
        if prefix:
            forms.add(prefix + name)
        start = text.find(name, start + 1)
    if not forms:
        return None
    longest = max(forms, key=len)
    return longest if all(longest.endswith(f) for f in forms) else None


def province_of(name: str, text: str) -> str | None:
    """`name` ("省教育厅") with the one province the report names ("《河北省实施…》"), if only one."""
    if not name.startswith("省"):
        return None
    found = {p for p in _provinces() if p + "省" in text}
    return next(iter(found)) + name if len(found) == 1 else None


def complete_agency(name: str, texts: list[str]) -> tuple[str, list[ImportIssue]]:
    """`name` in its fullest form printed in `texts` (or with its one province), and a note saying so.

    The note is a `请核对` import issue: the name was completed, not read whole.
    """
    text = "\n".join(texts)  # CJK names need no NFKC; any other character is a boundary anyway
    fuller = fuller_agency(name, text)
    if fuller is not None and fuller != name:
        why = f"正文称「{name}」，按报告中印出的全称定为「{fuller}」"
    else:
        fuller = province_of(name, text)
        if fuller is None:
            return name, []
        why = f"报告只称「{name}」，未印出省份；按文中提到的唯一省份定为「{fuller}」"
    message = f"基本信息 › 机关名称：{why}，请核对（可用 --agency 指定）"
    return fuller, [ImportIssue("meta", "meta.agency", "基本信息 › 机关名称", message)]


_HEAD_LINES = 200
"""Lines before the first section heading searched for a 发布机构 or 来源 line."""


_OPENING = (
    r"(?:^|[。\n])\s*(?:在?(?:(?:19|20)\d{2}\s*年(?:度|以来)?|一年(?:以)?来|今年以来|本年度)[,，]?\s*)?"
    r"(?:在[^，,。；;：:]{2,30}?下[,，]\s*)?"
    r"(?P<agency>[^，,。；;：:、（(《\s\d]{2,40}?)"
    r"(?:认真|全面|深入|坚持|坚决|严格|始终|积极|按照|紧紧|持续|进一步|高度重视|不断|扎实|围绕|以"
    r"|在(?=[^，,。；;]{2,30}?下[,，]))"
)
"""The opening sentence of 总体情况 naming the agency ("2022年，二道区房屋征收工作管理办公室认真…",
"文登区住建局高度重视…", "2024年，在区委的领导下，某管委会坚持…", "2025年以来，某乡在…指导下，…");
a name holds no figure ("2019年印发的16个规范性文件全部在…")."""


def opening_agency(lines: list[str], sections: dict[str, int]) -> str | None:
    start = sections.get("overview")
    if start is None:
        return None
    text = nfkc("\n".join(lines[start + 1 : start + 6]))
    m = re.search(_OPENING, text)
    return clean_agency(m.group("agency")) if m else None


_BREADCRUMB = r"(?:您?当前(?:的)?位置|您所在(?:的)?位置)[:：]\s*(?P<trail>[^\n]{0,200})"


def chrome_agency(raw_lines: list[str]) -> str | None:
    """The agency a page's breadcrumb names (当前位置：首页 › 部门信息公开 › 某某县审计局 › 年报)."""
    m = re.search(_BREADCRUMB, nfkc("\n".join(raw_lines[:60])))
    if m is None:
        return None
    items = re.split(r"\s*[›>»]+\s*", m.group("trail"))
    names = [clean_agency(item.split()[0]) for item in items if item.strip()]
    return next((n for n in reversed(names) if n), None)


_COMPILED_BY = (
    r"由(?P<agency>[^，,。；;：:（(《》]{2,40}?)(?:\(以下简称[^)]{1,20}\))?(?:负责|组织|认真)?编制"
    r"|报告由(?P<grounded>[^，,。；;：:（(《》]{2,40}?)(?:根据|依据|按照|依照)"
)
"""A preface naming its author: "本报告由保康县农业农村局编制", "由某管理委员会(以下简称某管委会)编制",
"本报告由某管理委员会根据《条例》…要求编制"."""


def preface_agency(lines: list[str], first_section: int) -> str | None:
    """The agency a preface names as the author ("本报告由保康县农业农村局编制")."""
    text = nfkc("".join(lines[: max(first_section, 0) + 12]))
    text = without_spaces(text)
    for m in re.finditer(_COMPILED_BY, text):
        agency = clean_agency(m.group("agency") or m.group("grounded"))
        if agency:
            return agency
    return None


_PUBLISHER = re.compile(
    r"(?:发布机构|发文机关|发布单位|信息来源|来源)\s*:\s*(?P<name>[^\s:|]{2,40}?)"
    r"(?=\s|$|发布|时间|日期|作者|浏览|点击|字号|\[)"
)


def publisher_agency(lines: list[str], first_section: int) -> str | None:
    """The agency a page's 发布机构 or 来源 line names ("来源：某区某镇人民政府 发布时间：…")."""
    for line in lines[: min(max(first_section, 0) or 12, _HEAD_LINES)]:
        m = _PUBLISHER.search(nfkc(line))
        agency = clean_agency(m.group("name")) if m else None
        if agency:
            return agency
    return None
