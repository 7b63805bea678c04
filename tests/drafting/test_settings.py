"""Settings sources and precedence, the user dirs, and the section cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_copilot import paths
from report_copilot.drafting.cache import SectionCache, cache_key
from report_copilot.settings import SettingsError, load_settings

SENTINEL = "sk-sentinel-0123456789abcdef"


def test_fresh_machine_means_offline_template() -> None:
    settings = load_settings()
    assert settings.resolved_backend() == "template"
    assert settings.api_key is None
    assert settings.max_retries == 1 and settings.timeout == 60


def test_paths_follow_copilot_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPILOT_HOME", str(tmp_path))
    assert paths.config_dir() == tmp_path / "config"
    assert paths.data_dir() == tmp_path / "data"
    assert paths.cache_dir() == tmp_path / "cache"
    assert paths.config_file() == tmp_path / "config" / "config.toml"
    monkeypatch.setenv("COPILOT_CONFIG_FILE", str(tmp_path / "x.toml"))
    assert paths.config_file() == tmp_path / "x.toml"


def test_paths_without_home_use_platform_dirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPILOT_HOME")
    assert paths.APP_NAME in str(paths.cache_dir())
    assert paths.config_dir() != paths.cache_dir()


def test_precedence_flags_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'model = "from-file"\nbase_url = "http://127.0.0.1:9/v1"\ntimeout = 5\nconcurrency = 3\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("COPILOT_CONFIG_FILE", str(config))
    s = load_settings()
    assert (s.model, s.timeout, s.concurrency, s.base_url) == ("from-file", 5, 3, "http://127.0.0.1:9/v1")
    assert s.resolved_backend() == "openai"
    monkeypatch.setenv("COPILOT_MODEL", "from-env")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8/v1/")
    s = load_settings()
    assert (s.model, s.base_url) == ("from-env", "http://127.0.0.1:8/v1")
    s = load_settings(model="from-flag", base_url=None)
    assert s.model == "from-flag" and s.endpoint_host() == "127.0.0.1:8"


def test_api_key_is_secret_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    s = load_settings()
    assert s.api_key_value() == SENTINEL
    assert SENTINEL not in repr(s) and SENTINEL not in str(s.model_dump())
    assert SENTINEL not in str(s.model_params())
    assert s.resolved_backend() == "openai"


def test_endpoint_host_drops_credentials_in_url() -> None:
    s = load_settings(base_url="https://user:pass@llm.example.cn:8443/v1")
    assert s.endpoint_host() == "llm.example.cn:8443"


def test_bad_config_is_a_chinese_error_without_the_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'timeout = "{SENTINEL}"\n', encoding="utf-8")
    monkeypatch.setenv("COPILOT_CONFIG_FILE", str(config))
    with pytest.raises(SettingsError, match="设置有误") as info:
        load_settings()
    assert SENTINEL not in str(info.value)
    config.write_text("timeout = \n", encoding="utf-8")
    with pytest.raises(SettingsError, match="不是有效的 TOML"):
        load_settings()
    monkeypatch.setenv("COPILOT_CONFIG_FILE", str(tmp_path / "missing.toml"))
    with pytest.raises(SettingsError, match="找不到配置文件"):
        load_settings()


def test_cache_roundtrip_and_key_sensitivity(tmp_path: Path) -> None:
    cache = SectionCache(tmp_path)
    base = {"prompts": ["a"], "data": {"k": ["1", "件"]}, "notes": ["n"], "params": {"model": "m"}}
    key = cache_key(**base)  # type: ignore[arg-type]
    assert cache.get(key) is None
    cache.put(key, text="正文[[k]]件", outcome="llm", usage={"prompt_tokens": 3})
    assert cache.get(key) == {
        "schema": 1,
        "text": "正文[[k]]件",
        "outcome": "llm",
        "usage": {"prompt_tokens": 3},
    }
    for field, other in (
        ("prompts", ["b"]),
        ("data", {"k": ["2", "件"]}),
        ("notes", ["m"]),
        ("params", {"model": "x"}),
    ):
        assert cache_key(**{**base, field: other}) != key  # type: ignore[arg-type]
    (tmp_path / key[:2] / f"{key}.json").write_text("{broken", encoding="utf-8")
    assert cache.get(key) is None
    off = SectionCache(tmp_path, enabled=False)
    off.put(key, text="x", outcome="llm", usage=None)
    assert off.get(key) is None


@pytest.mark.parametrize(
    "url",
    [SENTINEL, "ftp://llm.example.cn/v1", "https:///v1", "127.0.0.1:11434/v1", f"https://{SENTINEL}/v1"],
)
def test_base_url_must_be_a_url_and_is_never_echoed(url: str) -> None:
    with pytest.raises(SettingsError) as info:
        load_settings(base_url=url)
    assert "base_url" in info.value.message and SENTINEL not in info.value.message


def test_only_the_parsed_host_is_recorded() -> None:
    s = load_settings(base_url=f"https://llm.example.cn/v1?key={SENTINEL}")
    assert s.endpoint_host() == "llm.example.cn" and SENTINEL not in str(s.model_params())
