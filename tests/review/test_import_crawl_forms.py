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


def _table_cells(data: dict[str, Any], tables: tuple[str, ...] = ("requests", "appeals")) -> set[str]:
    from tests.review.test_import_real_forms import cells

    return {c for c in cells(data) if c.split(".")[0] in tables}


def test_digit_runs_glued_to_labels_and_ordinals(example_2021: dict[str, Any]) -> None:
    """Tables 三 and 四 flattened into digit runs: every row split where one split fits the
    identities, and no cell read wrong; rows of 二 whose split is not unique are left unread."""
    from tests.review.test_import_real_forms import busy_2021, cells

    data = busy_2021(example_2021, "某某市市场监督管理局")
    text = report_text(data, "digit_runs", head=["某某市市场监督管理局2024年政府信息公开工作年度报告"])
    assert "1.属于国家秘密0000000" in text.replace("“", "").replace("”", "")  # the form itself
    imported = import_text(text)
    got, want = cells(imported.data), cells(data)
    assert {k: (got[k], want[k]) for k in want if got[k] is not None and got[k] != want[k]} == {}
    unread = {k for k in want if got[k] is None}
    assert not unread & _table_cells(data)
    # What could not be split is listed with its candidates, not guessed.
    listed = {c for i in imported.issues if i.kind in {"ambiguous", "unreadable"} for c in i.cells}
    assert unread <= listed
    # Crawled onto one line, the headings glued to figures ("…0000000四、政府信息公开…") still found.
    flat = import_text(one_line(text))
    assert cells(flat.data) == got
    assert len([b for b in flat.draft.blocks if b.kind == "heading"]) == 6


def test_zero_report_in_digit_runs_with_a_paragraph_glued_to_the_last_row() -> None:
    from tests.review.real_forms import zero_data
    from tests.review.test_import_real_forms import cells

    data = zero_data(2022, "某某镇人民政府")
    text = report_text(data, "digit_runs", head=["某某镇人民政府2022年政府信息公开工作年度报告"])
    # Table 四's fifteen zeros run straight into the next section's first sentence.
    text = text.replace("五、存在的主要问题及改进情况\n", "2022年，我镇政务公开工作仍存在不足。")
    imported = import_text(text)
    got, want = cells(imported.data), cells(data)
    assert {k: got[k] for k in _table_cells(data) if got[k] != want[k]} == {}


def test_a_note_printed_inside_a_cell_is_not_a_cell() -> None:
    data = busy_2020("某某县审计局")
    text = report_text(
        data,
        "pipe_rows",
        head=HEAD,
        overrides={"requests.other.natural_person": "1（含申请人主动撤回1件）"},
    )
    assert_every_cell(import_text(text), data)


