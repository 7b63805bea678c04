"""`copilot import`: published reports in every form agencies publish them → exactly their figures."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.json_input import report_from_data
from report_copilot.inputs.published import import_published, import_text
from report_copilot.model.report import raw_cell_values
from tests.conftest import EXAMPLES, SEED_FILE, load_example, set_cell
from tests.review.published import VARIANT_HEADINGS, published_docx, published_html, published_text
from tests.review.ruled_pdf import pdf_file

SEED = SEED_FILE
runner = CliRunner()


def cells(data: dict[str, Any]) -> dict[str, Any]:
    return raw_cell_values(report_from_data(data, with_previous=False))


def assert_same_figures(got: dict[str, Any], expected: dict[str, Any]) -> None:
    a, b = cells(got), cells(expected)
    assert a.keys() == b.keys()
    wrong = {k: (a[k], b[k]) for k in a if a[k] != b[k]}
    assert wrong == {}
    for key in ("agency", "year"):
        assert got["meta"][key] == expected["meta"][key]
    assert got["meta"]["format"] == report_from_data(expected, with_previous=False).format.id


def test_seed_text_reproduces_the_published_figures(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    result = runner.invoke(app, ["import", str(SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert_same_figures(data, seed_2019)
    assert data["meta"] == {"agency": "固原市人民政府办公室", "year": 2019, "format": "2019"}
    assert data["proper_names"] == ["331"]
    assert "读取 198/198 个单元格" in result.output


def test_seed_prose_is_rebuilt_into_sections() -> None:
    imported = import_published(SEED)
    draft = imported.draft
    headings = [b.text for b in draft.blocks if b.kind == "heading" and b.level == 1]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    paragraphs = [b for b in draft.blocks if b.kind == "paragraph"]
    on_request = next(b for b in paragraphs if "共收到政府信息公开申请33件" in b.text)
    assert on_request.section == "overview.on_request"
    # Lines broken by the PDF are joined without spaces; paragraphs end where the text does.
    assert any(b.text.startswith("一是加强组织领导。") and "专职人员2人" in b.text for b in paragraphs)
    assert draft.table_ids() == ["active", "requests", "appeals"]
    assert [b.text for b in draft.blocks if b.section == "other" and b.kind == "paragraph"] == ["无。"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_2021_text_with_labels_broken_anywhere(example_2021: dict[str, Any], seed: int) -> None:
    example_2021.pop("previous")
    text = published_text(example_2021, seed=seed)
    imported = import_text(text)
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, example_2021)
    # The 2021 （六） has three sub-rows.
    assert imported.data["requests"]["other"]["no_supplement"]["natural_person"] == 2


def test_heading_variants_are_accepted(example_2021: dict[str, Any]) -> None:
    example_2021.pop("previous")
    imported = import_text(published_text(example_2021, headings=VARIANT_HEADINGS, seed=5))
    assert_same_figures(imported.data, example_2021)
    keys = [b.section for b in imported.draft.blocks if b.kind == "heading" and b.level == 1]
    assert keys == ["overview", "active", "requests", "appeals", "problems", "other"]


def test_seed_figures_printed_as_2019_text_again(seed_2019: dict[str, Any]) -> None:
    imported = import_text(published_text(seed_2019, seed=11))
    assert_same_figures(imported.data, seed_2019)


def test_html_page_with_real_tables(example_2021: dict[str, Any], tmp_path: Path) -> None:
    example_2021.pop("previous")
    page = tmp_path / "report.html"
    page.write_text(published_html(example_2021), encoding="utf-8")
    imported = import_published(page)
    assert imported.source_kind == "html"
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, example_2021)
    texts = [b.text for b in imported.draft.blocks]
    assert not any("版权所有" in t or "首页" in t for t in texts)
    assert any("全年共收到政府信息公开申请72件" in t for t in texts)


def test_html_in_gb18030_encoding(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    page = tmp_path / "report.htm"
    html = published_html(seed_2019).replace("charset='utf-8'", "charset='gb2312'")
    page.write_bytes(html.encode("gb18030"))
    assert_same_figures(import_published(page).data, seed_2019)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-be", "utf-8-sig"])
def test_a_text_saved_by_windows_tools_is_read_in_its_encoding(
    example_2021: dict[str, Any], tmp_path: Path, encoding: str
) -> None:
    """Notepad's "ANSI" (GBK) and "Unicode" (UTF-16 with a byte-order mark) saves of a copied report."""
    example_2021.pop("previous")
    path = tmp_path / "report.txt"
    text = published_text(example_2021)
    path.write_bytes((("\ufeff" + text) if encoding == "utf-16-be" else text).encode(encoding))
    assert path.read_bytes()[:2] in {b"\xff\xfe", b"\xfe\xff"} or encoding in {"gb18030", "utf-8-sig"}
    assert_same_figures(import_published(path).data, example_2021)


