"""`copilot import` on a table printed just above its own heading (crafted fixtures; issue 10).

A site's editor left heading 二 below its table: …一、总体情况 <prose> <table 二> 二、主动公开政府信息情况
三、…. The table is read as section 二's, and section 一 keeps its prose without the table; prose is
never read as a table, and a block that is not this table alone stays where it is.
"""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.inputs.published import import_text
from tests.review.real_forms import HEADINGS, put, report_text, zero_data
from tests.review.test_import_real_forms import assert_every_cell, busy_2021, cells

HEAD = ["某某区文体旅游局2023年政府信息公开工作年度报告"]
OVERVIEW = "2023年，某某区文体旅游局认真做好政府信息公开工作，全年发布信息860条，本年制发规章0件。"
PROSE = {"一": [OVERVIEW], "六": ["无。"]}


def _data() -> dict[str, Any]:
    return put(
        zero_data(2023, "某某区文体旅游局"),
        {
            "active.licensing.decisions": 2,
            "active.normative_documents.in_force": 5,
            "active.fees.amount": 1.5,
        },
    )


def _move_above_heading(text: str, numeral: str, following: str) -> str:
    """The lines of a section (its table) moved above its heading, as the page prints them."""
    lines = text.splitlines()
    heading, end = lines.index(HEADINGS[numeral]), lines.index(HEADINGS[following])
    return "\n".join([*lines[:heading], *lines[heading + 1 : end], lines[heading], *lines[end:]]) + "\n"


def _paragraphs(imported: Any, section: str) -> list[str]:
    return [b.text for b in imported.draft.blocks if b.kind == "paragraph" and b.section == section]


@pytest.mark.parametrize("dialect", ["pipe_lines", "pipe_rows", "markdown", "blank_lines", "spaced"])
def test_table_printed_above_its_heading_is_read_as_its_section(dialect: str) -> None:
    data = _data()
    text = _move_above_heading(report_text(data, dialect, head=HEAD, prose=PROSE), "二", "三")
    assert text.index("行政许可") < text.index(HEADINGS["二"])  # the form itself
    imported = import_text(text)
    assert_every_cell(imported, data)
    assert _paragraphs(imported, "overview") == [OVERVIEW]
    assert any(b.kind == "table" and b.section == "active" for b in imported.draft.blocks)


def test_prose_above_a_heading_without_its_table_is_not_read_as_the_table() -> None:
    # Section 一 ends in sentences naming table 二's rows with numbers; table 二 itself is left out.
    prose = {
        "一": ["本年制发规章0件，行政规范性文件3件。", "行政许可2件，行政处罚5件。"],
        "六": ["无。"],
    }
    text = report_text(_data(), "pipe_lines", head=HEAD, prose=prose, skip_tables=("active",))
    imported = import_text(text)
    active = {k: v for k, v in cells(imported.data).items() if k.startswith("active.")}
    assert set(active.values()) == {None}
    assert any(i.kind == "missing_table" and i.cells for i in imported.issues)
    assert "".join(_paragraphs(imported, "overview")) == "".join(prose["一"])


def test_a_block_holding_another_table_too_stays_where_it_is(example_2021: dict[str, Any]) -> None:
    # Table 三 printed above heading 三, straight after table 二 under its own heading: the lines
    # above heading 三 are not table 三 alone, so nothing moves and table 二 is still read whole.
    data = busy_2021(example_2021, "某某市市场监督管理局")
    head = ["某某市市场监督管理局2024年政府信息公开工作年度报告"]
    text = _move_above_heading(report_text(data, "pipe_lines", head=head), "三", "四")
    imported = import_text(text)
    got, want = cells(imported.data), cells(data)
    assert {k: (got[k], want[k]) for k in want if got[k] is not None and got[k] != want[k]} == {}
    assert all(got[k] == want[k] for k in want if k.startswith("active."))
