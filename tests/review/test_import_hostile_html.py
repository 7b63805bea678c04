"""Hostile web pages end with a Chinese message and exit 2, and a page's escaped markup is still read.

The files are generated here: deep nesting that made the old tree reader quadratic, an oversized
page, and a report stored as a JSON-escaped string, as crawlers save it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report_copilot.errors import InputError
from report_copilot.inputs.published import import_published
from report_copilot.inputs.published.html_reader import MAX_DEPTH, MAX_HTML_CHARS, html_lines


def test_deeply_nested_page_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 20_000 + "x" + "</div>" * 20_000 + "</body></html>")
    with pytest.raises(InputError) as caught:
        import_published(page)
    assert caught.value.exit_code == 2
    assert f"{MAX_DEPTH} 层" in str(caught.value)


def test_oversized_page_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_bytes(b"<html><body><p>" + b"a" * (MAX_HTML_CHARS + 1) + b"</p></body></html>")
    with pytest.raises(InputError) as caught:
        import_published(page)
    assert "过大" in str(caught.value)


def test_unclosed_paragraphs_are_not_nesting() -> None:
    """Pages that never close <p>, <li> or <td> are ordinary, not hostile."""
    body = "<div>" + "<p>段落" * (MAX_DEPTH * 3) + "</div>"
    lines = [x for x in html_lines(body) if x.strip()]
    assert len(lines) == MAX_DEPTH * 3


def test_layout_table_keeps_its_data_table_rows() -> None:
    page = (
        "<table><tr><td>导航</td><td>"
        "<table><tr><td>规章</td><td>1</td><td></td><td>3</td></tr></table>"
        "</td></tr></table>"
    )
    lines = [x.strip() for x in html_lines(page) if x.strip()]
    assert "规章 1 ∅ 3" in lines
    assert "导航" in lines


def test_json_escaped_page_is_read(tmp_path: Path) -> None:
    rows = "".join(
        f'<tr><td colspan=\\"3\\"><p>{label}</p></td>'
        + "".join(f"<td><p>{v}</p></td>" for v in values)
        + "</tr>"
        for label, values in [
            ("一、本年新收政府信息公开申请数量", ["5", "&nbsp;", "", "", "", "", "5"]),
            ("二、上年结转政府信息公开申请数量", ["0", "", "", "", "", "", "0"]),
        ]
    )
    content = (
        "<p>测试县审计局2021年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
        f'<table border=\\"1\\"><tbody>{rows}</tbody></table><p>四、政府信息公开行政复议、行政诉讼情况</p>'
    )
    page = tmp_path / "report.txt"
    page.write_text(f'let content = "{content}"\n', encoding="utf-8")
    report = import_published(page)
    assert report.data["meta"]["year"] == 2021
    new = report.data["requests"]["new"]
    assert new["natural_person"] == 5
    assert new["total"] == 5
    assert new["business"] is None  # printed blank (&nbsp;): blank, never 0


def test_word_span_clutter_inside_a_cell_is_one_number() -> None:
    """Word saves "12" as <span>1</span><span>2</span>; paragraphs inside a cell stay apart."""
    page = (
        "<table><tr><td><p><span>（二）部分公开</span></p><p>（区分处理的）</p></td>"
        "<td><p class=MsoNormal><span lang=EN-US>1</span><span lang=EN-US>2</span></p></td>"
        "<td><p><span>&nbsp;</span></p></td><td><p>3</p></td></tr></table>"
    )
    lines = [x.strip() for x in html_lines(page) if x.strip()]
    assert lines == ["（二）部分公开 （区分处理的） 12 ∅ 3"]


def test_page_with_too_many_elements_is_refused(tmp_path: Path) -> None:
    from report_copilot.inputs.published.html_reader import MAX_ELEMENTS

    page = tmp_path / "wide.html"
    page.write_text("<html><body>" + "<p>段落</p>" * (MAX_ELEMENTS + 1) + "</body></html>", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_published(page)
    assert caught.value.exit_code == 2
    assert f"{MAX_ELEMENTS} 个" in str(caught.value)


def test_text_far_longer_than_a_report_is_refused(tmp_path: Path) -> None:
    from report_copilot.inputs.published.importer import MAX_TEXT_CHARS

    page = tmp_path / "long.txt"
    page.write_text("政" * (MAX_TEXT_CHARS + 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_published(page)
    assert caught.value.exit_code == 2
    assert "远超一篇年度报告" in str(caught.value)


def test_decoding_a_page_defers_soupsieve_and_selectors_still_work() -> None:
    # In a fresh interpreter, where bs4 is not imported yet: the reader imports bs4 without its
    # CSS-selector library (a slow import), decodes as before, and a later selector still works.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from report_copilot.inputs.published.html_reader import decode_html\n"
        "page = '<html><head><meta charset=\"gbk\"></head><p>收到申请 12 件</p></html>'.encode('gbk')\n"
        "text = decode_html(page)\n"
        "assert 'soupsieve' not in sys.modules and '收到申请' in text\n"
        "from bs4.dammit import UnicodeDammit\n"
        "assert text == UnicodeDammit(page, is_html=True).unicode_markup\n"
        "from bs4 import BeautifulSoup\n"
        "soup = BeautifulSoup('<p class=\"a\">x</p><p>y</p>', 'html.parser')\n"
        "assert [p.text for p in soup.select('p.a')] == ['x']\n"
        "assert soup.css.escape('a b') == 'a\\\\ b'\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
