"""Tables as `pdftotext -layout` prints them: cells placed by column position (issue 10).

Crafted fixtures in the shape of real PDF text layers read with `pdftotext -layout`: figures left
at their column's place (a character to either side from row to row), a group label printed down
the margin, a long label wrapped with its figures on a line of their own, a page break that moves
every column. A cell printed empty leaves only spaces; where the rows around give the columns, it
is read as blank, and nothing uncertain is placed. A wrong value is worse than an unread cell.
"""

from __future__ import annotations

from typing import Any

import pytest

from report_copilot.inputs.published import import_text
from report_copilot.inputs.published.layout_columns import mark_layout_blanks
from report_copilot.inputs.published.model import BLANK_MARK
from report_copilot.model.formats import TableDef, load_format
from tests.review.real_forms import report_text

COLUMNS = (45, 51, 58, 64, 68, 72, 78)
"""Where a real report's text layer puts the seven columns of table 三 (characters from the left)."""


def _table(table_id: str = "requests") -> TableDef:
    return next(t for t in load_format("2021").tables if t.id == table_id)


def _row(label: str, values: list[str], starts: tuple[int, ...] = COLUMNS, indent: int = 10) -> str:
    """A row as the text layer prints it: the label, then each figure at its column's start."""
    line = " " * indent + label
    for start, value in zip(starts, values, strict=True):
        if value:
            line = line.ljust(start - 1) + " " + value if len(line) >= start else line.ljust(start) + value
    return line


ZEROS = ["0"] * 7
HEADER = [
    "三、收到和处理政府信息公开申请情况",
    " " * 56 + "申请人情况",
    " " * 45 + "自然人         社会 法律                总计",
    " " * 51 + "商业 科研 公益 服务 其他",
]


def _section(rows: list[str]) -> str:
    return "\n".join([*HEADER, *rows])


def _figures_after(text: str, label: str) -> str:
    line = next(x for x in text.splitlines() if label in x)
    return line[line.index(label) + len(label) :].strip()


def test_a_short_row_is_placed_by_the_columns_of_the_rows_around_it() -> None:
    rows = [
        _row("一、本年新收政府信息公开申请数量", ["21", "3", "0", "0", "0", "1", "25"], indent=0),
        _row("二、上年结转政府信息公开申请数量", ["2", "0", "0", "0", "0", "0", "2"], indent=0),
        _row("（一）予以公开", ["12", "", "", "", "", "1", "13"]),
        _row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["4", "1", "0", "0", "0", "0", "5"]),
        _row("1.属于国家秘密", ["1", "0", "0", "0", "0", "0", "1"], indent=20),
    ]
    marked = mark_layout_blanks(_table(), _section(rows))
    assert _figures_after(marked, "（一）予以公开").split() == ["12", *[BLANK_MARK] * 4, "1", "13"]


def test_a_figure_of_several_digits_in_a_narrow_column_is_placed_where_it_overlaps() -> None:
    rows = [
        _row("一、本年新收政府信息公开申请数量", ["3001", "53", "0", "0", "61", "4", "3119"], indent=0),
        _row("二、上年结转政府信息公开申请数量", ["34", "0", "0", "0", "0", "0", "34"], indent=0),
        _row("（一）予以公开", ["1288", "21", "", "", "50", "3", "1362"]),
        _row(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ["447", "7", "0", "0", "0", "0", "454"],
        ),
        _row("1.属于国家秘密", ["2", "0", "0", "0", "0", "0", "2"], indent=20),
    ]
    marked = mark_layout_blanks(_table(), _section(rows))
    assert _figures_after(marked, "（一）予以公开").split() == [
        "1288",
        "21",
        BLANK_MARK,
        BLANK_MARK,
        "50",
        "3",
        "1362",
    ]


def test_figures_between_two_columns_or_over_two_are_left_unplaced() -> None:
    rows = [
        _row("一、本年新收政府信息公开申请数量", ZEROS, indent=0),
        _row("二、上年结转政府信息公开申请数量", ZEROS, indent=0),
        # 12 starts two characters right of 自然人's figures, 1000 reaches over 商业企业 and 科研机构.
        _row("（一）予以公开", ["", "", "", "", "", "", ""]) + " " * 37 + "12" + " " * 4 + "1000",
        _row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ZEROS),
        _row("1.属于国家秘密", ZEROS, indent=20),
    ]
    region = _section(rows)
    assert mark_layout_blanks(_table(), region) == region


