"""`copilot import` / `copilot audit` on the forms real published reports take (crafted fixtures).

Every fixture reproduces a form seen in published reports (see tests/review/real_forms.py for the
dialects): the agencies, prose and figures are invented. Each test asserts every cell of the report
— read, blank, read as 0 from a "/" — or that a cell that cannot be placed is reported, never guessed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.json_input import report_from_data
from report_copilot.inputs.published import ImportedReport, import_published, import_text
from report_copilot.model.report import raw_cell_values
from report_copilot.service.review import audit_file
from tests.review.real_forms import put, report_html, report_text, zero_data

runner = CliRunner()


def cells(data: dict[str, Any]) -> dict[str, Any]:
    return raw_cell_values(report_from_data(data, with_previous=False))


def assert_every_cell(
    imported: ImportedReport,
    expected: dict[str, Any],
    *,
    blank: set[str] = frozenset(),  # type: ignore[assignment]
    na: set[str] = frozenset(),  # type: ignore[assignment]
    unplaced: set[str] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Every cell as in `expected`, except: blank in the source (None, issue "blank"), printed "/"
    (0, issue "na"), and cells the source does not let one place (None, reported as unreadable)."""
    got, want = cells(imported.data), cells(expected)
    for cid in blank | unplaced:
        want[cid] = None
    for cid in na:
        want[cid] = 0
    assert {k: (got[k], want[k]) for k in want if got[k] != want[k]} == {}
    kinds: dict[str, set[str]] = {}
    for issue in imported.issues:
        for cid in issue.cells:
            kinds.setdefault(cid, set()).add(issue.kind)
    assert {c for c, k in kinds.items() if "blank" in k} == set(blank)
    assert {c for c, k in kinds.items() if "na" in k} == set(na)
    unreadable = {
        c for c, k in kinds.items() if k & {"unreadable", "missing_row", "missing_table", "ambiguous"}
    }
    assert unreadable == set(unplaced)


def busy_2021(example_2021: dict[str, Any], agency: str) -> dict[str, Any]:
    example_2021.pop("previous", None)
    example_2021["meta"]["agency"] = agency
    return example_2021


def busy_2020(agency: str) -> dict[str, Any]:
    """A 2019-format report with activity in every table, all identities holding."""
    data = zero_data(2020, agency)
    return put(
        data,
        {
            "active.normative_documents.produced": 3,
            "active.normative_documents.published": 3,
            "active.normative_documents.total_published": 17,
            "active.licensing.previous_items": 21,
            "active.licensing.change": 19,
            "active.licensing.decisions": 40,
            "active.other_services.previous_items": 5,
            "active.other_services.change": -1,
            "active.other_services.decisions": 30,
            "active.penalty.previous_items": 4,
            "active.penalty.decisions": 93,
            "active.procurement.projects": 13,
            "active.procurement.amount": "477.35万元",
            "requests.new.natural_person": 9,
            "requests.new.business": 2,
            "requests.new.total": 11,
            "requests.carried_over.natural_person": 1,
            "requests.carried_over.total": 1,
            "requests.granted.natural_person": 4,
            "requests.granted.business": 1,
            "requests.granted.total": 5,
            "requests.partially_granted.natural_person": 2,
            "requests.partially_granted.total": 2,
            "requests.unavailable.not_held.natural_person": 2,
            "requests.unavailable.not_held.business": 1,
            "requests.unavailable.not_held.total": 3,
            "requests.other.natural_person": 1,
            "requests.other.total": 1,
            "requests.total.natural_person": 9,
            "requests.total.business": 2,
            "requests.total.total": 11,
            "requests.carried_forward.natural_person": 1,
            "requests.carried_forward.total": 1,
            "appeals.review.upheld": 1,
            "appeals.review.total": 1,
            "appeals.direct_suit.pending": 1,
            "appeals.direct_suit.total": 1,
        },
    )


PRESET = ["根据《中华人民共和国政府信息公开条例》规定，现公布{agency}{year}年政府信息公开工作年度报告。"]


# --------------------------------------------------------------------------------- cell borders (|)


