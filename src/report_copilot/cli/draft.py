"""`copilot draft`: draft the narrative of a report, check it, and write it with its provenance."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from report_copilot.cli.common import app, err, print_json, user_errors
from report_copilot.errors import EXIT_FINDINGS, EXIT_MODEL_UNAVAILABLE, EXIT_OK

if TYPE_CHECKING:
    from report_copilot.service.drafting import DraftResult, DraftWritten
    from report_copilot.settings import CopilotSettings


@app.command()
def draft(
    file: Path = typer.Argument(..., help="报告数据文件（JSON）"),
    output: Path = typer.Option(Path("drafts"), "--output", "-o", help="输出目录（默认 ./drafts）"),
    backend: str = typer.Option(
        None,
        "--backend",
        "-b",
        help="起草方式：template（离线模板）或 openai（OpenAI 兼容模型服务）；默认按设置",
    ),
    model: str = typer.Option(None, "--model", "-m", help="模型名称（覆盖设置）"),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI 兼容服务地址（覆盖设置）"),
    previous: Path | None = typer.Option(
        None, "--previous", "-p", help="上年报告：数据文件（.json）或已发布的报告（跨年度比较与核对）"
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="不使用缓存，每个部分都重新调用模型"),
    force: bool = typer.Option(False, "--force", help="数字核对未通过也导出（文档顶部标注“未通过数字核对”）"),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="覆盖已存在、且不是本草稿上次生成后未改动的 Word 文件"
    ),
    prompts: Path | None = typer.Option(None, "--prompts", help="本单位提示词目录（同名文件覆盖内置提示词）"),
    export: bool = typer.Option(
        True, "--export/--no-export", help="核对通过时导出 Word（--no-export 只写 Markdown 草稿和来源记录）"
    ),
    fallback: str = typer.Option(
        None,
        "--fallback",
        help="模型服务连不上或拒绝密钥时：error（默认）写出模板稿并以退出码 3 结束；template 写出模板稿并正常结束",
    ),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出结果"),
) -> None:
    """起草年度报告正文并核对其中每个数字，写出草稿、历史版本和来源记录（provenance）。

    写出：DIR/<名称>.md、DIR/<名称>.provenance.json，核对通过时还有 DIR/<名称>.docx；
    每个版本另存于 DIR/.history/<名称>/NNNN.md 和 NNNN.provenance.json；内容与上一版相同时不另存新版本。
    再次起草时，草稿若已手工修改：修改稿先存为一个历史版本，手工改过的部分原样保留，
    其余部分重新生成；保留部分的数据若有变化，列为“请复核”。所有文件一起写出或都不写出。
    退出码：0 全部核对通过；1 仍有错误（已写出草稿和问题清单，未导出 Word）；2 文件无法读取或设置有误；
    3 指定的模型服务连不上或拒绝了密钥（已用离线模板写出草稿；--fallback template 时为 0/1）；130 已中断。
    """
    from report_copilot import service

    with user_errors(json_output):
        report = service.load(file, previous)
        settings = service.drafting_settings(
            backend=backend,
            model=model,
            base_url=base_url,
            prompts_dir=prompts,
            use_cache=False if no_cache else None,
            fallback=fallback,
        )
        with _Progress(enabled=not json_output) as progress:
            result = service.draft_report(
                report, backend=backend, settings=settings, use_cache=not no_cache, on_event=progress.on_event
            )
        written = service.write_draft_outputs(
            result, report, output, file.stem, force=force, export=export, overwrite=overwrite
        )
        result = written.result or result  # hand-edited sections kept: the checks of what was written
    raise typer.Exit(_report_outcome(result, written, settings, json_output))


def _report_outcome(
    result: DraftResult, written: DraftWritten, settings: CopilotSettings | None, json_output: bool
) -> int:
    """Print the outcome; the exit code is 3 when the model asked for was not used (unless the
    settings accept the template fallback), else whether the checks passed."""
    unavailable = result.model_unavailable and (settings is None or settings.fallback != "template")
    if json_output:
        print_json({**_json(result, written), "model_unavailable": result.model_unavailable})
    else:
        _print_summary(result, written)
        if result.model_unavailable:
            _banner(result, unavailable)
    if unavailable:
        return EXIT_MODEL_UNAVAILABLE
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _banner(result: Any, failing: bool) -> None:
    """The one message a clerk must not miss: the model asked for was not used."""
    reason = next((s.message for s in result.sections if s.failure == "unavailable"), "")
    count = sum(1 for s in result.sections if s.failure == "unavailable")
    err("=" * 60)
    err(f"注意：无法使用指定的模型服务，{count} 个部分已改用离线模板稿写出。")
    if reason:
        err(f"原因：{reason.removesuffix('；已改用模板稿')}")
    err("可先运行 copilot doctor 检查模型服务设置。")
    if failing:
        err('退出码 3；若接受模板稿，可加 --fallback template（或在设置中 fallback = "template"）。')
    err("=" * 60)


_SECTION_PREFIX = re.compile(r"^起草“[^”]*”（[^）]*）时")


class _Progress:
    """Section-by-section progress on stderr (rich), only for a model run; messages always."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._task: Any = None
        self._console: Any = None
        self._done = 0
        self._reasons: set[str] = set()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self._console = Console(stderr=True)
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=self._console,
            transient=True,
            disable=not self._console.is_terminal,
        )
        self._progress.start()
        from report_copilot.drafting.base import NARRATIVE_SECTIONS

        self._task = self._progress.add_task("起草中", total=len(NARRATIVE_SECTIONS))

    def on_event(self, event: Any) -> None:
        if not self.enabled:
            return
        if event.kind in {"chunk", "done"}:
            if event.kind == "chunk" and self._progress is None:
                self._start()
            return
        from report_copilot.drafting.base import SECTION_NAMES

        name = SECTION_NAMES.get(event.section, event.section)
        if event.kind == "start" and self._progress is not None:
            self._progress.update(self._task, description=f"起草：{name}")
        elif event.kind == "section_done":
            self._done += 1
            if self._progress is not None:
                self._progress.update(self._task, completed=self._done)
        elif event.kind == "repair":
            self._say(f"修改：{name} 未通过核对，已请模型修改一次（{event.message}）")
        elif event.kind == "fallback":  # each refusal once: the fallback carries the reason
            reason = _SECTION_PREFIX.sub("", event.message)
            if reason not in self._reasons:  # an endpoint that is down says so once, not per section
                self._reasons.add(reason)
                self._say("提示：" + event.message)

    def _say(self, text: str) -> None:
        if self._console is not None:
            self._console.print(text, markup=False, highlight=False)
        else:
            err(text)


