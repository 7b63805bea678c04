"""`copilot import` of reports published as OFD (GB/T 33190): the figures of the data, laid out by
position like `pdftotext -layout`; a damaged, empty or hostile package refused in Chinese (exit 2)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.inputs.published.ofd import ofd_lines
from tests.review.crafted_ofd import NS, page_xml, report_ofd, text_object, write_ofd
from tests.review.test_import import assert_same_figures, cells

runner = CliRunner()


def _imported(path: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("style", ["plain", "g", "none"])
def test_an_ofd_report_gives_the_figures_of_its_data(
    example_2021: dict[str, Any], tmp_path: Path, style: str
) -> None:
    """DeltaX listed, compressed ("g N v"), or absent (the object's width divided evenly)."""
    path = report_ofd(tmp_path / "2024年报.ofd", example_2021, style=style)
    data = _imported(path, tmp_path)
    assert_same_figures(data, example_2021)
    assert data["meta"]["agency"] == "云溪市市场监督管理局" and data["meta"]["year"] == 2024


def test_an_ofd_report_of_the_2019_format(seed_2019: dict[str, Any], tmp_path: Path) -> None:
    path = report_ofd(tmp_path / "2019年报.ofd", seed_2019, top=180)
    data = _imported(path, tmp_path)
    assert_same_figures(data, seed_2019)
    assert data["meta"] == {"agency": "固原市人民政府办公室", "year": 2019, "format": "2019"}


def test_a_table_continues_on_the_next_page_without_its_header(
    example_2021: dict[str, Any], tmp_path: Path
) -> None:
    path = report_ofd(tmp_path / "年报.ofd", example_2021, top=30)
    with zipfile.ZipFile(path) as archive:
        assert sum(n.endswith("Content.xml") for n in archive.namelist()) >= 2
    lines = ofd_lines(path)
    first_page = lines[: lines.index("")]
    assert any("一、本年新收政府信息公开申请数量" in x for x in first_page)
    assert not any("（七）总计" in x for x in first_page)  # the table's end is on the next page
    assert sum("自然人" in x for x in lines) == 1
    assert_same_figures(_imported(path, tmp_path), example_2021)


def _page(*objects: str, layers: int = 1) -> str:
    """A page drawing template 5 under its content, its objects in one layer or two."""
    body = "".join(objects)
    if layers == 2:
        half = len(objects) // 2
        body = "".join(objects[:half]) + '</ofd:Layer><ofd:Layer ID="9">' + "".join(objects[half:])
    return page_xml(body, template=5)


def test_positions_templates_layers_and_page_order(tmp_path: Path) -> None:
    """TextCode X/Y from the Boundary's origin, a CTM's scale, a TextCode continuing the one
    before (no X), DeltaX setting figures apart in one TextCode, a PageBlock, two layers, a
    template's header on each page, and pages in Document.xml's order, not the parts'."""
    filler = "依据《中华人民共和国政府信息公开条例》规定，现将本年度政府信息公开工作情况报告如下。"
    scaled = (
        '<ofd:TextObject ID="7" Boundary="40 50 60 10" Size="2" CTM="2 0 0 2 0 0">'
        '<ofd:TextCode X="0" Y="2">行政</ofd:TextCode><ofd:TextCode Y="2">许可</ofd:TextCode></ofd:TextObject>'
    )
    apart = (
        '<ofd:PageBlock ID="8"><ofd:TextObject ID="9" Boundary="101 50 60 10" Size="4">'
        '<ofd:TextCode X="10" Y="4" DeltaX="20 2 18">12 30</ofd:TextCode></ofd:TextObject></ofd:PageBlock>'
    )
    first = _page(text_object(1, (25, 40, 4, filler)), scaled, apart, layers=2)
    second = _page(text_object(1, (25, 40, 4, "第二页的文字"), "g"))
    header = text_object(1, (25, 20, 3, "某某市人民政府办公室"))
    path = write_ofd(tmp_path / "t.ofd", [second, first], templates={5: header}, order=[1, 0])
    lines = ofd_lines(path)
    blank = lines.index("")
    assert lines[0].strip() == "某某市人民政府办公室" and lines[blank + 1].strip() == "某某市人民政府办公室"
    assert lines[1].strip().startswith("依据《中华人民共和国") and lines[blank + 2].strip() == "第二页的文字"
    row = lines[2]
    assert row.split() == ["行政许可", "1", "2", "30"]
    # 行政许可 starts 15 mm right of the page's leftmost text (40 mm: the CTM doubles X), the figures
    # 86, 106 and 126 mm: a column is half a CJK character (2 mm for the page's 4 mm characters).
    assert [row.index(w) for w in ("行政许可", "1", "2", "30")] == [8, 43, 53, 63]


def _refused(path: Path, tmp_path: Path, *words: str) -> None:
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert path.name in result.output
    for word in words:
        assert word in result.output, result.output
    assert not (tmp_path / "out.json").exists()


def test_a_damaged_ofd_is_refused(example_2021: dict[str, Any], tmp_path: Path) -> None:
    whole = report_ofd(tmp_path / "whole.ofd", example_2021).read_bytes()
    cut = tmp_path / "年报（不完整）.ofd"
    cut.write_bytes(whole[: len(whole) // 2])
    _refused(cut, tmp_path, "不是可读取的 OFD 文件")


def test_a_zip_without_ofd_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "附件.ofd"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Doc_0/Document.xml", f'<ofd:Document xmlns:ofd="{NS}"/>')
    _refused(path, tmp_path, "不是可读取的 OFD 文件")


def test_a_page_of_broken_xml_is_refused(tmp_path: Path) -> None:
    path = write_ofd(tmp_path / "坏页.ofd", ["<ofd:Page xmlns:ofd='x'><ofd:Content>"])
    _refused(path, tmp_path, "不是可读取的 OFD 文件")


def test_an_ofd_of_scanned_pages_has_no_text_layer(tmp_path: Path) -> None:
    image = '<ofd:ImageObject ID="2" Boundary="0 0 210 297" ResourceID="3" CTM="210 0 0 297 0 0"/>'
    path = write_ofd(tmp_path / "扫描件.ofd", [page_xml(image), page_xml(image)])
    _refused(path, tmp_path, "没有文字层", "扫描件")


def test_entities_are_not_resolved(tmp_path: Path) -> None:
    """An external entity (a local file) is never read into the text."""
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    filler = "依据《中华人民共和国政府信息公开条例》规定，现将本年度政府信息公开工作情况报告如下。"
    body = text_object(1, (25, 40, 4, filler * 2)) + text_object(2, (25, 50, 4, "&xxe;")).replace(
        "&amp;", "&"
    )
    page = page_xml(body).replace('<?xml version="1.0" encoding="UTF-8"?>', "")
    path = write_ofd(tmp_path / "实体.ofd", [f'<!DOCTYPE p [<!ENTITY xxe SYSTEM "file://{secret}">]>{page}'])
    lines = ofd_lines(path)
    assert lines[0].startswith("依据") and "机密" not in "".join(lines)


def test_a_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "炸弹.ofd"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{NS}"/>')
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", b" " * (8 * 1024 * 1024))
    _refused(path, tmp_path, "压缩炸弹")


@pytest.mark.parametrize(
    ("attribute", "hostile"),
    [("X", 'X="1e300"'), ("X", 'X="nan"'), ("DeltaX", 'X="0" DeltaX="g 999999999 1"')],
)
def test_hostile_numbers_are_refused_or_bounded(tmp_path: Path, attribute: str, hostile: str) -> None:
    """A coordinate far off any page is a damaged file; a DeltaX repeat is never expanded past the
    characters it spaces (no line, no list, of a billion entries)."""
    filler = "依据《中华人民共和国政府信息公开条例》规定，现将本年度政府信息公开工作情况报告如下。" * 2
    body = text_object(1, (25, 40, 4, filler), "none").replace('X="0"', hostile, 1)
    path = write_ofd(tmp_path / "异常.ofd", [page_xml(body)])
    if attribute == "X":
        _refused(path, tmp_path, "不是可读取的 OFD 文件")
    else:
        assert ofd_lines(path)[0].startswith("依据《中华人民共和国")


def test_no_figure_is_misplaced_when_a_margin_label_shares_a_rows_line(
    seed_2019: dict[str, Any], tmp_path: Path
) -> None:
    """Table 三 starting high on the page: its group label 三、本年度办理结果, centred over the rows
    on the first page, prints beside the rows' own labels (三、本 / 年度办 / 理结果). Every figure read
    is the data's; a row the importer cannot place is listed, never guessed."""
    path = report_ofd(tmp_path / "2019年报.ofd", seed_2019, top=30)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code in {0, 1}, result.output
    got = cells(json.loads(out.read_text(encoding="utf-8")))
    expected = cells(seed_2019)
    assert {k: (v, expected[k]) for k, v in got.items() if v is not None and v != expected[k]} == {}
    assert sum(v is not None for v in got.values()) >= len(expected) - 10
