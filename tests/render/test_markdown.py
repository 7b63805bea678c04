"""Markdown export: round trip through Draft.from_markdown, golden files, and every number equals the data."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from report_copilot.errors import CopilotError
from report_copilot.model.cells import CellValues
from report_copilot.model.draft import Block, Draft
from report_copilot.model.report import ReportBase
from report_copilot.render.layout import UNCHECKED_MARK, table_layout
from report_copilot.render.markdown import render_markdown
from tests.conftest import set_cell
from tests.render.drafts import report_and_draft

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def html_grid(soup_table: Any) -> dict[tuple[int, int], str]:
    """Expand an HTML table with rowspan/colspan into grid positions → text."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(soup_table.find_all("tr")):
        c = 0
        for cell in tr.find_all(["th", "td"]):
            while (r, c) in grid:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for i in range(rs):
                for j in range(cs):
                    grid[(r + i, c + j)] = cell.get_text()
            c += cs
    return grid


def expected_number(values: CellValues, cell_id: str) -> str:
    value = values.get(cell_id)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else str(value)


def printed_number(text: str) -> str:
    text = text.removesuffix("元").removesuffix("万")
    return format(Decimal(text).normalize(), "f") if text else ""


def assert_tables_match_data(markdown: str, report: ReportBase) -> int:
    soup = BeautifulSoup(markdown, "html.parser")
    values = CellValues.of(report)
    checked = 0
    for table in soup.find_all("table"):
        layout = table_layout(report.format, table["data-table"])
        grid = html_grid(table)
        assert len(grid) == layout.n_rows * layout.n_cols
        for cell in layout.value_cells():
            assert cell.cell_id is not None
            assert printed_number(grid[(cell.row, cell.col)]) == expected_number(values, cell.cell_id), (
                cell.cell_id
            )
            checked += 1
    return checked


@pytest.mark.parametrize("fixture", ["example_2021", "seed_2019"])
def test_round_trip_gives_the_same_blocks(fixture: str, request: pytest.FixtureRequest) -> None:
    report, draft = report_and_draft(request.getfixturevalue(fixture))
    back = Draft.from_markdown(render_markdown(draft, report))
    assert back == draft


def test_unchecked_mark_is_visible_and_not_read_back_as_prose(example_2021: dict[str, Any]) -> None:
    report, draft = report_and_draft(example_2021)
    marked = render_markdown(draft, report, unchecked_mark=True)
    assert UNCHECKED_MARK in marked.splitlines()[0]
    assert UNCHECKED_MARK not in render_markdown(draft, report)
    assert Draft.from_markdown(marked) == draft


@pytest.mark.parametrize(
    ("fixture", "golden"), [("example_2021", "yunxi-amr-2024.md"), ("seed_2019", "guyuan-2019.md")]
)
def test_golden_markdown(fixture: str, golden: str, request: pytest.FixtureRequest) -> None:
    report, draft = report_and_draft(request.getfixturevalue(fixture))
    text = render_markdown(draft, report)
    path = GOLDEN / golden
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"golden differs; regenerate with UPDATE_GOLDEN=1 ({path})"
    )


@pytest.mark.parametrize("fixture", ["example_2021", "seed_2019"])
def test_every_table_number_equals_the_data(fixture: str, request: pytest.FixtureRequest) -> None:
    report, draft = report_and_draft(request.getfixturevalue(fixture))
    checked = assert_tables_match_data(render_markdown(draft, report), report)
    assert checked == len(report.format.cells)


def test_omitted_totals_are_printed_computed(example_2021: dict[str, Any]) -> None:
    data = set_cell(example_2021, "requests.total.total", None)
    data = set_cell(data, "appeals.review.total", None)
    report, draft = report_and_draft(data)
    markdown = render_markdown(draft, report)
    assert_tables_match_data(markdown, report)
    soup = BeautifulSoup(markdown, "html.parser")
    appeals = html_grid(soup.find("table", attrs={"data-table": "appeals"}))
    assert appeals[(3, 4)] == "4"  # 2 + 1 + 0 + 1, computed