def test_one_cell_per_line_with_borders_blank_cells_and_slashes() -> None:
    """ "规章 |\\n/ |", empty cells as lone "|", rows padded with "||", only 总计 filled in."""
    data = zero_data(2023, "青禾县统计局")
    blank = {
        f"requests.{row}.{col}"
        for row in ("new", "carried_over")
        for col in (
            "natural_person",
            "business",
            "research",
            "public_interest",
            "legal_services",
            "other_org",
        )
    }
    slash = {f"active.regulations.{c}" for c in ("issued", "abolished", "in_force")}
    overrides = {cid: "" for cid in blank} | {cid: "/" for cid in slash}
    text = report_text(
        data,
        "pipe_lines",
        head=[PRESET[0].format(agency="区统计局", year=2023)],
        overrides=overrides,
    )
    imported = import_text(text)
    assert imported.data["meta"] == {"agency": "区统计局", "year": 2023, "format": "2021"}
    assert_every_cell(imported, data, blank=blank, na=slash)
    (na,) = [i for i in imported.issues if i.kind == "na"]
    assert "「/」" in na.message and "按 0 导入" in na.message


@pytest.mark.parametrize("dialect", ["pipe_rows", "markdown", "row_marker_lines", "pipe_lines"])
def test_busy_2021_report_in_every_border_dialect(example_2021: dict[str, Any], dialect: str) -> None:
    data = busy_2021(example_2021, "青禾县市场监督管理局")
    text = report_text(data, dialect, head=["青禾县市场监督管理局", "2024年政府信息公开工作年度报告"])
    imported = import_text(text)
    assert imported.data["meta"]["agency"] == "青禾县市场监督管理局"
    assert_every_cell(imported, data)
    assert imported.complete


@pytest.mark.parametrize("dialect", ["pipe_rows", "markdown", "row_marker_lines", "pipe_lines"])
def test_busy_2019_format_report_with_signed_change_and_amount(dialect: str) -> None:
    data = busy_2020("青禾县白石街道办事处")
    text = report_text(
        data,
        dialect,
        head=["青禾县白石街道办事处2020年政府信息公开工作年度报告"],
        overrides={"active.licensing.change": "+19", "active.procurement.amount": "477.35"},
    )
    imported = import_text(text)
    assert imported.format_id == "2019"
    expected = put(json.loads(json.dumps(data)), {"active.procurement.amount": 477.35})
    assert_every_cell(imported, expected)


def test_a_blank_cell_inside_a_bordered_row_stays_in_its_column(example_2021: dict[str, Any]) -> None:
    data = busy_2021(example_2021, "青禾县林业局")
    text = report_text(
        data,
        "pipe_rows",
        head=["青禾县林业局2024年政府信息公开工作年度报告"],
        overrides={"active.normative_documents.abolished": "", "requests.granted.research": ""},
    )
    imported = import_text(text)
    assert_every_cell(
        imported, data, blank={"active.normative_documents.abolished", "requests.granted.research"}
    )


def test_a_row_with_fewer_cells_than_columns_is_not_guessed() -> None:
    """A crawl that lost empty cells ("一、本年新收… |\\n3 |\\n3 |\\n|||||||"): which columns hold
    the two 3s cannot be known, so the row is reported, not filled from the left."""
    data = put(
        zero_data(2019, "青禾县水利局"),
        {"requests.new.natural_person": 3, "requests.new.total": 3},
    )
    text = report_text(data, "pipe_lines", head=["青禾县水利局2019年政府信息公开工作年度报告"])
    text = text.replace(
        "一、本年新收政府信息公开申请数量 |\n3 |\n0 |\n0 |\n0 |\n0 |\n0 |\n3 |\n",
        "一、本年新收政府信息公开申请数量 |\n3 |\n3 |\n|||||||\n",
    )
    imported = import_text(text)
    row = {f"requests.new.{c}" for c in data["requests"]["new"]}
    assert_every_cell(imported, data, unplaced=row)
    (issue,) = [i for i in imported.issues if i.kind == "unreadable"]
    assert "应有 7 个数，原文读到 2 个" in issue.message


