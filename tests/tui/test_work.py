"""Pilot tests of drafting (template backend and a fake LangChain chat model), the diff view and the
export gate."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Checkbox, OptionList, Select, Static, TabbedContent

from report_copilot.checks.prose import mention_findings
from report_copilot.tui.app import CopilotApp
from report_copilot.tui.messages import DraftFinished, DraftProgress
from report_copilot.tui.widgets.draft_view import VERDICT_STYLES, DraftView
from report_copilot.tui.widgets.findings_panel import FindingsPanel
from tests.drafting.fakes import ScriptedChatModel

pytestmark = pytest.mark.anyio

SIZE = (80, 24)


async def draft(app: CopilotApp, pilot: Any, backend: str = "template") -> Any:
    """Choose a backend in the draft tab and press d; wait for the worker."""
    app.screen.query_one(TabbedContent).active = "tab-draft"
    await pilot.pause()
    app.screen.query_one("#draft-backend", Select).value = backend
    app.screen.set_focus(None)
    await pilot.press("d")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


def body_texts(app: CopilotApp) -> list[Any]:
    body = app.screen.query_one("#draft-body", OptionList)
    return [body.get_option_at_index(i).prompt for i in range(body.option_count)]


async def test_template_draft_streams_highlights_and_binds(data_file: Path) -> None:
    app = CopilotApp(data_file)
    events: list[str] = []

    def spy(message: Any) -> None:
        if isinstance(message, DraftProgress):
            events.append(message.event.kind)

    async with app.run_test(size=SIZE, message_hook=spy) as pilot:
        screen = await draft(app, pilot)
        result = screen.draft_result
        assert result is not None and result.backend == "template"
        assert "section_done" in events and events[-1] == "done"
        texts = body_texts(app)
        assert len(texts) == len(result.draft.blocks)
        assert texts[0].plain == result.draft.blocks[0].text
        # numbers are styled by verdict: a bound figure is green in its block
        bound = next(m for m in result.check.mentions if m.verdict == "bound")
        spans = [s for s in texts[bound.block].spans if s.start == bound.start and s.end == bound.end]
        assert spans and str(spans[0].style) == VERDICT_STYLES["bound"]
        # selecting that number shows what it binds to
        view = app.screen.query_one(DraftView)
        listing = app.screen.query_one("#draft-mentions", OptionList)
        listing.focus()
        listing.highlighted = view.mentions.index(bound)
        await pilot.pause()
        binding = str(app.screen.query_one("#draft-binding", Static).render())
        assert bound.text in binding and "对应" in binding
        assert app.screen.query_one("#draft-body", OptionList).highlighted == bound.block
        # the version is on disk; an unchanged re-draft is that version again, not a new one
        history = data_file.parent / "drafts" / ".history" / data_file.stem
        kept = (history / "0001.md").read_text(encoding="utf-8")
        await draft(app, pilot)
        assert (history / "0001.md").read_text(encoding="utf-8") == kept and not (
            history / "0002.md"
        ).exists()


async def test_draft_with_a_fake_chat_model_streams_chunks(data_file: Path) -> None:
    model = ScriptedChatModel()
    app = CopilotApp(data_file, chat_model=model)
    chunks: list[str] = []

    def spy(message: Any) -> None:
        if isinstance(message, DraftProgress) and message.event.kind == "chunk":
            chunks.append(message.event.text)

    async with app.run_test(size=SIZE, message_hook=spy) as pilot:
        screen = await draft(app, pilot, backend="auto")
        result = screen.draft_result
        assert result is not None and result.backend == "openai"
        assert model.prompts, "the injected chat model was called"
        assert chunks, "model output streamed into the view"
        assert {s.outcome for s in result.sections} <= {"llm", "repaired", "fallback"}
        assert "第 1 版" in str(app.screen.query_one("#draft-body", OptionList).border_title)


async def test_wrong_number_is_marked_and_its_finding_jumps_to_the_sentence(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await draft(app, pilot)
        result, written = screen.draft_result, screen.draft_written
        # Make one number wrong, as a model that invented a figure would (the checker's verdict).
        wrong = next(m for m in result.check.mentions if m.verdict == "bound" and m.block > 5)
        wrong.verdict, wrong.message, wrong.expected = "mismatch", "与数据不符（测试）", "99件"
        result.check.findings.extend(mention_findings([wrong]))  # what the checker reports for it
        app.screen.post_message(DraftFinished(result, written))
        await pilot.pause()
        assert screen.panel_mode == "draft"
        panel = app.screen.query_one(FindingsPanel)
        finding = next(f for f in panel.findings if "与数据不符（测试）" in f.message)
        assert finding.severity == "error"
        texts = body_texts(app)
        spans = [s for s in texts[wrong.block].spans if (s.start, s.end) == (wrong.start, wrong.end)]
        assert str(spans[-1].style) == VERDICT_STYLES["mismatch"]
        panel.focus()
        panel.highlighted = panel.findings.index(finding)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#draft-body", OptionList).highlighted == wrong.block
        # a data finding in the same list still goes to its cell
        app.session.set_cell("requests.new.business", "11")
        screen.draft_result.tables = app.session.result.check
        app.screen.post_message(DraftFinished(result, written))
        await pilot.pause()
        table_finding = next(f for f in panel.findings if f.rule == "T3-2")
        panel.focus()
        panel.highlighted = panel.findings.index(table_finding)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tab-requests"


async def test_cancel_stops_drafting(data_file: Path) -> None:
    class SlowModel(ScriptedChatModel):
        """Streams nothing until cancelled (gives up after 10 s so a broken cancel fails, not hangs)."""

        async def _astream(self, *args: Any, **kwargs: Any) -> Any:
            for _ in range(500):
                await asyncio.sleep(0.02)
            async for chunk in super()._astream(*args, **kwargs):
                yield chunk

    app = CopilotApp(data_file, chat_model=SlowModel())
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(TabbedContent).active = "tab-draft"
        await pilot.pause()
        app.screen.set_focus(None)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one("#draft-cancel").disabled is False
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.draft_result is None  # type: ignore[attr-defined]
        assert "停止" in str(app.screen.query_one("#status", Static).render())
        assert app.screen.query_one("#draft-start").disabled is False


async def test_export_gate_refuses_a_draft_with_errors(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_cell("requests.new.business", "11")  # T3-1 and T3-2 break
        screen = await draft(app, pilot)
        assert not screen.draft_result.ok
        await pilot.press("e")  # to the export tab: the gate is shown before anything is written
        assert app.screen.query_one(TabbedContent).active == "tab-export"
        gate = str(app.screen.query_one("#export-gate", Static).render())
        assert "导出将被拒绝" in gate
        app.screen.set_focus(None)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        outcome = str(app.screen.query_one("#export-text", Static).render())
        assert outcome.startswith("未导出") and "T3-1" in outcome
        assert "未导出" in str(app.screen.query_one("#status", Static).render())
        assert not (data_file.parent / "drafts" / f"{data_file.stem}.docx").exists()


async def test_forced_export_writes_marked_documents(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_cell("requests.new.business", "11")
        await draft(app, pilot)
        app.screen.query_one(TabbedContent).active = "tab-export"
        await pilot.pause()
        app.screen.query_one("#export-force", Checkbox).value = True
        app.screen.set_focus(None)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        outcome = str(app.screen.query_one("#export-text", Static).render())
        assert outcome.startswith("已导出") and "未通过数字核对" in outcome
        md = data_file.parent / "drafts" / f"{data_file.stem}.md"
        assert "未通过数字核对" in md.read_text(encoding="utf-8")
        assert (data_file.parent / "drafts" / f"{data_file.stem}.docx").is_file()


async def test_export_refuses_a_draft_older_than_the_data(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await draft(app, pilot)
        docx = data_file.parent / "drafts" / f"{data_file.stem}.docx"
        before = docx.stat().st_mtime_ns if docx.exists() else None  # written by drafting when it passed
        app.session.set_cell("appeals.review.other", "1")
        app.screen.query_one(TabbedContent).active = "tab-export"
        await pilot.pause()
        assert "重新起草" in str(app.screen.query_one("#export-gate", Static).render())
        app.screen.query_one("#export-force", Checkbox).value = True  # not even forced
        app.screen.set_focus(None)
        await pilot.press("e")
        await pilot.pause()
        assert "重新起草" in str(app.screen.query_one("#export-text", Static).render())
        assert (docx.stat().st_mtime_ns if docx.exists() else None) == before


async def test_diff_view_compares_with_an_earlier_version(data_file: Path) -> None:
    app = CopilotApp(data_file)
    async with app.run_test(size=SIZE) as pilot:
        await draft(app, pilot)
        facts = app.session.value("facts")
        changed = [dict(f) for f in facts]
        old_value = changed[0]["value"]
        changed[0]["value"] = old_value + 100
        app.session.set_facts(changed)
        await draft(app, pilot)
        app.screen.query_one(TabbedContent).active = "tab-diff"
        await pilot.pause()
        select = app.screen.query_one("#diff-version", Select)
        assert select.value == 1
        app.screen.query_one("#diff-run").press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#diff-text", Static).render())
        assert "第 1 版" in text and "当前草稿" in text
        assert f"{old_value} → {old_value + 100}" in text
