"""A model's reply for one unit → checked paragraphs, or the problems to send back for a repair.

A reply may hold paragraphs of prose and nothing else. Headings (also a fake `七、附则`), tables, list
markup, HTML and comments, code, rules (`---`) and emphasis are a failed check, not something to
clean up silently: the model is asked once to rewrite, and a unit still wrong falls back to the
template. A reply that did not end normally (`finish_reason` other than `stop`: cut at the length
limit, stopped by a content filter) is a failed attempt too. Invisible format characters (bidi
controls, zero-width characters) are removed before anything reads the text: `申请\\u202e72\\u202c件`
would render as 27件.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from report_copilot.drafting.base import short_name
from report_copilot.model.hygiene import strip_hidden
from report_copilot.model.refs import Reference
from report_copilot.model.report import ReportBase
from report_copilot.model.script import cjk_count
from report_copilot.redact import redact

REF_PATTERN = re.compile(r"\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_FORBIDDEN_WORDS = ("我们", "您")
_NUMERALS = "一二三四五六七八九十"

_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s{0,3}#{1,6}\s"), "标题"),
    (
        re.compile(
            rf"^\s*(?:[{_NUMERALS}]+、|（[{_NUMERALS}]+）|\([{_NUMERALS}]+\)|第[{_NUMERALS}]+[章节条部分])"
        ),
        "标题",
    ),
    (re.compile(r"^\s*\|.*\||^\s*:?-{3,}:?\s*\|"), "表格"),
    (re.compile(r"^\s*(?:[-*+•·]\s|\d+[.)）、]\s*)"), "列表"),
    (re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$"), "分隔线"),
    (re.compile(r"^\s*(?:```|~~~)"), "代码"),
    (re.compile(r"`"), "代码"),
    (re.compile(r"<!--|-->"), "注释"),
    (re.compile(r"</?[A-Za-z][^>]*>"), "HTML"),
    (re.compile(r"^\s*>"), "引用"),
    (re.compile(r"\*\*|__"), "加粗"),
)
"""Markup that is not prose, with its Chinese name for the repair prompt."""

_UNITS = "件次条个人家项万场期篇份所名户起批轮元"
_WORD_NUMERAL = re.compile(
    rf"[壹贰叁肆伍陆柒捌玖拾佰仟萬]+[余多]?[{_UNITS}]?"
    rf"|(?<!第)[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]+[余多]?[{_UNITS}]"
    rf"|(?<!第)十[余多][{_UNITS}]"
)
"""A figure written in words (柒拾叁件, 七十二件, 三十余次): the checker reads digits, the prompt asks for [[keys]]."""
_BROKEN_REF = re.compile(r"\[|\]|【|】|\{\{|\}\}|(?<![A-Za-z0-9./])([a-z_]+)(?:\.[a-z_0-9]+)+")
_KEY_ROOTS = frozenset({"derived", "rate", "yoy", "fact"})


@dataclass
class Reply:
    """A model's answer for one unit, as the model seam returns it."""

    text: str
    usage: dict[str, int] | None
    finish_reason: str | None
    from_openai: bool


def normalise_digits(text: str) -> tuple[str, list[str]]:
    """Full-width, superscript and circled digits as ASCII digits (so the checker binds them); other
    numeral symbols (Ⅲ, ⑩) cannot be read safely and are a problem."""
    out: list[str] = []
    odd: list[str] = []
    for ch in text:
        if ch.isascii() or unicodedata.category(ch) not in {"Nd", "No", "Nl"}:
            out.append(ch)
        elif (digit := unicodedata.digit(ch, None)) is not None:
            out.append(str(digit))
        else:
            odd.append(ch)
            out.append(ch)
    problems = [f"用了特殊数字符号（{''.join(dict.fromkeys(odd))}）：数字一律用 [[键]] 引用"] if odd else []
    return "".join(out), problems


