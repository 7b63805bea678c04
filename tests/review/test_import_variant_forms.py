"""`copilot import` on the forms of one report re-emitted another way (crafted fixtures; issue 10).

`bench/bench_variants.py` re-emits real texts in the forms unseen reports come in; each test here
is one cause it found, on a crafted report in that form: a PDF table flattened onto one line, a
page typed in full-width digits, a row one number short, a Markdown row whose label's merged
border looks like a blank cell. A wrong value is worse than an unread cell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report_copilot.inputs.published import import_text
from report_copilot.inputs.published.sources import is_report_markdown
from tests.review.real_forms import one_line, put, report_text, zero_data
from tests.review.test_import_real_forms import assert_every_cell, busy_2021, cells

HEAD = ["某某市生态环境局2024年政府信息公开工作年度报告"]
PROHIBITED = "requests.denied.prohibited_by_law"


def _data(example_2021: dict[str, Any]) -> dict[str, Any]:
    """A 2021-format report whose 其他法律行政法规禁止公开 row holds a two-digit figure."""
    data = busy_2021(example_2021, "某某市生态环境局")
    values = cells(data)
    added = {"natural_person": 30, "business": 1, "total": 31}
    # 三's identities kept: the row, 总计 and 新收 grow together, column by column.
    changes = {
        f"{row}.{column}": (values[f"{row}.{column}"] or 0) + n
        for row in (PROHIBITED, "requests.total", "requests.new")
        for column, n in added.items()
    }
    return put(data, changes)


def test_a_pdf_table_flattened_onto_one_line_keeps_its_margin_label_apart(
    example_2021: dict[str, Any],
) -> None:
    """pdftotext prints 三、本年度办理结果 down the margin, a character between two rows; on one
    line "… 0 31 年 3.危及…" the 年 is that label's, not a measure word making 31 prose."""
    data = _data(example_2021)
    text = report_text(data, "pdf_layout", head=HEAD)
    assert any(line.strip() == "年" for line in text.splitlines())
    for joiner in (" ", ""):
        assert_every_cell(import_text(joiner.join(text.splitlines())), data)


def test_full_width_digits_read_as_digits(example_2021: dict[str, Any]) -> None:
    """A page typed in a full-width input mode: its tables (runs glued to ordinals "２．其他") and
    amounts are read as the same figures."""
    data = _data(example_2021)
    wide = str.maketrans({**{str(d): chr(0xFF10 + d) for d in range(10)}, ".": "．"})
    text = report_text(data, "spaced", head=HEAD)
    assert_every_cell(import_text(text.translate(wide)), data)
    runs = report_text(data, "digit_runs", head=HEAD)
    assert cells(import_text(runs.translate(wide)).data) == cells(import_text(runs).data)


def test_a_row_one_number_short_is_not_cut_inside_a_number(example_2021: dict[str, Any]) -> None:
    """ "30 1 0 0 0 0" for seven cells: cutting 30 into 3 and 0 is the only way to make seven, but a
    blank cell leaves no trace either; the cut breaks the row's total, so the row stays unread."""
    data = _data(example_2021)
    text = report_text(data, "spaced", head=HEAD, overrides={f"{PROHIBITED}.total": ""})
    assert "2.其他法律行政法规禁止公开 30 1 0 0 0 0\n" in text
    imported = import_text(text)
    row = imported.data["requests"]["denied"]["prohibited_by_law"]
    assert set(row.values()) == {None}
    assert any(f"{PROHIBITED}.natural_person" in i.cells for i in imported.issues)


def test_an_empty_cell_on_both_sides_of_a_markdown_row_is_not_placed(example_2021: dict[str, Any]) -> None:
    """A converter prints a label merged over two columns as the label and an empty cell; with
    another empty cell after the figures, the row fits two ways, one shifted by a cell."""
    data = _data(example_2021)
    text = report_text(data, "markdown", head=HEAD, overrides={"requests.granted.total": ""})
    line = next(x for x in text.splitlines() if "予以公开" in x and "|" in x)
    text = text.replace(line, line.replace("予以公开 |", "予以公开 |  |", 1))
    imported = import_text(text)
    granted = imported.data["requests"]["granted"]
    assert set(granted.values()) == {None}
    unreadable = {c for i in imported.issues if i.kind == "unreadable" for c in i.cells}
    assert "requests.granted.natural_person" in unreadable