def test_a_short_row_where_a_page_break_moved_the_columns_stays_unread() -> None:
    page_two = (39, 44, 48, 52, 57, 62, 66)
    rows = [
        _row("1.本机关不掌握相关政府信息", ["10", "0", "0", "0", "0", "0", "10"], indent=20),
        _row("2.没有现成信息需要另行制作", ["3", "0", "0", "0", "0", "0", "3"], indent=20),
        "",
        " " * 72 + "-3-",
        _row("3.补正后申请内容仍不明确", ["1", "", "", "", "", "", "1"], page_two, indent=17),
        _row("1.信访举报投诉类申请", ["1", "0", "0", "0", "0", "0", "1"], page_two, indent=17),
        _row("2.重复申请", ["0", "0", "0", "0", "0", "0", "0"], page_two, indent=17),
    ]
    region = _section(rows)
    marked = mark_layout_blanks(_table(), region)
    assert BLANK_MARK not in marked  # the rows above and below place its figures differently


def test_a_short_row_with_no_full_row_on_one_side_stays_unread() -> None:
    """The last row of a table may stand alone on the next page, its columns moved: the rows above
    alone do not say where its figures stand."""
    rows = [
        _row("（六）其他处理", ZEROS, indent=5),
        _row("（七）总计", ["21", "0", "0", "0", "0", "0", "21"], indent=5),
        _row("四、结转下年度继续办理", ["2", "", "", "", "", "", "2"], indent=0),
    ]
    region = _section(rows)
    assert mark_layout_blanks(_table(), region) == region


def test_a_crawl_with_single_spaces_says_nothing_of_columns() -> None:
    rows = [
        "一、本年新收政府信息公开申请数量 21 3 0 0 0 1 25",
        "二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2",
        "（一）予以公开 12 1 13",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 4 1 0 0 0 0 5",
    ]
    region = _section(rows)
    assert mark_layout_blanks(_table(), region) == region


def test_a_label_printed_with_no_figures_between_rows_is_a_blank_row() -> None:
    rows = [
        _row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ZEROS),
        _row("1.属于国家秘密", ["1", "0", "0", "0", "0", "0", "1"], indent=20),
        " 三 、本 年 度办 理 结果",  # a margin label is no row's figures, but it is not margin text
        "本",
        _row("2.其他法律行政法规禁止公开", [""] * 7, indent=20),
        "年",
        _row("3.危及“三安全一稳定”", ZEROS, indent=20),
        _row("4.保护第三方合法权益", [""] * 7, indent=20),
        "          （三）不予公开",
        _row("5.属于三类内部事务信息", ZEROS, indent=20),
    ]
    marked = mark_layout_blanks(_table(), _section(rows))
    assert _figures_after(marked, "2.其他法律行政法规禁止公开").split() == [BLANK_MARK] * 7
    assert _figures_after(marked, "4.保护第三方合法权益").split() == [BLANK_MARK] * 7


def test_a_wrapped_label_whose_figures_stand_on_a_line_of_their_own_is_not_blank() -> None:
    rows = [
        _row("4.无正当理由大量反复申请", ZEROS, indent=17),
        " " * 17 + "5.要求行政机关确认或重 新出具",
        " " * 21 + "已获取信息",
        _row("", ["1", "0", "0", "0", "0", "0", "1"], indent=0),
        _row("（七）总计", ZEROS, indent=5),
        " " * 17 + "（二）部分公开（区分处理的，只计这一情 形，不",
        " " * 17 + "计其他情形）",
    ]
    marked = mark_layout_blanks(_table(), _section(rows))
    assert BLANK_MARK not in marked


def test_a_label_whose_figures_may_stand_above_it_is_not_blank() -> None:
    rows = [
        _row("1.属于国家秘密", ZEROS, indent=20),
        _row("", ["1", "0", "0", "0", "0", "0", "1"], indent=0),  # whose? the row above or below
        _row("2.其他法律行政法规禁止公开", [""] * 7, indent=20),
        _row("3.危及“三安全一稳定”", ZEROS, indent=20),
    ]
    marked = mark_layout_blanks(_table(), _section(rows))
    assert BLANK_MARK not in marked


