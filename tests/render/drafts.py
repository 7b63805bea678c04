"""A small hand-made Draft per example report, standing in for the drafters' output in render tests."""

from __future__ import annotations

from typing import Any

from report_copilot.inputs.json_input import report_from_data
from report_copilot.model.draft import OVERVIEW_SUBSECTIONS, SECTION_HEADINGS, Block, Draft
from report_copilot.model.report import ReportBase


def sample_draft(report: ReportBase) -> Draft:
    """Title, a preface, all six section headings, a few paragraphs, the three tables, the signature."""
    meta = report.meta
    title = f"{meta.agency}{meta.year}年政府信息公开工作年度报告"
    blocks = [
        Block(kind="title", text=title),
        Block(
            kind="paragraph",
            text=f"本报告依据《中华人民共和国政府信息公开条例》编制，统计期限为{meta.year}年1月1日至{meta.year}年12月31日。",
        ),
        Block(kind="heading", text=SECTION_HEADINGS["overview"], level=1, section="overview"),
    ]
    for key, heading in list(OVERVIEW_SUBSECTIONS.items())[:2]:
        blocks.append(Block(kind="heading", text=heading, level=2, section=key))
        blocks.append(
            Block(
                kind="paragraph",
                text=f"{meta.short_name or '本机关'}坚持“公开为常态、不公开为例外”，持续推进{heading[3:]}工作。",
                section=key,
            )
        )
    for key, table in (("active", "active"), ("requests", "requests"), ("appeals", "appeals")):
        blocks.append(Block(kind="heading", text=SECTION_HEADINGS[key], level=1, section=key))
        blocks.append(Block(kind="table", text=table, section=key))
    blocks.append(Block(kind="heading", text=SECTION_HEADINGS["problems"], level=1, section="problems"))
    blocks.append(
        Block(kind="paragraph", text="一是公开内容还不够全面；二是解读形式较为单一。", section="problems")
    )
    blocks.append(Block(kind="heading", text=SECTION_HEADINGS["other"], level=1, section="other"))
    blocks.append(
        Block(kind="paragraph", text="本年度未收取信息处理费。无其他需要报告的事项。", section="other")
    )
    date = meta.issue_date
    signature = meta.agency + (f" {date.year}年{date.month}月{date.day}日" if date else "")
    blocks.append(Block(kind="signature", text=signature, section="signature"))
    return Draft(title=title, blocks=blocks)


def report_and_draft(data: dict[str, Any]) -> tuple[ReportBase, Draft]:
    report = report_from_data(data)
    return report, sample_draft(report)