def test_a_one_line_or_traditional_markdown_report_is_a_report(tmp_path: Path) -> None:
    """A crawl saved as .md with its whole text on one line, in traditional characters, or without
    its title is a published report, not a draft; a note that prints no table is not."""
    title = "某某縣教育局2023年度政府資訊公開工作年度報告"
    body = "一、總體情況 2023年，本局… 三、收到和處理政府資訊公開申請情況 一、本年新收政府資訊公開申請數量 3 0 0 0 0 0 3"
    for name, text in (
        ("one_line.md", "欄目：年度報告 發布時間：2024-01-30 " + title + " " + body),
        ("no_title.md", body.replace(" ", "\n")),
        ("wide.md", "# ２０２３年度某某县政府信息公开工作年度报告\n"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert is_report_markdown(path), name
    note = tmp_path / "note.md"
    note.write_text("# 会议记录\n\n讨论政府信息公开工作。\n", encoding="utf-8")
    assert not is_report_markdown(note)


def test_a_one_line_crawl_of_a_traditional_page(example_2021: dict[str, Any]) -> None:
    """A site's 繁體 view crawled onto one line: the page is cut at its section headings (情況)
    only once converted, so the conversion comes first and table 四 is found under its heading."""
    import zhconv

    data = _data(example_2021)
    text = zhconv.convert(one_line(report_text(data, "spaced", head=HEAD)), "zh-hant")
    assert "收到和處理政府資訊公開申請情況" in text or "收到和處理政府信息公開申請情況" in text
    imported = import_text(text)
    assert imported.data["meta"]["agency"] == "某某市生态环境局"
    assert_every_cell(imported, data)


def test_a_page_footer_inside_a_pdf_table_put_on_one_line(example_2021: dict[str, Any]) -> None:
    """ "-3-" and "第 3 页 共 5 页" were lines of their own between two rows of 三; once the text is
    on one line they stand between a row's last figure and the next label, and are dropped."""
    data = _data(example_2021)
    lines = report_text(data, "pdf_layout", head=HEAD).splitlines()
    at = next(i for i, x in enumerate(lines) if "没有现成信息" in x)
    lines[at + 1 : at + 1] = ["", "                     -3-", ""]
    at = next(i for i, x in enumerate(lines) if "信访举报投诉" in x)
    lines[at + 1 : at + 1] = ["          第 3 页 共 5 页"]
    assert_every_cell(import_text(" ".join(lines)), data)


def test_cells_merged_over_several_columns_in_a_markdown_table() -> None:
    """Table 二 of the 2019 layout merges each value over two or three columns; a converter writes
    each merged cell as the figure and empty cells ("| 规章 | 13 | | 13 | | 524 | |"): the figure of
    each group is the cell, whatever the row's padding after it."""
    from tests.review.test_import_real_forms import busy_2020

    data = busy_2020("某某县审计局")
    text = report_text(data, "markdown", head=["某某县审计局2020年政府信息公开工作年度报告"])
    spread = []
    for line in text.splitlines():
        label, *values = [c.strip() for c in line.split("|")[1:]] or [""]
        if label in (
            "规范性文件",
            "行政许可",
            "其他对外管理服务事项",
            "行政处罚",
            "行政事业性收费",
            "政府集中采购",
        ):
            k = 3 if label in ("行政事业性收费", "政府集中采购") else 2
            merged = [x for v in values if v for x in (v, *[""] * (k - 1))]
            line = "| " + " | ".join([label, *merged]) + " |"
        spread.append(line)
    assert "| 行政许可 | 21 |  | 19 |  | 40 |  |" in spread
    imported = import_text("\n".join(spread) + "\n")
    got, want = cells(imported.data), cells(data)
    for cid in got:
        if cid.startswith("active."):
            assert got[cid] == want[cid], cid


def test_a_mark_alone_in_a_one_cell_row_of_a_web_page_is_read() -> None:
    """A page's table prints "—" or "无" for nothing to report; in a row of one value cell
    (行政许可 | —) the mark has no neighbouring cell, yet the table's border says it is a cell."""
    from report_copilot.inputs.published.sources import html_lines
    from tests.review.real_forms import report_html, zero_data

    data = zero_data(2023, "某某县审计局")
    page = report_html(
        data,
        title="某某县审计局2023年政府信息公开工作年度报告",
        overrides={"active.licensing.decisions": "—", "active.penalty.decisions": "无"},
    )
    imported = import_text("\n".join(html_lines(page.encode("utf-8"))), source_kind="html")
    na = {c for i in imported.issues if i.kind == "na" for c in i.cells}
    assert {"active.licensing.decisions", "active.penalty.decisions"} <= na
    assert imported.data["active"]["licensing"]["decisions"] == 0
    assert imported.data["active"]["penalty"]["decisions"] == 0


def test_a_run_of_one_digit_a_cell_where_blank_cells_leave_no_trace() -> None:
    """A table whose blank cells vanish when crawled into digit runs: "（二）部分公开3" has fewer digits
    than cells, so in this text "2581211" for seven cells need not be one digit a cell (it was
    258 12 · · 1 1 ·): the row is not read as 2 5 8 1 2 1 1, nor reported as inconsistent."""
    from tests.review.real_forms import zero_data

    data = put(
        zero_data(2023, "某某县审计局"),
        {
            "requests.granted.natural_person": 258,
            "requests.granted.business": 12,
            "requests.granted.legal_services": 1,
            "requests.granted.other_org": 1,
            "requests.partially_granted.natural_person": 3,
        },
    )
    blank = {f"requests.granted.{c}" for c in ("research", "public_interest", "total")}
    blank |= {
        f"requests.partially_granted.{c}"
        for c in ("business", "research", "public_interest", "legal_services", "other_org", "total")
    }
    text = report_text(
        data,
        "digit_runs",
        head=["某某县审计局2023年政府信息公开工作年度报告"],
        overrides=dict.fromkeys(blank, ""),
    )
    assert "（一）予以公开2581211（二）" in text
    imported = import_text(text)
    assert set(imported.data["requests"]["granted"].values()) == {None}
    # Nor is the table said to be wrong (原表有误, an error in the audit): its blanks just vanished.
    assert not [i for i in imported.issues if i.kind == "inconsistent"]


def test_a_margin_bracket_between_blank_pdf_rows_is_not_a_note() -> None:
    """pdftotext prints （三）不予公开 down the margin; its "（" lands between two blank rows, and the
    rest of the run ("（8.属于行政查询事项 三 1.本机关不掌握…") is not an explanatory note to drop: the
    figures after it are 不掌握's, not those of the blank row 7.属于行政执法案卷 before the bracket."""
    from tests.review.real_forms import zero_data

    data = put(
        zero_data(2023, "某某县审计局"),
        {
            "requests.new.natural_person": 3,
            "requests.new.total": 3,
            "requests.unavailable.not_held.natural_person": 3,
            "requests.unavailable.not_held.total": 3,
            "requests.total.natural_person": 3,
            "requests.total.total": 3,
        },
    )
    rows = ("enforcement_files", "administrative_query")
    columns = (
        "natural_person",
        "business",
        "research",
        "public_interest",
        "legal_services",
        "other_org",
        "total",
    )
    blank = {f"requests.denied.{r}.{c}" for r in rows for c in columns}
    lines = report_text(
        data,
        "pdf_layout",
        head=["某某县审计局2023年政府信息公开工作年度报告"],
        overrides=dict.fromkeys(blank, ""),
    ).splitlines()
    at = next(i for i, x in enumerate(lines) if "属于行政查询事项" in x)
    lines[at:at] = ["（"]  # the margin label's bracket, just before the blank row 8
    imported = import_text("\n".join(lines))
    assert imported.data["requests"]["unavailable"]["not_held"]["natural_person"] == 3
    assert imported.data["requests"]["denied"]["enforcement_files"]["natural_person"] is None


def test_a_sentence_printed_under_a_table_stays_prose(example_2021: dict[str, Any]) -> None:
    """A sentence under table 三 (before heading 四) is not run into the table's last rows and
    dropped with them: not after rows of figures apart or in borders, nor after a margin label's
    characters (pdftotext), nor glued to the last row's digits by its year (a flattened crawl), nor
    on the one line of a crawl."""
    data = _data(example_2021)
    year = data["meta"]["year"]
    sentence = f"{year}年，共收到政府信息公开申请{cells(data)['requests.new.total']}件。"
    for dialect in ("spaced", "markdown", "pdf_layout", "digit_runs", "pdf_layout joined"):
        plain = report_text(data, dialect.split()[0], head=HEAD)
        glue = "" if dialect == "digit_runs" else "\n"
        text = plain.replace("\n四、政府信息公开", f"{glue}{sentence}\n四、政府信息公开", 1)
        if dialect.endswith("joined"):  # a crawl of the PDF's text on one line
            plain, text = " ".join(plain.splitlines()), " ".join(text.splitlines())
        imported = import_text(text)
        paragraphs = [
            b.text for b in imported.draft.blocks if b.kind == "paragraph" and b.section == "requests"
        ]
        assert paragraphs == [sentence], dialect
        assert cells(imported.data) == cells(import_text(plain).data), dialect


def _carried_forward() -> dict[str, Any]:
    """A small 2021-format report: 新收 3, 予以公开 2, 结转下年度 1 (all 自然人)."""
    data = zero_data(2021, "某某县统计局")
    for row, n in (("new", 3), ("granted", 2), ("total", 2), ("carried_forward", 1)):
        put(data, {f"requests.{row}.natural_person": n, f"requests.{row}.total": n})
    return data


def test_a_row_one_digit_short_has_its_blank_placed_by_the_identities() -> None:
    """A crawl that keeps no trace of an empty cell prints 结转下年度 with its 总计 left blank as
    "1 0 0 0 0 0"; only the blank at 总计 keeps T3-1 in every column (a 1 under 商业企业, or a 0 under
    总计, breaks it): the row is read so, the blank reported blank. Also as pdftotext lays it out,
    the last row of the table (no full row below it to place its figures by column)."""
    data = _carried_forward()
    row = "requests.carried_forward."
    for dialect in ("spaced", "pdf_layout"):
        text = report_text(data, dialect, head=HEAD, overrides={row + "total": ""})
        assert any(
            x.split() == ["四、结转下年度继续办理", "1", "0", "0", "0", "0", "0"] for x in text.splitlines()
        )
        imported = import_text(text)
        got = cells(imported.data)
        assert [got[k] for k in cells(data) if k.startswith(row)] == [1, 0, 0, 0, 0, 0, None], dialect
        assert [i.cells for i in imported.issues if i.kind == "blank"] == [[row + "total"]]
        assert not imported.unreadable_cells


def test_a_row_one_digit_short_whose_blank_fits_several_places_reads_only_the_agreed_cells() -> None:
    """With 商业企业 blank ("1 0 0 0 0 1"), the blank fits under any of the five 法人 columns, all 0:
    自然人 1 and 总计 1 are read in every placing; the five columns stay unread, none read as blank."""
    data = _carried_forward()
    row = "requests.carried_forward."
    text = report_text(data, "spaced", head=HEAD, overrides={row + "business": ""})
    assert "四、结转下年度继续办理 1 0 0 0 0 1\n" in text
    imported = import_text(text)
    got = cells(imported.data)
    assert [got[k] for k in cells(data) if k.startswith(row)] == [1, None, None, None, None, None, 1]
    organisations = ["business", "research", "public_interest", "legal_services", "other_org"]
    assert imported.unreadable_cells == [row + c for c in organisations]
    assert not [i for i in imported.issues if i.kind == "blank"]