@pytest.fixture
def layout_report(example_2021: dict[str, Any]) -> str:
    """A whole report whose table 三 is a text layer's, some cells printed empty."""
    example_2021.pop("previous", None)
    text = report_text(example_2021, "pdf_layout", head=["某某市生态环境局2024年政府信息公开工作年度报告"])
    start, end = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    rows = [
        _row("一、本年新收政府信息公开申请数量", ["21", "3", "0", "0", "0", "1", "25"], indent=0),
        _row("二、上年结转政府信息公开申请数量", ["2", "", "", "", "", "", "2"], indent=0),
        _row("（一）予以公开", ["12", "3", "0", "0", "0", "1", "16"]),
        _row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ZEROS),
        _row("1.属于国家秘密", [""] * 7, indent=20),
        "本",
        _row("2.其他法律行政法规禁止公开", ["1", "", "", "", "", "", "1"], indent=20),
        "年",
        _row("3.危及“三安全一稳定”", ZEROS, indent=20),
    ]
    return text[:start] + _section(rows) + "\n" + text[end:]


def test_a_laid_out_report_reads_its_blank_cells_as_blank(layout_report: str) -> None:
    imported = import_text(layout_report)
    requests = imported.data["requests"]
    assert requests["carried_over"] == {
        "natural_person": 2, "business": None, "research": None, "public_interest": None,
        "legal_services": None, "other_org": None, "total": 2,
    }  # fmt: skip
    assert requests["new"]["total"] == 25
    assert requests["denied"]["prohibited_by_law"]["natural_person"] == 1
    assert requests["denied"]["prohibited_by_law"]["total"] == 1
    assert set(requests["denied"]["state_secret"].values()) == {None}
    blank = {cid for issue in imported.issues if issue.kind == "blank" for cid in issue.cells}
    assert "requests.carried_over.research" in blank
    assert "requests.denied.state_secret.total" in blank
    assert "requests.denied.prohibited_by_law.business" in blank
    assert requests["granted"]["total"] == 16


FLATTENED = [
    _row("（一）予以公开", ["12", "3", "0", "0", "0", "1", "16"]),
    _row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ZEROS),
    _row("1.属于国家秘密", ["1", "0", "0", "0", "0", "0", "1"], indent=20),
    "本",
    _row("2.其他法律行政法规禁止公开", [""] * 7, indent=20),
    "年",
    _row("3.危及“三安全一稳定”", ["2", "", "", "", "", "", "2"], indent=20),
    "度",
    _row("4.保护第三方合法权益", ZEROS, indent=20),
]


def test_a_laid_out_table_flattened_onto_one_line_keeps_its_blank_rows() -> None:
    """A crawl that stored a text layer's table on one line: the rows are cut apart again, a row
    printed empty between margin characters is blank; a short row is not placed (the columns' places
    went with the line breaks)."""
    marked = mark_layout_blanks(_table(), " ".join([*HEADER, *FLATTENED]))
    assert _figures_after(marked, "2.其他法律行政法规禁止公开").split() == [BLANK_MARK] * 7
    assert _figures_after(marked, "3.危及“三安全一稳定”").split() == ["2", "2"]
    assert _figures_after(marked, "1.属于国家秘密").split() == ["1", "0", "0", "0", "0", "0", "1"]


def test_a_margin_character_after_a_flattened_row_is_not_its_cell(example_2021: dict[str, Any]) -> None:
    """三、本年度办理结果 down the margin: on one line "… 0 1 本     2.其他…"; the 本 (and a 无 of
    （四）无法提供) is the margin's, not an eighth cell of the row before it."""
    example_2021.pop("previous", None)
    text = report_text(example_2021, "pdf_layout", head=["某某市生态环境局2024年政府信息公开工作年度报告"])
    start, end = text.index("三、收到和处理"), text.index("四、政府信息公开行政复议")
    rows = [
        _row("一、本年新收政府信息公开申请数量", ["21", "3", "0", "0", "0", "1", "25"], indent=0),
        _row("二、上年结转政府信息公开申请数量", ["2", "0", "0", "0", "0", "0", "2"], indent=0),
        *FLATTENED[:6],
        _row("3.危及“三安全一稳定”", ["2", "0", "0", "0", "0", "0", "2"], indent=20),
        "无",
        *FLATTENED[8:],
    ]
    flat = text[:start] + " ".join([*HEADER, *rows]) + "\n" + text[end:]
    requests = import_text(flat).data["requests"]
    assert requests["denied"]["security_stability"]["total"] == 2
    assert requests["denied"]["security_stability"]["natural_person"] == 2
    assert set(requests["denied"]["prohibited_by_law"].values()) == {None}
    assert requests["granted"]["total"] == 16