def test_a_single_value_spanning_a_row_is_not_guessed() -> None:
    """ "一、本年新收… | 0 | ||||||||": one figure for seven columns (a merged cell)."""
    data = zero_data(2021, "青禾县凤鸣镇人民政府")
    text = report_text(data, "pipe_rows", head=["青禾县凤鸣镇人民政府2021年政府信息公开工作年度报告"])
    text = text.replace(
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
        "二、上年结转政府信息公开申请数量 | 0 | ||||||||",
    )
    imported = import_text(text)
    assert_every_cell(
        imported, data, unplaced={f"requests.carried_over.{c}" for c in data["requests"]["new"]}
    )


# ------------------------------------------------------------------------------ borders lost (crawls)


def test_one_cell_per_line_separated_by_blank_lines() -> None:
    """Cells as paragraphs ("规章\\n\\n0\\n\\n0"), header words broken ("本年新\\n制作数量",
    "本年增/"), a title without a year, and a row whose only figure is the total."""
    data = busy_2020("青禾县驼岭街道办事处")
    text = report_text(
        data,
        "blank_lines",
        head=["青禾县驼岭街道办事处政府信息公开工作年度报告", ""],
        prose={"一": ["2020年度本街道未收到行政复议申请。"]},
        overrides={"active.licensing.change": "+19"},
    )
    text = text.replace("本年新制作数量", "本年新\n制作数量").replace("本年增/减", "本年增/")
    text = text.replace(
        "二、上年结转政府信息公开申请数量\n\n1\n\n0\n\n0\n\n0\n\n0\n\n0\n\n1",
        "二、上年结转政府信息公开申请数量\n\n\n\n\n\n\n 1",
    )
    imported = import_text(text)
    assert imported.data["meta"]["agency"] == "青禾县驼岭街道办事处"
    assert imported.data["meta"]["year"] == 2020
    assert_every_cell(
        imported,
        data,
        unplaced={f"requests.carried_over.{c}" for c in data["requests"]["new"]},
    )
    (year_issue,) = [i for i in imported.issues if i.location == "meta.year"]
    assert "按正文所述年份定为 2020 年度" in year_issue.message


def test_labels_with_notes_extra_rows_and_instructions_left_in() -> None:
    """Template notes inside label and header cells ("（指2020年增加或减少的事项数，减用负值表示，
    如 -8）"), a local extra row "其他主动公开文件", and the template's 编写说明 left in the text."""
    data = busy_2020("青禾县东关街道办事处")
    text = report_text(data, "row_marker_lines", head=["青禾县东关街道办事处2020年政府信息公开工作年度报告"])
    text = text.replace(
        "规范性文件 |",
        "规范性文件（行政机关制定发布的决定、公告、通告，标题采用“规定”“办法”等字样的公文） |",
    ).replace("本年增/减 |", "本年增/减 （指2020年增加或减少的事项数，减用负值表示，如 -8） |")
    text = text.replace(
        "|\n第二十条第（五）项",
        "|\n其他主动公开文件（可参考本单位平台栏目数据） |\n9 |\n9 |\n9 |\n|\n第二十条第（五）项",
    )
    text = text.replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n编写说明：要注意数据间的逻辑关系：第一项加第二项之和，等于第三项加第四项之和。\n",
    )
    imported = import_text(text)
    assert_every_cell(imported, data)


def test_pdf_page_with_vertical_headers_and_a_row_before_the_heading() -> None:
    """A page of a PDF flipbook: it starts with the last row of table 三 ("四、结转下年度继续办理 0 0
    …", which must not be taken for section 四) and prints table 四's headers one character a line."""
    text = "\n".join(
        [
            "Page 9 - 2020年报_青禾县审计局",
            "四、结转下年度继续办理 1 0 0 0 0 0 1",
            "四、政府信息公开行政复议、行政诉讼情况",
            "2020 年，我局未出现申请行政复议、提起行政诉讼的情况。",
            "行政复议 行政诉讼",
            "未经复议直接起诉 复议后起诉",
            "结 结 其 尚",
            "结 结 其 尚 结 结 其 尚",
            "果 果 他 未",
            "总计 果 果 他 未 总 果 果 他 未 总",
            "维 纠 结 审",
            "维 纠 结 审 计 维 纠 结 审 计",
            "持 正 果 结",
            "持 正 果 结 持 正 果 结",
            "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
            "五、存在的主要问题及改进情况",
            "信息公开的及时性有待提高。",
        ]
    )
    imported = import_text(text)
    meta = imported.data["meta"]
    assert (meta["year"], meta["format"]) == (2020, "2019")
    values = cells(imported.data)
    assert [values[f"requests.carried_forward.{c}"] for c in ("natural_person", "business", "total")] == [
        1,
        0,
        1,
    ]
    assert all(
        values[f"appeals.{r}.{c}"] == 0
        for r in ("review", "direct_suit", "suit_after_review")
        for c in ("upheld", "corrected", "other", "pending", "total")
    )
    assert {i.location for i in imported.issues if i.kind == "missing_table"} == {"active"}


