"""`copilot doctor`: check that the configured model service can draft, before the first real draft."""

from __future__ import annotations

import typer

from report_copilot.cli.common import app, print_json, user_errors


@app.command()
def doctor(
    model: str = typer.Option(None, "--model", "-m", help="模型名称（覆盖设置）"),
    base_url: str = typer.Option(None, "--base-url", help="OpenAI 兼容服务地址（覆盖设置）"),
    json_output: bool = typer.Option(False, "--json", help="以 JSON 输出结果"),
) -> None:
    """检查模型服务能否用于起草：连接、密钥、模型名称、普通回复、流式输出和一条填空提示。

    本单位第一次接入自己的模型服务时先运行它；每一项给出结论和处理办法。
    退出码：0 可以使用；1 能连上但某项检查未通过（如不支持流式输出、回复格式不对）；
    2 未配置模型服务或设置有误；3 连不上服务、密钥被拒绝或服务上没有该模型。
    """
    from report_copilot import service
    from report_copilot.errors import InputError

    with user_errors(json_output):
        settings = service.drafting_settings(backend="openai", model=model, base_url=base_url)
        if settings is None or not settings.has_endpoint():
            raise InputError(
                "未配置模型服务：请设置 OPENAI_API_KEY（或 COPILOT_API_KEY），或用 --base-url / COPILOT_BASE_URL "
                "指定 OpenAI 兼容服务地址",
                location="backend",
            )
        result = service.diagnose(settings)
    if json_output:
        print_json({**result.model_dump(mode="json"), "exit_code": result.exit_code})
        raise typer.Exit(result.exit_code)
    marks = {"ok": "通过", "warning": "注意", "failed": "未通过", "skipped": "跳过"}
    typer.echo(f"模型服务：{result.host}，模型：{result.model}")
    for check in result.checks:
        timing = f"（{check.seconds:.1f} 秒）" if check.seconds else ""
        typer.echo(f"[{marks[check.verdict]}] {check.name}：{check.message}{timing}")
    verdicts = {
        0: "结论：可以用这个模型服务起草。",
        1: "结论：能连上模型服务，但有检查未通过；起草时相应部分可能改用模板稿。",
        3: "结论：无法使用这个模型服务；copilot draft 会改用离线模板稿并以退出码 3 结束。",
    }
    typer.echo(verdicts[result.exit_code])
    raise typer.Exit(result.exit_code)
