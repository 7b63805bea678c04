"""One redaction function for every output: draft text, Word text, cache entries, provenance, logs
and error messages all pass through `redact` before they are written or shown.

A secret is removed when it is known (the key of this run, the key variables, the config file's
`api_key`) and, as a second line of defence, when it merely looks like an API key (`sk-…`, a bearer
token): a model that echoes a key it saw somewhere must not put it in a file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

MASK = "***"
KEY_VARS = ("OPENAI_API_KEY", "COPILOT_API_KEY")
_LOOKS_LIKE_KEY = re.compile(
    r"(?<![A-Za-z0-9])(?:sk|pk|rk|ak)-[A-Za-z0-9_\-]{12,}|(?i:bearer)\s+[A-Za-z0-9._\-]{12,}"
)
_MIN_SECRET = 4


def known_secrets() -> list[str]:
    """Keys this machine is configured with: the key variables and the config file's `api_key`."""
    out = [os.environ[v] for v in KEY_VARS if os.environ.get(v, "").strip()]
    try:
        import tomllib

        from report_copilot import paths

        path = paths.config_file()
        if path.is_file():
            key = tomllib.loads(path.read_text(encoding="utf-8")).get("api_key")
            if isinstance(key, str):
                out.append(key)
    except (OSError, ValueError):
        pass  # a broken config must not stop the redaction of the others
    return out


def redact(value: T, secrets: Iterable[str] = (), *, known: bool = True) -> T:
    """`value` (a string, or dicts/lists of them) with every secret replaced by ***.

    `secrets` are added to the known ones (`known=False` leaves those out, for hot paths that
    passed them already); anything shaped like an API key is masked whatever its source.
    """
    wanted = {s.strip() for s in (*secrets, *(known_secrets() if known else ())) if s}
    ordered = sorted((s for s in wanted if len(s) >= _MIN_SECRET), key=len, reverse=True)
    return _walk(value, ordered)


def _walk(value: T, secrets: list[str]) -> T:
    if isinstance(value, str):
        text: str = value
        for secret in secrets:
            text = text.replace(secret, MASK)
        return _LOOKS_LIKE_KEY.sub(MASK, text)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {_walk(k, secrets): _walk(v, secrets) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        return [_walk(v, secrets) for v in value]  # type: ignore[return-value]
    return value