def test_a_figure_glued_to_its_label_is_not_a_blank_first_cell() -> None:
    """A text layer that glues a row's first figure to its label ("…重新出具0  0 …") holds all seven
    figures: the row is not taken for a short one with its first cell blank."""
    glued = _row("5.要求行政机关确认或重新出具", ["", "0", "0", "0", "0", "0", "1"], indent=30)
    assert glued[30:46] == "5.要求行政机关确认或重新出具 "  # the label reaches 自然人's column
    rows = [
        _row("4.无正当理由大量反复申请", ZEROS, indent=17),
        glued[:45] + "1" + glued[46:],
        _row("（七）总计", ZEROS, indent=5),
    ]
    region = _section(rows)
    assert mark_layout_blanks(_table(), region) == region


def _with_normative_row(example: dict[str, Any], figures: str) -> str:
    """The laid-out report with table 二's 行政规范性文件 row printed as `figures`."""
    example.pop("previous", None)
    text = report_text(example, "pdf_layout", head=["某某市生态环境局2024年政府信息公开工作年度报告"])
    row = next(x for x in text.splitlines() if x.strip().startswith("行政规范性文件"))
    return text.replace(row, "    行政规范性文件" + figures)


@pytest.mark.parametrize("figures", ["                          126", "    126", "          39    126"])
def test_a_lone_figure_after_a_layout_gap_is_never_cut_into_cells(
    example_2021: dict[str, Any], figures: str
) -> None:
    """Zeros printed blank in a laid-out table: "行政规范性文件        126" holds one figure for three
    columns, whose column no full row tells. It is listed unread, never read one digit a cell
    (1 | 2 | 6), however far from the label it stands."""
    imported = import_text(_with_normative_row(example_2021, figures))
    assert set(imported.data["active"]["normative_documents"].values()) == {None}
    where = [i for i in imported.issues if i.location == "active.normative_documents"]
    assert where and where[0].kind in {"unreadable", "ambiguous"} and "126" in where[0].message
    assert imported.data["active"]["licensing"]["decisions"] == 2134  # the rest is read as before


def test_digits_glued_to_their_label_in_a_crawl_are_still_cut_one_a_cell(
    example_2021: dict[str, Any],
) -> None:
    """The same row in a one-line crawl ("行政规范性文件417", no layout anywhere): its three digits for
    three cells are the one split there is, as before."""
    example_2021.pop("previous", None)
    text = report_text(example_2021, "digit_runs", head=["某某市生态环境局2024年政府信息公开工作年度报告"])
    start = text.index("行政规范性文件")
    end = text.index("第二十条第（五）项", start)
    crawl = text[:start] + "行政规范性文件417" + text[end:]
    assert import_text(crawl).data["active"]["normative_documents"] == {
        "issued": 4, "abolished": 1, "in_force": 7,
    }  # fmt: skip


def test_a_lone_figure_on_its_own_line_in_a_text_printed_one_cell_a_line_is_one_figure(
    example_2021: dict[str, Any],
) -> None:
    """Plain `pdftotext` prints a table one cell a paragraph; a blank cell leaves nothing. Table 二's
    行政规范性文件 row with two cells blank is its label and "126": one figure, left unread."""
    example_2021.pop("previous", None)
    text = report_text(example_2021, "blank_lines", head=["某某市生态环境局2024年政府信息公开工作年度报告"])
    start = text.index("行政规范性文件")
    end = text.index("第二十条第（五）项", start)
    plain = text[:start] + "行政规范性文件\n\n126\n\n" + text[end:]
    imported = import_text(plain)
    assert set(imported.data["active"]["normative_documents"].values()) == {None}
    assert imported.data["active"]["regulations"] == {"issued": 0, "abolished": 0, "in_force": 0}
    assert imported.data["active"]["licensing"]["decisions"] == 2134


# Zeros printed as empty cells: hardly a row is printed in full, the columns are told by the places
# of all the figures of a page of the block (its rows whose totals stand in one place) and the header.

PART = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
SPARSE = [
    _row("一、本年新收政府信息公开申请数量", ["21", "", "", "", "", "", "21"], indent=0),
    _row("二、上年结转政府信息公开申请数量", ["2", "", "", "", "", "", "2"], indent=0),
    _row("（一）予以公开", ["12", "", "", "", "", "", "12"]),
    _row(PART, ["4", "", "", "", "", "", "4"]),
    _row("1.属于国家秘密", ["1", "", "", "", "", "", "1"], indent=20),
]