def test_word_file_with_merged_group_cells(example_2021: dict[str, Any], tmp_path: Path) -> None:
    example_2021.pop("previous")
    path = tmp_path / "report.docx"
    published_docx(example_2021, path)
    imported = import_published(path)
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, example_2021)


def test_digits_run_together_are_split_by_the_identities(
    example_2021: dict[str, Any], tmp_path: Path
) -> None:
    example_2021.pop("previous")
    page = tmp_path / "crawl.html"
    page.write_text(published_html(example_2021, run_together="new"), encoding="utf-8")
    imported = import_published(page)
    assert_same_figures(imported.data, example_2021)
    (issue,) = [i for i in imported.issues if i.kind == "inferred"]
    assert "58 9 1 0 3 1 72" in issue.message


def test_ambiguous_run_together_digits_are_reported_not_guessed(seed_2019: dict[str, Any]) -> None:
    # "121212" for 本年新制作 / 本年新公开 / 对外公开总数量: 12 12 12, 1 21 212, 121 2 12 … all satisfy
    # the only identity of that row (新公开 ≤ 总数量), so the row is not guessed.
    text = published_text(seed_2019, break_labels=False).replace("规范性文件 12 12 12", "规范性文件 121212")
    imported = import_text(text)
    (issue,) = [i for i in imported.issues if i.kind == "ambiguous"]
    assert issue.location == "active.normative_documents"
    assert [12, 12, 12] in issue.candidates and len(issue.candidates) > 1
    assert "不止一种" in issue.message
    assert all(cells(imported.data)[cid] is None for cid in issue.cells)
    assert not imported.complete


def test_run_together_rows_resolved_through_other_rows(seed_2019: dict[str, Any]) -> None:
    # 33 = 3 + 30 fits the row alone; the column identities (T3-1, T3-3) decide.
    text = published_text(seed_2019, break_labels=False)
    text = text.replace(
        "一、本年新收政府信息公开申请数量 33 0 0 0 0 0 33", "一、本年新收政府信息公开申请数量 330000033"
    )
    text = text.replace("（七）总计 33 0 0 0 0 0 33", "（七）总计 330000033")
    imported = import_text(text)
    assert_same_figures(imported.data, seed_2019)
    assert {i.kind for i in imported.issues} == {"inferred"}


def test_unreadable_and_blank_cells_are_reported(seed_2019: dict[str, Any]) -> None:
    text = published_text(seed_2019, break_labels=False)
    text = text.replace("（一）予以公开 6 0 0 0 0 0 6", "（一）予以公开 6 0 O 0 0 0 6")
    text = text.replace("规章 0 0 0", "规章 | | 0 | 0 |")
    text = text.replace("行政强制 0 0 0", "行政强制 / 0 0")
    imported = import_text(text)
    values = cells(imported.data)
    assert values["requests.granted.research"] is None
    assert values["requests.granted.business"] == 0 and values["requests.granted.total"] == 6
    assert values["active.regulations.produced"] is None
    assert values["active.enforcement.previous_items"] == 0
    kinds = {(i.kind, i.location) for i in imported.issues}
    assert ("unreadable", "requests.granted.research") in kinds
    assert ("blank", "active.regulations.produced") in kinds
    assert ("na", "active.enforcement") in kinds
    unreadable = next(i for i in imported.issues if i.location == "requests.granted.research")
    assert "「O」" in unreadable.message and "科研机构" in unreadable.where


