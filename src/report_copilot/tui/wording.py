"""Messages from the service speak to the command line (--force, --previous …); in the TUI the same
advice names the key or the place to act instead."""

from __future__ import annotations

import re

FLAG_ADVICE = (
    (r"--force", "勾选“导出”页的“强制导出”"),
    (r"确需覆盖请加\s*--overwrite(?:，或用\s*-o\s*另选文件名)?", "请先移走或改名该文件，再导出"),
    (r"--overwrite", "先移走或改名已有文件"),
    (r"--previous(?:\s+\S+)?", "在“基本信息”页填写上年报告"),
    (r"--backend\s+template", "在“草稿”页把起草方式选为“离线模板”"),
    (r"--backend(?:\s+\S+)?", "在“草稿”页选择起草方式"),
    (r"--model(?:\s+\S+)?", "在“草稿”页填写模型"),
    (r"--fallback(?:\s+\S+)?", "在“草稿”页把起草方式选为“离线模板”"),
    (r"--year(?:\s+\S+)?", "在“基本信息”页填写年度"),
    (r"--agency(?:\s+\S+)?", "在“基本信息”页填写机关名称"),
)
"""Command-line flags and what a clerk does in the TUI instead, most specific first."""

_FLAG = re.compile("|".join(f"(?:{pattern})" for pattern, _ in FLAG_ADVICE))
_COMMAND = re.compile(r"`?copilot\s+(draft|export|check)\b[^`，。；\n]*`?")
_COMMAND_KEYS = {"draft": "按 d 起草", "export": "按 e 导出", "check": "查看问题列表（f）"}


def keys_not_flags(message: str) -> str:
    """`message` with each command-line flag or command replaced by the key or place that does it."""

    def flag(match: re.Match[str]) -> str:
        text = match.group(0)
        for pattern, advice in FLAG_ADVICE:
            if re.fullmatch(pattern, text):
                return advice
        return text

    message = _COMMAND.sub(lambda m: _COMMAND_KEYS[m.group(1)], message)
    return _FLAG.sub(flag, message)
