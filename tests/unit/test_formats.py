"""The format definitions: exact official labels, stable ids, both versions."""

from __future__ import annotations

import pytest

from report_copilot.model.formats import available_formats, format_for_year, load_format


def test_both_versions_are_bundled() -> None:
    assert available_formats() == ("2019", "2021")


@pytest.mark.parametrize(
    ("year", "expected"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021")]
)
def test_format_for_year(year: int, expected: str) -> None:
    assert format_for_year(year).id == expected


def test_requests_table_has_the_official_rows_and_columns() -> None:
    fmt = load_format("2021")
    block = fmt.table("requests").blocks[0]
    assert [c.label for c in block.columns] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert len(block.rows) == 25
    assert block.rows[0].label == "一、本年新收政府信息公开申请数量"
    assert block.row("other.no_fee_paid").label.startswith("2.申请人逾期未按收费通知要求缴纳费用")
    assert block.row("total").label == "（七）总计"
    assert (
        fmt.table("requests").note == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )


def test_2019_has_a_single_other_row_and_procurement() -> None:
    fmt = load_format("2019")
    block = fmt.table("requests").blocks[0]
    assert len(block.rows) == 23
    assert block.row("other").label == "（六）其他处理"
    assert "active.procurement.amount" in fmt.cells
    assert "active.procurement.amount" not in load_format("2021").cells


def test_section_two_labels_differ_by_version() -> None:
    assert load_format("2021").cell("active.normative_documents.issued").column.label == "本年制发件数"
    assert load_format("2021").cell("active.fees.amount").unit == "万元"
    assert load_format("2019").cell("active.normative_documents.produced").column.label == "本年新制作数量"
    assert load_format("2019").cell("active.licensing.change").kind == "signed"


def test_cell_where_names_table_group_row_and_column() -> None:
    fmt = load_format("2021")
    assert (
        fmt.cell("requests.total.natural_person").where
        == "三、收到和处理政府信息公开申请情况 › （七）总计 › 自然人"
    )
    assert fmt.cell("appeals.suit_after_review.total").where == (
        "四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼 › 复议后起诉 › 总计"
    )


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_every_identity_refers_to_existing_rows_and_columns(format_id: str) -> None:
    fmt = load_format(format_id)
    for identity in fmt.identities:
        table = fmt.table(identity.table)
        blocks = [table.block(b) for b in identity.blocks] if identity.blocks else list(table.blocks)
        ids = {r.id for b in blocks for r in b.rows} | {c.id for b in blocks for c in b.columns}
        for term in identity.left + identity.right:
            assert term.lstrip("-").removeprefix("prev:") in ids, (identity.id, term)


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_group_subtotals_cover_sub_rows(format_id: str) -> None:
    block = load_format(format_id).table("requests").blocks[0]
    denied = block.group_rows(block.row_group("denied"))  # type: ignore[arg-type]
    assert len(denied) == 8
    assert block.group_rows(block.row_group("granted_or_partial")) == ("granted", "partially_granted")  # type: ignore[arg-type]