def test_label_variants_and_misprints_are_read() -> None:
    """Older row names and misprints agencies print (formats/printed_labels.toml)."""
    data = busy_2020("某某县审计局")
    text = report_text(data, "pipe_rows", head=HEAD)
    for official, printed in [
        ("（一）予以公开", "（一）同意公开答复数"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）区分处理后公开数"),
        ("7.属于行政执法案卷", "7.属于行政执法案件"),
        ("（六）其他处理", "（六）其他"),
        ("本列数据的勾稽关系", "本列数据的钩稽关系"),
        ("本年新公开数量", "本年公开数量"),
    ]:
        assert official in text, official
        text = text.replace(official, printed)
    assert_every_cell(import_text(text), data)


def test_traditional_characters_are_converted_and_read() -> None:
    import zhconv

    data = busy_2020("某某县审计局")
    text = zhconv.convert(report_text(data, "pipe_rows", head=HEAD, prose=PROSE), "zh-hant")
    assert "不予公開" in text
    imported = import_text(text)
    assert_every_cell(imported, data)
    assert imported.data["meta"]["agency"] == "某某县审计局"
    assert any(i.location == "source" and "繁体" in i.message for i in imported.issues)


def test_pdf_layout_with_wrapped_labels_and_a_vertical_group_label(example_2021: dict[str, Any]) -> None:
    """`pdftotext -layout`: a group label printed down the margin one character a line between
    the rows (its "年" is no measure word, its "无" no cell) and long labels wrapped."""
    from tests.review.test_import_real_forms import busy_2021

    for data in (busy_2020("某某县审计局"), busy_2021(example_2021, "某某市市场监督管理局")):
        text = report_text(data, "pdf_layout", head=HEAD)
        assert "\n无\n" in text and "\n年\n" in text  # the form itself
        assert_every_cell(import_text(text), data)


def test_ocr_markdown_with_numbered_columns_a_stray_header_and_a_footer(example_2021: dict[str, Any]) -> None:
    from tests.review.real_forms import ocr_markdown
    from tests.review.test_import_real_forms import busy_2021

    data = busy_2021(example_2021, "某某市市场监督管理局")
    text = ocr_markdown(data, title="某某市市场监督管理局2024年政府信息公开工作年度报告")
    assert "| 项目 | 数据1 | 数据2 |" in text and "第 2 页 共 3 页" in text
    imported = import_text(text)
    assert_every_cell(imported, data)
    assert imported.data["meta"]["agency"] == "某某市市场监督管理局"
    headings = [b.text for b in imported.draft.blocks if b.kind == "heading"]
    assert headings[0] == "一、总体情况"


def test_agency_and_year_without_a_title() -> None:
    """No title: the year from the opening sentence ("2022年，我局…" names no agency), the agency
    from the page's breadcrumb or the page title's suffix — each reported for checking."""
    from tests.review.real_forms import zero_data

    data = zero_data(2022, "某某县审计局")
    body = report_text(data, "pipe_rows", head=[], prose={"一": ["2022年，我局认真贯彻落实《条例》。"]})
    for head, how in [
        ("当前位置：首页 > 部门信息公开 > 某某县审计局 > 政府信息公开年报", "网页导航"),
        ("2022年度政府信息公开工作年度报告_某某县审计局", "网页标题"),
    ]:
        for text in (head + "\n" + body, one_line(head + "\n" + body)):
            imported = import_text(text)
            assert imported.data["meta"]["agency"] == "某某县审计局"
            assert imported.data["meta"]["year"] == 2022
            assert any(how in i.message and i.location == "meta.agency" for i in imported.issues)
            assert imported.cells_read == imported.cells_total


def test_a_2022_report_in_the_2019_layout_is_audited_not_refused(tmp_path: Any) -> None:
    import json

    from typer.testing import CliRunner

    from report_copilot.cli import app
    from tests.review.real_forms import zero_data

    data = zero_data(2020, "某某县审计局")
    text = report_text(data, "spaced", head=["某某县审计局2022年政府信息公开工作年度报告"])
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(path), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["year"] == 2022 and report["format"] == "2019"
    assert any(f["rule"] == "X-1" for f in report["findings"])


def test_an_inconsistent_report_in_digit_runs_keeps_its_total_row(tmp_path: Any) -> None:
    """A total row whose split is unique by its own shape is read even when the rows above do not
    add up to it: the report is inconsistent, and the audit reports T3-3 instead of a blank."""
    import json

    from typer.testing import CliRunner

    from report_copilot.cli import app
    from tests.review.real_forms import put, zero_data
    from tests.review.test_import_real_forms import cells

    data = put(
        zero_data(2020, "某某县审计局"),
        {
            "requests.new.natural_person": 20,
            "requests.new.other_org": 1,
            "requests.new.total": 21,
            "requests.granted.natural_person": 6,
            "requests.granted.other_org": 1,
            "requests.granted.total": 7,
            "requests.partially_granted.natural_person": 6,
            "requests.partially_granted.total": 6,
            "requests.unavailable.not_held.natural_person": 14,
            "requests.unavailable.not_held.total": 14,
            "requests.total.natural_person": 20,  # the rows above add up to 26
            "requests.total.other_org": 1,
            "requests.total.total": 21,
        },
    )
    text = report_text(data, "digit_runs", head=HEAD)
    assert "（七）总计200000121" in text
    imported = import_text(text)
    got = cells(imported.data)
    assert got["requests.total.natural_person"] == 20 and got["requests.total.total"] == 21
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = json.loads(CliRunner().invoke(app, ["audit", str(path), "--json"]).output)
    caught = [f for f in report["findings"] if f["rule"] == "T3-3" and f["severity"] == "error"]
    assert any("requests.total.natural_person" in (f.get("cells") or [f["location"]]) for f in caught)