def test_table_four_is_not_read_from_table_three_when_its_heading_is_missing(
    example_2021: dict[str, Any],
) -> None:
    data = busy_2021(example_2021, "青禾县民政局")
    text = report_text(data, "pipe_rows", head=["青禾县民政局2024年政府信息公开工作年度报告"])
    text = text[: text.index("四、政府信息公开行政复议")]  # a page cut after table 三
    imported = import_text(text)
    assert {i.location for i in imported.issues if i.kind == "missing_table"} == {"appeals"}
    assert all(v is None for k, v in cells(imported.data).items() if k.startswith("appeals."))


def test_encoding_noise_before_a_number() -> None:
    """ "? 0": a no-break space decoded in the wrong charset."""
    data = zero_data(2021, "青禾县医疗保障局")
    text = report_text(data, "pipe_lines", head=["青禾县医疗保障局2021年政府信息公开工作年度报告"])
    text = text.replace("规章 |\n0 |\n0 |", "规章 |\n0 |\n? 0 |")
    assert_every_cell(import_text(text), data)


# ------------------------------------------------------------------------------------------- HTML


def test_saved_web_page_with_merged_cells(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    data = busy_2021(example_2021, "青禾县交通运输局")
    path = tmp_path / "nb.html"
    page = report_html(
        data,
        title="青禾县交通运输局2024年政府信息公开工作年度报告",
        overrides={
            "active.regulations.issued": "/",
            "active.regulations.abolished": "/",
            "requests.new.research": "",
        },
    )
    path.write_text(page, encoding="utf-8")
    imported = import_published(path)
    assert imported.data["meta"]["agency"] == "青禾县交通运输局"
    assert_every_cell(
        imported,
        data,
        na={"active.regulations.issued", "active.regulations.abolished"},
        blank={"requests.new.research"},
    )


# ------------------------------------------------------------------------------ sections and meta


def test_sections_whose_tables_are_missing_are_reported_not_fatal() -> None:
    """Headings 二–四 with nothing under them (tables published as images)."""
    text = "\n".join(
        [
            "青禾县石门乡",
            "2021年政府信息公开工作年度报告",
            "报告所列数据统计期限为2021年1月1日起至2021年12月31日止。",
            "一、总体情况",
            "（二）依申请公开方面。2021年度，石门乡未收到政府信息公开申请。",
            "二、主动公开政府信息的情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "信息公开不够及时。",
        ]
    )
    imported = import_text(text)
    assert imported.data["meta"]["agency"] == "青禾县石门乡"
    assert sorted(i.location for i in imported.issues if i.kind == "missing_table") == [
        "active",
        "appeals",
        "requests",
    ]
    assert imported.cells_read == 0 and not imported.complete


@pytest.mark.parametrize(
    ("head", "agency", "year", "doubt"),
    [
        # A spam banner above the real title on a hijacked site.
        (
            [
                "365体育官网",
                "2019年度政府信息公开年度报告",
                "发布时间:2020-01-19",
                "青禾县国资委",
                "2019年度政府信息公开年度报告",
            ],
            "青禾县国资委",
            2019,
            None,
        ),
        # Page chrome before the title.
        (["Page 8 - 青禾县信访局2022年政府信息公开工作年度报告"], "青禾县信访局", 2022, None),
        (
            ["您当前所在位置: 首页 > 乡镇信息公开 > 石桥乡 > 年报", "石桥乡2020年政府信息公开工作年度报告"],
            "石桥乡",
            2020,
            None,
        ),
        (["标题: 青禾县中埠镇人民政府2020年政府信息公开工作年度报告"], "青禾县中埠镇人民政府", 2020, None),
        # The title only in the preface.
        (
            [
                "根据《中华人民共和国政府信息公开条例》要求，特编制青禾县地方志办公室2023年政府信息公开工作年度报告。"
            ],
            "青禾县地方志办公室",
            2023,
            None,
        ),
        (
            [
                "本报告依据《条例》编制，由青禾县农业农村局编制。",
                "本报告中所列数据的统计期限从2021年1月1日起到2021年12月31日止。",
            ],
            "青禾县农业农村局",
            2021,
            None,
        ),
        # The title's year contradicts the statistics period: the period wins, and it is said.
        (
            [
                "我镇认真编制了《田园镇2020年政府信息公开工作年度报告》，所列数据的统计期限自2021年1月1日起至12月31日止。"
            ],
            "田园镇",
            2021,
            "标题为 2020 年，统计期限为 2021 年",
        ),
        # A title without its year on two lines, and a preface citing another document ("根据…").
        (
            [
                "青禾县审计局",
                "政府信息公开工作年度报告",
                "根据青禾县2023年政务公开工作要点，现将我局政务公开工作报告如下。",
            ],
            "青禾县审计局",
            2023,
            None,
        ),
        # 政务公开 / 信息公开 for 政府信息公开 in the title.
        (["青禾县审计局2023年政务公开工作年度报告"], "青禾县审计局", 2023, None),
        (["青禾县审计局2023年度信息公开工作报告"], "青禾县审计局", 2023, None),
        # "关于…年度政府信息公开情况的报告": the agency from the opening sentence.
        (["关于2022年度政府信息公开情况的报告"], "青禾县房屋征收办公室", 2022, None),
    ],
)
def test_agency_and_year_from_real_title_forms(
    head: list[str], agency: str, year: int, doubt: str | None
) -> None:
    data = zero_data(year, agency)
    prose = {"一": [f"{year}年，青禾县房屋征收办公室认真贯彻落实《条例》要求。"]}
    imported = import_text(report_text(data, "pipe_rows", head=head, prose=prose))
    assert (imported.data["meta"]["agency"], imported.data["meta"]["year"]) == (agency, year)
    assert imported.format_id == ("2021" if year >= 2021 else "2019")
    year_issues = [i.message for i in imported.issues if i.location == "meta.year"]
    assert (doubt is None and not year_issues) or (doubt is not None and doubt in year_issues[0])


def test_a_pronoun_is_not_taken_for_the_agency() -> None:
    data = zero_data(2022, "x")
    head = ["根据《中华人民共和国政府信息公开条例》规定，现公布我局2022年政府信息公开工作年度报告。"]
    imported = import_text(report_text(data, "pipe_rows", head=head), fallback_agency="审计局年报")
    assert imported.data["meta"]["agency"] == "审计局年报"
    assert any(i.location == "meta.agency" for i in imported.issues)


def test_traditional_characters_are_pointed_out() -> None:
    text = "\n".join(
        ["一、總體情況", "根據《條例》規定，向社會公布2021年本級政府信息公開工作年度報告。"] * 4
        + ["二、主動公開政府信息情況", "規章 | 0 | 0 | 0 |", "三、收到和處理政府信息公開申請情況"]
    )
    imported = import_text(text)
    assert any(i.location == "source" and "繁体" in i.message for i in imported.issues)


# ------------------------------------------------------------------------------------------- audit


def _audit(tmp_path: Path, text: str, name: str = "r.txt") -> Any:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return audit_file(path)


def test_audit_of_a_correct_zero_report_finds_nothing(tmp_path: Path) -> None:
    data = zero_data(2023, "青禾县档案馆")
    prose = {
        "一": [
            "（一）主动公开。2023年，我馆在门户网站主动公开政府信息50条，其中政策法规类4条，业务工作类10条。",
            "（二）依申请公开。2023年，我馆未收到政府信息公开申请。",
            "受理“12345”热线工单84件，均已按时办结，办结率100%。",
        ],
        "四": ["2023年，我馆未发生因政府信息公开引起的行政复议、行政诉讼。"],
        "六": ["本年度未收取信息处理费。"],
    }
    result = _audit(
        tmp_path,
        report_text(data, "pipe_lines", head=["青禾县档案馆2023年政府信息公开工作年度报告"], prose=prose),
    )
    assert result.check.findings == [], [f.message for f in result.check.findings]
    assert result.exit_code == 0


def test_audit_of_a_correct_busy_report_finds_nothing(tmp_path: Path, example_2021: dict[str, Any]) -> None:
    data = busy_2021(example_2021, "青禾县市场监督管理局")
    prose = {
        "一": [
            "（二）依申请公开。2024年共收到政府信息公开申请72件，上年结转3件，均在法定期限内答复，答复率100%。",
        ],
        "六": ["本年度未收取信息处理费。"],
    }
    result = _audit(
        tmp_path,
        report_text(
            data, "markdown", head=["青禾县市场监督管理局2024年政府信息公开工作年度报告"], prose=prose
        ),
    )
    assert result.check.errors == [], [f.message for f in result.check.errors]


def test_audit_finds_prose_that_contradicts_the_table(tmp_path: Path) -> None:
    data = put(
        zero_data(2023, "青禾县体育局"),
        {
            "requests.new.natural_person": 3,
            "requests.new.total": 3,
            "requests.granted.natural_person": 3,
            "requests.granted.total": 3,
            "requests.total.natural_person": 3,
            "requests.total.total": 3,
        },
    )
    prose = {"一": ["（二）依申请公开工作情况。本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。"]}
    result = _audit(
        tmp_path,
        report_text(data, "markdown", head=["青禾县体育局2023年政府信息公开工作年度报告"], prose=prose),
    )
    assert [(f.rule, f.location) for f in result.check.errors] == [("P-1", "requests.new.total")]


def test_audit_groups_blank_cells_by_row_and_reads_slashes_as_zero(tmp_path: Path) -> None:
    data = zero_data(2023, "青禾县统计局")
    blank = {
        f"requests.new.{c}"
        for c in ("natural_person", "business", "research", "public_interest", "legal_services", "other_org")
    }
    overrides = {cid: "" for cid in blank} | {
        f"active.regulations.{c}": "/" for c in ("issued", "abolished", "in_force")
    }
    result = _audit(
        tmp_path,
        report_text(
            data, "pipe_lines", head=["青禾县统计局2023年政府信息公开工作年度报告"], overrides=overrides
        ),
    )
    (finding,) = result.check.findings
    assert (finding.rule, finding.severity, finding.location) == ("T3-4", "error", "requests.new")
    assert set(finding.cells) == blank and "共 6 格未填报" in finding.message
    assert any(i["kind"] == "na" for i in result.as_json()["import"]["issues"])


def test_audit_of_a_report_without_tables_warns_and_checks_nothing_false(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "青禾县石门乡2021年政府信息公开工作年度报告",
            "一、总体情况",
            "2021年度，石门乡未收到政府信息公开申请，未发生行政复议、行政诉讼。",
            "二、主动公开政府信息的情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "信息公开不够及时。",
        ]
    )
    result = _audit(tmp_path, text)
    assert result.check.errors == []
    assert sorted(f.location for f in result.check.warnings if f.rule == "IMPORT") == [
        "active",
        "appeals",
        "requests",
    ]


def test_cli_import_and_audit_on_a_crawled_page(tmp_path: Path) -> None:
    data = zero_data(2023, "青禾县统计局")
    text = report_text(
        data,
        "pipe_lines",
        head=["青禾县统计局2023年政府信息公开工作年度报告"],
        overrides={f"active.regulations.{c}": "/" for c in ("issued", "abolished", "in_force")},
    )
    src = tmp_path / "nb.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "nb.json"
    result = runner.invoke(app, ["import", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "按0" in result.output.replace(" ", "") and "读取 200/200 个单元格" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["active"]["regulations"]["issued"] == 0
    audited = runner.invoke(app, ["audit", str(src), "--json"])
    assert audited.exit_code == 0, audited.output
    payload = json.loads(audited.output)
    assert payload["errors"] == 0 and payload["findings"] == [] and payload["import"]["complete"] is True
