"""A clerk's whole job in a real 80×24 terminal: `copilot init` → figures typed and pasted from
Excel → draft → prose edited in the TUI's draft editor → Word exported, never leaving the TUI.

The keys are what a clerk presses (Tab to a field, ] to the next tab, a bracketed paste, d, i, Esc, e);
every wait is on what the screen says. The result is read back from the .docx with python-docx.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from report_copilot.model.formats import load_format
from report_copilot.model.report import Meta
from tests.tui.pty_terminal import FINISH_TIMEOUT, Terminal, Tui, pexpect

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

docx = pytest.importorskip("docx")

PLACEHOLDER = "【待补充"

SENTENCES = [
    "本局在门户网站政府信息公开专栏集中发布规章和规范性文件，并同步推送政策解读材料。",
    "本局统一受理窗口登记每件申请，承办科室逐件拟办并经法制审核后答复申请人。",
    "本局按季度梳理公开事项目录，信息发布前经业务科室和办公室两级审查。",
    "本局门户网站和政务新媒体由办公室统一管理，专栏内容随业务变化及时调整。",
    "本局将政府信息公开工作纳入年度考核，组织全体干部参加公开条例培训。",
    "部分栏目更新不够及时，政策解读形式较为单一，基层科室对公开标准掌握不一。",
    "下一步将建立栏目更新提醒制度，增加图解和问答式解读，并开展科室专题培训。",
]
"""What the clerk writes over each 【待补充】 paragraph of the template draft (no figures: every
number in the prose is checked against the data)."""


def tabs_to(path: str) -> int:
    """Tab presses from the tab bar to a 基本信息 field: the form itself, then its fields in order."""
    from report_copilot.tui.widgets.meta_form import form_fields

    paths = [p for p, _info, _kind in form_fields(Meta, "meta")]
    return 1 + paths.index(path) + 1


def downs_to(row: str) -> int:
    """↓ presses from 新收 to a row of 依申请公开 (the grid skips the read-only subtotal rows)."""
    table = next(t for t in load_format("2021").tables if t.id == "requests")
    return [r.id for r in table.blocks[0].rows].index(row)


def go_to_line(term: Tui, current: int, target: int) -> None:
    """Move the editor's cursor to the start of document line `target`: select the line (F6), go to
    its end, step past it — whatever the lines' soft wrapping at this width."""
    term.send(["f6", "right", "right"] * (target - current))


def test_from_init_to_an_exported_word_file_at_80x24(tmp_path: Path) -> None:
    home, folder = tmp_path / "home", tmp_path / "report"
    home.mkdir()
    folder.mkdir()
    init = Terminal(
        ["init", "-o", "report.json", "--year", "2024", "--agency", "云溪区测试局", "--zeros"],
        folder,
        home=home,
    )
    init.expect("已写入")
    init.expect(pexpect.EOF)
    data_file = folder / "report.json"

    term = Tui(data_file, home=home)
    try:
        term.keyboard_taken()
        # 基本信息: 成文日期 (export requires it), typed into its field; Esc leaves the field
        term.send(["tab"] * tabs_to("meta.issue_date") + [*"2025-01-20", "enter", "escape"])
        # 主动公开: 规章 本年制发 2, 现行有效 2, typed
        term.send(["]", "2", "enter", "up", "right", "right", "2", "enter"])
        # 依申请公开: three rows copied from Excel (新收, 上年结转, 予以公开), then the 总计 row
        term.send(["]"])
        term.paste("3\t2\t0\t0\t0\t0\t5\r\n0\t0\t0\t0\t0\t0\t0\r\n3\t2\t0\t0\t0\t0\t5\r\n")
        term.send(["down"] * downs_to("total"))
        term.paste("3\t2\t0\t0\t0\t0\t5\r\n")
        term.expect("已粘贴 1 行")
        # 草稿: draft with the offline template (no model service in this home)
        term.send(["]", "]", "]", "d"])
        term.expect("草稿第 1 版已写出", FINISH_TIMEOUT)
        draft_md = folder / "drafts" / "report.md"
        lines = draft_md.read_text(encoding="utf-8").splitlines()
        todo = [i for i, line in enumerate(lines) if line.startswith(PLACEHOLDER)]
        assert 0 < len(todo) <= len(SENTENCES), "the template draft should leave paragraphs to write"
        # edit the prose in the TUI: each 【待补充】 paragraph replaced by the clerk's sentence
        term.send(["i"])
        term.expect("编辑草稿")
        current = 0
        for line, sentence in zip(todo, SENTENCES, strict=False):
            go_to_line(term, current, line)
            term.send(["f6", *sentence])
            current = line
        term.send(["escape"])  # save as a new version and leave the editor
        term.expect("已保存为草稿第 2 版", FINISH_TIMEOUT)
        # 导出: e shows the gate with the focus on its 导出 button; e exports Word and Markdown (the
        # edited draft is the Markdown file: kept as the clerk saved it, never refused)
        term.send(["e", "e"])
        term.expect("已导出", FINISH_TIMEOUT)
        saved = term.save_and_quit()
    finally:
        term.close()

    requests = saved["requests"]
    assert requests["new"]["natural_person"] == 3 and requests["new"]["business"] == 2
    assert requests["granted"]["total"] == 5 and requests["total"]["total"] == 5
    assert saved["active"]["regulations"] == {"issued": 2, "abolished": 0, "in_force": 2}

    markdown = (folder / "drafts" / "report.md").read_text(encoding="utf-8")
    assert SENTENCES[0] in markdown and PLACEHOLDER not in markdown

    word = folder / "drafts" / "report.docx"
    assert word.exists()
    document = docx.Document(str(word))
    prose = "\n".join(p.text for p in document.paragraphs)
    assert SENTENCES[0] in prose and SENTENCES[len(todo) - 1] in prose
    assert PLACEHOLDER not in prose
    rows = [[cell.text.strip() for cell in row.cells] for table in document.tables for row in table.rows]
    pasted = ["3", "2", "0", "0", "0", "0", "5"]
    assert any(row[-7:] == pasted and "新收" in "".join(row) for row in rows), "the pasted 新收 row"
    assert any(row[-7:] == pasted and "予以公开" in "".join(row) for row in rows), "the pasted 予以公开 row"
