"""Settings of the drafting backends, from flags, environment, and a config file (in that order).

Sources, highest first: values passed in code (command-line flags), environment (`COPILOT_*`, plus
the conventional `OPENAI_API_KEY` and `OPENAI_BASE_URL`), the TOML config file
(`COPILOT_CONFIG_FILE` or `<config dir>/config.toml`), defaults. The API key is a `SecretStr`: it is
never printed, logged, cached or written to provenance; only `endpoint_host()` leaves this module.

Example `config.toml`:

    backend = "openai"
    base_url = "https://api.deepseek.com/v1"
    model = "deepseek-chat"
    timeout = 60
    concurrency = 4
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from report_copilot import paths
from report_copilot.errors import CopilotError
from report_copilot.redact import redact

Backend = Literal["auto", "template", "openai"]
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]+")
"""A DNS name, an IPv4 or an IPv6 address: anything else in the host part is not an endpoint."""
Fallback = Literal["error", "template"]


class SettingsError(CopilotError):
    """The config file or an environment variable holds a value that cannot be used."""

    exit_code = 2


class CopilotSettings(BaseSettings):
    """How to reach a model, and how hard to try."""

    model_config = SettingsConfigDict(
        env_prefix="COPILOT_",
        extra="ignore",
        populate_by_name=True,
        validate_default=True,
    )

    backend: Backend = Field("auto", description="auto：配置了模型服务时用 openai，否则用 template（离线）")
    base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("base_url", "COPILOT_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI 兼容服务地址，如 https://api.deepseek.com/v1 或 http://127.0.0.1:11434/v1",
    )
    api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("api_key", "COPILOT_API_KEY", "OPENAI_API_KEY"),
        description="API 密钥（本地服务可不填）",
    )
    model: str = Field("gpt-4o-mini", description="模型名称，如 deepseek-chat、qwen-plus")
    temperature: float = Field(0.3, ge=0, le=2)
    timeout: float = Field(60.0, gt=0, description="单次请求的总时限（秒，流式输出也算在内）")
    max_retries: int = Field(1, ge=0, le=10, description="超时、5xx、连接中断后的重试次数")
    retry_window: float = Field(
        180.0, gt=0, le=3600, description="服务繁忙（429/503）时持续重试的总时限（秒），按 Retry-After 等待"
    )
    concurrency: int = Field(10, ge=1, le=64, description="同时起草的部分数上限（服务繁忙时自动减少）")
    max_reply_chars: int = Field(
        4000, ge=200, le=100_000, description="每个部分回复的最大字数，超出即作废重写"
    )
    fallback: Fallback = Field(
        "error",
        description="模型服务连不上或拒绝密钥时：error 写出模板稿并以退出码 3 结束；template 写出模板稿并正常结束",
    )
    stream: bool = Field(True, description="流式接收模型输出（个别服务的流式接口有问题时可关闭）")
    stream_usage: bool = Field(True, description="流式输出时要求服务返回用量（个别本地服务不支持）")
    prompts_dir: Path | None = Field(None, description="本单位提示词目录：同名文件覆盖内置提示词")
    cache: bool = Field(True, description="缓存已起草的部分（输入不变时不再调用模型）")
    langsmith_tracing: bool = Field(False, description="向 LangSmith 发送调用记录（默认关闭）")

    @field_validator("base_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip().rstrip("/") if isinstance(value, str) else value

    @field_validator("base_url")
    @classmethod
    def _a_url(cls, value: str | None) -> str | None:
        """An http(s) URL with a real host; only the host is ever recorded (`endpoint_host`)."""
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname or not _HOST.fullmatch(parts.hostname):
            raise ValueError("not an http(s) URL")
        if redact(parts.hostname, known=False) != parts.hostname:
            raise ValueError("a key in place of a host")
        try:
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            raise ValueError("bad port") from None
        return value

    @field_validator("api_key", mode="before")
    @classmethod
    def _blank_key_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = paths.config_file()
        if path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    def has_endpoint(self) -> bool:
        """Whether a model service is configured: an endpoint address or a key (for api.openai.com)."""
        return bool(self.base_url or self.api_key)

    def resolved_backend(self) -> Literal["template", "openai"]:
        """`auto` means: a model service when one is configured, the offline drafter otherwise."""
        if self.backend != "auto":
            return self.backend
        return "openai" if self.has_endpoint() else "template"

    def endpoint_host(self) -> str:
        """Host (and port) of the endpoint, parsed: all provenance records about where text came from."""
        if not self.base_url:
            return "api.openai.com"
        parts = urlsplit(self.base_url)
        host = parts.hostname or "?"
        host = f"[{host}]" if ":" in host else host
        return f"{host}:{parts.port}" if parts.port else host

    def api_key_value(self) -> str:
        """The key to send; a placeholder for keyless local servers (the client insists on one)."""
        if self.api_key is not None:
            return self.api_key.get_secret_value()
        return "not-needed"

    def model_params(self) -> dict[str, Any]:
        """Parameters that change a model's output: part of every cache key and of provenance."""
        return {"model": self.model, "temperature": self.temperature, "endpoint": self.endpoint_host()}


def load_settings(**overrides: Any) -> CopilotSettings:
    """Settings from all sources; `overrides` (command-line flags) win; None values are ignored."""
    given = {k: v for k, v in overrides.items() if v is not None}
    path = paths.config_file()
    if os.environ.get("COPILOT_CONFIG_FILE") and not path.is_file():
        raise SettingsError(f"找不到配置文件 {path}（环境变量 COPILOT_CONFIG_FILE）", location=str(path))
    try:
        return CopilotSettings(**given)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"配置文件 {path} 不是有效的 TOML：{exc}", location=str(path)) from None
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            field = ".".join(str(p) for p in e["loc"]) or "?"
            # Never echo the offending value: it may be a key pasted into the wrong field.
            problems.append(f"{field}：{_reason(e)}")
        raise SettingsError(
            "设置有误（命令行参数、COPILOT_* 环境变量或配置文件 " + str(path) + "）：" + "；".join(problems),
            location="settings",
        ) from None


def _reason(error: Any) -> str:
    """A pydantic error type in Chinese (the value itself is never repeated)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"只能是 {expected}"
    if kind in {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}:
        return "应为数字" if kind.startswith("float") else "应为整数"
    if kind in {"bool_parsing", "bool_type"}:
        return "应为 true 或 false"
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        limit = next(iter(ctx.values()), "")
        op = {
            "greater_than": "大于",
            "greater_than_equal": "不小于",
            "less_than": "小于",
            "less_than_equal": "不大于",
        }
        return f"应{op[kind]} {limit}"
    if kind in {"string_type", "path_type"}:
        return "应为文本"
    if kind == "value_error" and error.get("loc", ("",))[0] == "base_url":
        return "应为 http:// 或 https:// 开头的服务地址，如 http://127.0.0.1:11434/v1（不要把密钥填在这里）"
    return "取值无效"