def test_under_the_header_the_first_and_last_places_are_the_first_column_and_the_total() -> None:
    marked = mark_layout_blanks(_table(), _section(SPARSE))
    for label, figure in [("一、本年新收政府信息公开申请数量", "21"), ("（一）予以公开", "12")]:
        assert _figures_after(marked, label).split() == [figure, *[BLANK_MARK] * 5, figure]
    # The run's last row may stand beyond a page break: left as printed.
    assert _figures_after(marked, "1.属于国家秘密").split() == ["1", "1"]


def test_a_figure_in_a_column_the_header_does_not_tell_keeps_its_row_unread() -> None:
    rows = [*SPARSE]
    rows[2] = _row("（一）予以公开", ["12", "", "", "3", "", "", "15"])
    marked = mark_layout_blanks(_table(), _section(rows))
    assert _figures_after(marked, "（一）予以公开").split() == ["12", "3", "15"]
    assert _figures_after(marked, "二、上年结转政府信息公开申请数量").split() == ["2", *[BLANK_MARK] * 5, "2"]


def test_figures_under_the_first_word_of_a_header_line_are_that_columns() -> None:
    marked = mark_layout_blanks(_table(), _section(_sparse(COLUMNS, column=1)))
    assert _figures_after(marked, "（一）予以公开").split() == [BLANK_MARK, "12", *[BLANK_MARK] * 4, "12"]


def test_figures_under_a_header_word_printed_after_another_on_its_line_are_not_placed() -> None:
    """商业 科研 公益 服务 其他: each word stands left of its column, 其他 over 公益组织's figures."""
    region = _section(_sparse(COLUMNS, column=3))
    assert mark_layout_blanks(_table(), region) == region


def _sparse(starts: tuple[int, ...], column: int = 0) -> list[str]:
    """SPARSE's rows with their figure in the given column, the columns standing at `starts`."""
    out = []
    for line in SPARSE:
        label, figure, total = line.split()
        assert figure == total
        values = [""] * 7
        values[column], values[6] = figure, total
        out.append(_row(label, values, starts))
    return out


def test_a_header_word_pushed_by_a_cjk_word_before_it_tells_no_column() -> None:
    header = [*HEADER]
    header[2] = "（本列数据的勾稽关系为）" + header[2][12:]
    region = "\n".join([*header, *SPARSE])
    assert mark_layout_blanks(_table(), region) == region


def test_rows_whose_total_stands_far_from_the_headers_total_are_not_placed() -> None:
    """A page break between the header and the rows moves every column: the first one's figures
    still meet 自然人, the total's stand six characters from 总计."""
    moved = (44, 50, 55, 59, 62, 66, 70)
    region = _section(_sparse(moved))
    assert mark_layout_blanks(_table(), region) == region


def test_a_page_whose_figures_fill_every_column_places_its_short_rows() -> None:
    page_two = (39, 44, 48, 52, 57, 62, 66)
    rows = [
        *SPARSE[:2],
        "",
        " " * 72 + "-3-",
        _row("（一）予以公开", ["12", "1", "", "", "", "", "13"], page_two),
        _row(PART, ["", "", "2", "3", "", "", "5"], page_two),
        _row("1.属于国家秘密", ["", "", "", "", "1", "2", "3"], page_two, indent=20),
        _row("2.其他法律行政法规禁止公开", ["1", "", "", "", "", "", "1"], page_two, indent=20),
    ]
    marked = mark_layout_blanks(_table(), _section(rows))
    assert _figures_after(marked, PART).split() == [
        BLANK_MARK,
        BLANK_MARK,
        "2",
        "3",
        BLANK_MARK,
        BLANK_MARK,
        "5",
    ]
    assert _figures_after(marked, "1.属于国家秘密").split() == [*[BLANK_MARK] * 4, "1", "2", "3"]
    # The page's first and last rows: the page's places alone do not tell they are its own.
    assert _figures_after(marked, "（一）予以公开").split() == ["12", "1", "13"]
    assert _figures_after(marked, "2.其他法律行政法规禁止公开").split() == ["1", "1"]


def test_figures_standing_a_character_or_two_apart_under_one_first_word_are_one_column() -> None:
    rows = _sparse(COLUMNS)
    rows[1:3] = _sparse((48, *COLUMNS[1:]))[1:3]  # 2 and 12 apart from 21 and 4, right of them
    marked = mark_layout_blanks(_table(), _section(rows))
    assert _figures_after(marked, "（一）予以公开").split() == ["12", *[BLANK_MARK] * 5, "12"]
    assert _figures_after(marked, "一、本年新收政府信息公开申请数量").split() == [
        "21",
        *[BLANK_MARK] * 5,
        "21",
    ]