def figure_problems(filled: list[str], refs: dict[str, Reference]) -> list[str]:
    """Figures the number checker cannot see: written in words, or a reference gone wrong (a
    bracket left over, a bare key such as `requests.new.total`)."""
    problems: list[str] = []
    text = "\n".join(filled)
    words = sorted({m.group(0) for m in _WORD_NUMERAL.finditer(text)})
    if words:
        problems.append(f"用汉字写了数字（{'、'.join(words)}）：统计数字一律用 [[键]] 引用，不写成汉字")
    roots = _KEY_ROOTS | {key.split(".", 1)[0] for key in refs}
    broken = sorted(
        {m.group(0) for m in _BROKEN_REF.finditer(text) if m.group(1) is None or m.group(1) in roots}
    )
    if broken:
        problems.append(f"引用格式有误（{'、'.join(broken)}）：引用数据时写成 [[键]]，两边各两个方括号")
    return problems


def markup_problems(text: str) -> list[str]:
    """One problem per kind of non-prose markup in a reply, naming the first line that has it."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        for pattern, kind in _MARKUP:
            if kind not in found and pattern.search(line):
                found[kind] = line.strip()[:30]
    return [
        f"回复中含有{kind}（“{line}”）：本部分只写几段正文，不用标题、表格、列表、代码或任何标记"
        for kind, line in found.items()
    ]


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def substitute(paragraphs: list[str], refs: dict[str, Reference]) -> tuple[list[str], list[str]]:
    """References replaced by their values; unknown references are reported, never guessed."""
    unknown: list[str] = []

    def value(m: re.Match[str]) -> str:
        ref = refs.get(m.group(1))
        if ref is None:
            unknown.append(m.group(1))
            return m.group(0)
        return ref.text

    return [REF_PATTERN.sub(value, p) for p in paragraphs], unknown


def check_paragraphs(paragraphs: list[str], report: ReportBase, section: str | None = None) -> list[str]:
    """Error verdicts of the number checker, as lines for the repair prompt."""
    from report_copilot.checks.prose import check_text

    problems: list[str] = []
    for paragraph in paragraphs:
        result = check_text(paragraph, report, section)
        if result.ok:
            continue
        problems += [f.message for f in result.findings if f.severity == "error"]
    return problems


def _ending_problem(reply: Reply) -> str | None:
    if not reply.from_openai or reply.finish_reason == "stop":
        return None
    if reply.finish_reason == "length":
        return "回复不完整（输出被截断），请写得简短些并完整写完"
    if reply.finish_reason == "content_filter":
        return "回复被模型服务的内容过滤中断，请用规范的公文语体重写"
    return "回复没有正常结束（可能被截断），请完整重写"


def review_reply(
    reply: Reply,
    section: str,
    refs: dict[str, Reference],
    report: ReportBase,
    secrets: list[str] | None = None,
) -> tuple[list[str], list[str]]:
    """(paragraphs with values, problems); no problems means the unit may be used as is."""
    ending = _ending_problem(reply)
    if ending is not None:
        return [], [ending]
    text = redact(strip_hidden(reply.text), secrets or (), known=secrets is None)
    text, odd_digits = normalise_digits(text)
    paragraphs = paragraphs_of(text)
    if not paragraphs:
        return [], ["回复为空，请按要求写出正文"]
    body = "".join(paragraphs)
    if cjk_count(body) < max(8, len(REF_PATTERN.sub("", body)) * 0.3):
        return [], ["回复不是中文公文正文，请用规范的中文公文语体重写"]
    problems = [*markup_problems(text), *odd_digits]
    filled, unknown = substitute(paragraphs, refs)
    if unknown:
        allowed = "、".join(refs) or "（本部分没有可引用的数据，不写统计数字）"
        problems.append(f"引用了数据清单中没有的键：{'、'.join(sorted(set(unknown)))}；可用的键：{allowed}")
    else:
        problems += figure_problems(filled, refs)
    for word in _FORBIDDEN_WORDS:
        if word in body:
            problems.append(f"用了“{word}”：机关自称应为“{short_name(report)}”，不用“我们”“您”")
    if problems:
        return filled, problems
    return filled, check_paragraphs(filled, report, section)