def test_a_missing_row_is_reported(seed_2019: dict[str, Any]) -> None:
    text = published_text(seed_2019, break_labels=False).replace("2.重复申请 0 0 0 0 0 0 0\n", "")
    imported = import_text(text)
    (issue,) = [i for i in imported.issues if i.kind == "missing_row"]
    assert issue.location == "requests.not_processed.repeated"
    assert all(cells(imported.data)[c] is None for c in issue.cells)


def test_a_2021_report_on_the_old_template_is_read_in_the_old_format(seed_2019: dict[str, Any]) -> None:
    data = set_cell(seed_2019, "meta.year", 2022)
    data["meta"].pop("format")
    data["meta"]["format"] = "2019"
    imported = import_text(published_text(data, seed=3))
    assert imported.data["meta"]["year"] == 2022 and imported.format_id == "2019"


def _pdf_with_text(lines: list[str]) -> bytes:
    """A minimal PDF whose text layer is `lines` (a Type0 font with a ToUnicode map, no glyphs needed)."""
    chars = sorted({ch for line in lines for ch in line})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    cmap_lines = [f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars]
    bf = ""
    for start in range(0, len(cmap_lines), 100):
        chunk = cmap_lines[start : start + 100]
        bf += f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + bf + "endcmap CMapName currentdict /CMap "
        "defineresource pop end end"
    ).encode()
    content = "BT /F1 10 Tf 12 TL 40 800 Td\n"
    for line in lines:
        content += "<" + "".join(f"{code[ch]:04X}" for ch in line) + "> Tj T*\n"
    content += "ET"
    stream = zlib.compress(content.encode())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return pdf_file(objects)


def test_pdf_text_layer(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    lines = [x for x in published_text(seed_2019, break_labels=False).splitlines() if x.strip()]
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf_with_text(lines))
    imported = import_published(path)
    assert imported.source_kind == "pdf"
    assert_same_figures(imported.data, seed_2019)


def test_unreadable_files_exit_2_with_a_chinese_message(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_pdf_with_text(["1"]))
    notes = tmp_path / "notes.txt"
    notes.write_text("这不是年度报告，没有任何表格。\n", encoding="utf-8")
    odd = tmp_path / "report.pages"
    odd.write_text("x", encoding="utf-8")
    for path, words in (
        (scan, "文字层"),
        (notes, "未找到"),
        (odd, "不支持"),
        (tmp_path / "none.txt", "找不到"),
    ):
        result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "x.json")])
        assert result.exit_code == 2, result.output
        assert words in result.output and "Traceback" not in result.output


def test_import_does_not_overwrite_without_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    out.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["import", str(SEED), "-o", str(out)])
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert out.read_text(encoding="utf-8") == "{}"


def test_import_writes_the_prose_as_a_draft_and_reports_json(tmp_path: Path) -> None:
    draft = tmp_path / "seed.md"
    result = runner.invoke(
        app, ["import", str(SEED), "-o", str(tmp_path / "d.json"), "--draft", str(draft), "--json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["complete"] is True and payload["cells_read"] == payload["cells_total"] == 198
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# 固原市人民政府办公室2019年政府信息公开工作年度报告")
    assert "## 三、收到和处理政府信息公开申请情况" in text and '<table data-table="requests">' in text


def test_import_exit_1_when_cells_could_not_be_read(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_text(
        published_text(seed_2019, break_labels=False).replace("规章 0 0 0", "规章 0 ? 0"), encoding="utf-8"
    )
    result = runner.invoke(app, ["import", str(source), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 1
    assert "未读取" in result.output and "本年新公开数量" in result.output


def test_examples_are_unchanged_by_the_round_trip() -> None:
    # The example files themselves are the reference: nothing in the importer writes to them.
    assert json.loads((EXAMPLES / "guyuan-2019.json").read_text(encoding="utf-8")) == load_example(
        "guyuan-2019.json"
    )
