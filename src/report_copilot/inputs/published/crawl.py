"""Web-site chrome removed from crawled text, and one-line crawls cut back into lines.

Crawlers keep the page around the report: a breadcrumb (当前位置：首页 › …), font-size and print
buttons, share links (微信 微博 QQ空间), "附件下载", and a footer (主办单位：… 承办单位：… 网站标识码 …).
Some keep the whole page on one line. Chrome is recognised by its form, not by its words alone —
a report's own prose may say "由办公室承办" or "网站总访问量达 3782565 次" — so a word counts as
chrome only as a label with its colon, as a button standing alone between spaces, or on a short
line of its own. A long line is cut at the six section headings so that they can be found.
"""

from __future__ import annotations

import re

from report_copilot.inputs.published.markdown_line import markdown_rows_apart
from report_copilot.model.draft import SECTION_HEADINGS

LONG_LINE = 300
"""A line longer than this is a crawl of a whole page (or a large part of it), not a line of text."""
SHORT_LINE = 60
"""A line this short holding a chrome word is chrome (a footer line, a toolbar)."""

_CHROME_WORDS = re.compile(
    r"版权所有|ICP备|网站标识码|公网安备|(?:主办|承办|技术支持|维护)单位[:：]|技术支持[:：]|打印本页|关闭窗口"
    r"|【打印】|【关闭】|分享到[:：]?$|字号[:：]|您?当前(?:的)?位置[:：]|您所在(?:的)?位置[:：]"
    r"|浏览次数[:：]|访问量[:：]|^(?:微信|微博|QQ空间|打印|关闭|返回顶部|附件下载[:：]?|相关链接[:：]?)$"
)
"""On a short line of its own: chrome."""
CHROME_HINTS = (
    "版权所有|ICP备|网站标识码|公网安备|单位|技术支持|打印|关闭|分享到|字号|位置|浏览次数|访问量"
    "|微信|微博|QQ空间|返回顶部|附件下载|相关链接"
)
"""A word every `_CHROME_WORDS` match holds: a line without any is not chrome (a quick pre-check)."""

_CHROME_SPANS = (
    # 当前位置：首页 › 政务公开 › 政府信息公开年报
    r"(?:您?当前(?:的)?位置|您所在(?:的)?位置)[:：]\s*(?:[^\s›>»]{1,20}\s*[›>»]+\s*)*[^\s›>»]{1,20}",
    r"字号[:：]?\s*(?:[大中小]\s*){2,3}",
    r"(?:发布(?:时间|日期)|浏览次数|访问量|点击数)[:：]\s*[\d\-/:：年月日 ]*",
    r"(?<!\S)(?:来源|信息来源|时间)[:：]\s*[^\s，。；]{1,30}(?:\s+\d{1,2}:\d{2})?|(?<!\S)-->(?!\S)",
    # Buttons and share links standing alone between spaces.
    r"(?<!\S)(?:【?(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部)】?|全真版|文字版|文件下载|附件下载[:：]?"
    r"|相关链接[:：]?|分享到[:：]?|微信|微博|QQ空间|扫一扫)(?!\S)",
    # The footer, to the end of the line when no sentence of the report follows it.
    r"(?:主办单位|承办单位|技术支持|维护单位|版权所有)[:：][^。]*$",
    r"(?:网站标识码|[\u4e00-\u9fff]ICP备|公网安备)[^。]*$",
    # A PDF's page footer standing alone ("-3-", "第 3 页 共 5 页"), a line of its own before the
    # text was put on one line; "— 3 —" with spaces is left: it may be three cells (—, 3, —).
    r"(?<!\S)(?:[-—–－]{1,2}\d{1,3}[-—–－]{1,2}|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)(?!\S)",
)
"""Spans of chrome inside a one-line crawl; compiled (and cached by `re`) only when a crawl is read."""

_HEADING_IN_LINE = (
    r"(?:(?<=^)|(?<=[\s。；;：:）)\d]))([一二三四五六][、.．]\s*[^。，,；;\s]{2,30}?(?:情况|事项|措施|计划))"
    # The official headings themselves, wherever they stand ("…251000元三、收到和处理…").
    + "|("
    + "|".join(re.escape(h) for h in SECTION_HEADINGS.values())
    + ")"
)
"""A section heading inside a line: where a crawl is cut (compiled when a crawl is read)."""


_FIELD_NAMES = "发布时间|发布日期|文号|发布机构|栏目|原文链接|本地目录|索引号|主题分类|成文日期|发文机关"
_CRAWLER_FIELDS = re.compile(r"^(?:" + _FIELD_NAMES + r")\s*[:：]|^页面链接与图片详见|^={3,}.*={3,}$")
"""The metadata a crawler writes above the page's text (`发布时间: …`, `原文链接: …`, `=== 正文 ===`)."""
CRAWLER_FIELD_STARTS = _FIELD_NAMES + "|页面链接与图片详见|==="
"""How every `_CRAWLER_FIELDS` line begins (after its leading spaces)."""
TITLE_FIELD_WORD = "标题"
_TITLE_FIELD = re.compile(r"^\s*" + TITLE_FIELD_WORD + r"\s*[:：]\s*")


def is_chrome_line(line: str) -> bool:
    """A short line that is site chrome (a footer, a toolbar, a breadcrumb) or crawler metadata."""
    text = line.strip()
    if _CRAWLER_FIELDS.match(text):
        return True
    return len(text) <= SHORT_LINE and _CHROME_WORDS.search(text) is not None


def unlabel_title(line: str) -> str:
    """A crawler's "标题: …" line as the title itself."""
    return _TITLE_FIELD.sub("", line) if TITLE_FIELD_WORD in line else line


def split_crawl_line(line: str) -> list[str]:
    """A whole page on one line → its chrome removed, its section headings and the rows of its
    Markdown tables on lines of their own."""
    for span in _CHROME_SPANS:
        line = re.sub(span, "\n", line)
    if "---" in line:
        line = markdown_rows_apart(line)
    line = re.sub(_HEADING_IN_LINE, lambda m: "\n" + (m.group(1) or m.group(2)) + "\n", line)
    return [part.strip() for part in line.split("\n")]