def _print_summary(result: Any, written: Any) -> None:
    from report_copilot.cli.common import finding_line

    for finding in result.findings:
        typer.echo(finding_line(finding))
    if result.findings:
        typer.echo("")
    outcomes: dict[str, int] = {}
    for section in result.sections:
        outcomes[section.outcome] = outcomes.get(section.outcome, 0) + 1
    names = {
        "llm": "模型起草",
        "repaired": "模型修改后通过",
        "fallback": "改用模板",
        "template": "模板",
        "cached": "缓存",
    }
    summary = "、".join(f"{names.get(k, k)} {v} 部分" for k, v in outcomes.items())
    typer.echo(f"起草方式：{result.backend}（{summary}）")
    if result.waited:
        typer.echo(f"模型服务繁忙（HTTP 429/503），本次共等待 {result.waited:.1f} 秒，已自动降低并发。")
    if written.unchanged:
        typer.echo(f"草稿与第 {written.version} 版相同，未另存新版本。")
    typer.echo(
        f"草稿：{written.markdown}（第 {written.version} 版，历史版本见 {written.history_markdown.parent}）"
    )
    typer.echo(f"来源记录：{written.provenance}")
    _print_hand_edits(written)
    for fmt, path in written.exports.items():
        typer.echo(f"导出 {fmt}：{path}" + ("（已标注“未通过数字核对”）" if written.forced else ""))
    errors = len(result.errors)
    warnings = len(result.findings) - errors
    if result.ok:
        typer.echo(f"核对通过（{warnings} 个警告）。")
    elif written.forced:
        typer.echo(
            f"核对未通过（{errors} 个错误、{warnings} 个警告），已按 --force 导出并标注“未通过数字核对”。"
        )
    else:
        typer.echo(
            f"核对未通过（{errors} 个错误、{warnings} 个警告）：已写出草稿 Markdown 和问题清单，未导出 Word。"
            "请修正后重新起草，或修改草稿后用 copilot export 导出。"
        )


def _print_hand_edits(written: DraftWritten) -> None:
    """Say what happened to a draft the clerk had edited since the last run."""
    from report_copilot.service.handedits import section_name

    def names(keys: list[str]) -> str:
        return "、".join(section_name(k) for k in keys) or "无"

    if written.edited_saved_as is not None:
        typer.echo(f"草稿在上次起草后有手工修改，修改稿已另存为历史版本 {written.edited_saved_as}。")
        if not written.kept:
            typer.echo("无法确定哪些部分经过修改，已全部重新生成；修改内容见上述历史版本。")
    if written.kept:
        typer.echo(
            f"保留手工修改：{names(written.kept)}；其余 {len(written.regenerated)} 部分按数据重新生成。"
        )
    if written.review:
        typer.echo(f"请复核（保留了手工修改，但其数据已变化）：{names(written.review)}。")


def _json(result: Any, written: Any) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "backend": result.backend,
        "version": written.version,
        "files": {
            "markdown": str(written.markdown),
            "provenance": str(written.provenance),
            "history_markdown": str(written.history_markdown),
            "history_provenance": str(written.history_provenance),
            **{fmt: str(path) for fmt, path in written.exports.items()},
        },
        "forced": written.forced,
        "hand_edits": {
            "saved_as": str(written.edited_saved_as) if written.edited_saved_as else None,
            "kept": written.kept,
            "regenerated": written.regenerated,
            "review": written.review,
        },
        "sections": [
            {"key": s.key, "outcome": s.outcome, "message": s.message, "seconds": s.seconds}
            for s in result.sections
        ],
        "check": result.provenance.check,
        "waited_seconds": result.waited,
        "unchanged": written.unchanged,
    }