def test_amount_keeps_its_decimals(example_2021: dict[str, Any]) -> None:
    report, draft = report_and_draft(set_cell(example_2021, "active.fees.amount", "12.3050"))
    assert ">12.3050</td>" in render_markdown(draft, report)


def test_money_keeps_its_unit(seed_2019: dict[str, Any]) -> None:
    report, draft = report_and_draft(set_cell(seed_2019, "active.procurement.amount", "251000元"))
    assert ">251000元</td>" in render_markdown(draft, report)


def test_requests_header_is_merged_as_in_the_official_table(example_2021: dict[str, Any]) -> None:
    report, draft = report_and_draft(example_2021)
    soup = BeautifulSoup(render_markdown(draft, report), "html.parser")
    table = soup.find("table", attrs={"data-table": "requests"})
    note = table.find("th", string=report.format.table("requests").note)
    assert (note["rowspan"], note["colspan"]) == ("3", "3")
    assert table.find("th", string="申请人情况")["colspan"] == "7"
    assert table.find("th", string="法人或其他组织")["colspan"] == "5"
    assert table.find("th", string="（三）不予公开")["rowspan"] == "8"
    assert table.find("th", string="（六）其他处理")["rowspan"] == "3"
    assert table.find("th", string="三、本年度办理结果")["rowspan"] == "22"


def test_seed_2019_other_processing_is_a_single_row(seed_2019: dict[str, Any]) -> None:
    report, draft = report_and_draft(seed_2019)
    soup = BeautifulSoup(render_markdown(draft, report), "html.parser")
    table = soup.find("table", attrs={"data-table": "requests"})
    other = table.find("th", string="（六）其他处理")
    assert other["colspan"] == "2" and other.get("rowspan") is None
    assert table.find("th", string="三、本年度办理结果")["rowspan"] == "20"


def test_appeals_header_has_three_levels_and_fifteen_numbers(seed_2019: dict[str, Any]) -> None:
    report, draft = report_and_draft(seed_2019)
    soup = BeautifulSoup(render_markdown(draft, report), "html.parser")
    rows = soup.find("table", attrs={"data-table": "appeals"}).find_all("tr")
    assert [th.get_text() for th in rows[0].find_all("th")] == ["行政复议", "行政诉讼"]
    assert [th.get("colspan") for th in rows[0].find_all("th")] == ["5", "10"]
    assert len(rows[3].find_all("td")) == 15
    # the seed's published figures, including its T4-1 error, are printed as given
    assert [td.get_text() for td in rows[3].find_all("td")][10:] == ["1", "0", "0", "1", "0"]


def test_draft_without_signature_ends_with_agency_and_date(example_2021: dict[str, Any]) -> None:
    report, draft = report_and_draft(example_2021)
    unsigned = Draft(title=draft.title, blocks=[b for b in draft.blocks if b.kind != "signature"])
    last = render_markdown(unsigned, report).strip().splitlines()[-1]
    assert last == "<!-- signature -->云溪市市场监督管理局 2025年1月20日"


def test_unknown_table_is_a_clear_error(example_2021: dict[str, Any]) -> None:
    report, draft = report_and_draft(example_2021)
    broken = Draft(title=draft.title, blocks=[*draft.blocks, Block(kind="table", text="procurement")])
    with pytest.raises(CopilotError, match="procurement"):
        render_markdown(broken, report)


def test_multi_line_paragraph_is_one_line(example_2021: dict[str, Any]) -> None:
    report, draft = report_and_draft(example_2021)
    wrapped = Draft(title=draft.title, blocks=[Block(kind="paragraph", text="第一行\n第二行")])
    assert "第一行第二行" in render_markdown(wrapped, report).splitlines()
