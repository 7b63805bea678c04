"""`copilot import` on the flattened forms crawls produce (crafted fixtures; issue 10).

One-line crawls with site chrome inside them, tables whose borders and spaces were lost so a row's
digits run together and glue to the next row's ordinal, notes printed inside cells, label variants
and misprints, traditional characters. Each test asserts the cells read and the cells refused: a
digit run is split only where one split fits, and a wrong value is never read.
"""

from __future__ import annotations

from typing import Any

from report_copilot.inputs.published import import_text
from tests.review.real_forms import CHROME_TAIL, one_line, report_text
from tests.review.test_import_real_forms import assert_every_cell, busy_2020

HEAD = ["某某县审计局2020年政府信息公开工作年度报告"]
PROSE = {
    "一": [
        "2020年，某某县审计局认真贯彻《条例》，由办公室承办单位信息公开日常工作，网站总访问量达3782565次。"
    ],
    "五": ["存在的问题：一是公开内容不够全面。"],
    "六": ["无。"],
}


def _paragraphs(imported: Any) -> list[str]:
    return [b.text for b in imported.draft.blocks if b.kind == "paragraph"]


def test_one_line_crawl_keeps_the_report_and_drops_the_chrome() -> None:
    data = busy_2020("某某县审计局")
    for dialect in ("spaced", "pipe_rows", "markdown"):
        text = one_line(report_text(data, dialect, head=HEAD, prose=PROSE))
        assert "\n" not in text.strip()
        imported = import_text(text)
        assert imported.data["meta"]["agency"] == "某某县审计局"
        assert imported.data["meta"]["year"] == 2020
        assert_every_cell(imported, data)
        paragraphs = _paragraphs(imported)
        # The report's own words stay, even those that look like chrome (承办单位, 访问量) ...
        assert PROSE["一"][0] in paragraphs
        assert paragraphs[-1] == "无。"
        # ... and the page's chrome goes.
        assert not any(word in p for p in paragraphs for word in ("微信", "主办单位：", "当前位置", "字号"))
        assert CHROME_TAIL not in " ".join(paragraphs)
