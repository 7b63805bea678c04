"""JSON text of command output, written as `json.dumps(payload, ensure_ascii=False, indent=2,
default=str)` writes it, by pydantic-core's serializer where the two agree byte for byte.

A folder audit prints one indented JSON object per report; the standard library indents in Python,
generator by generator, which cost more than some of the checks. pydantic-core (already a dependency)
writes the same layout (two spaces, `": "`, `{}` and `[]` for empty containers, non-ASCII as is, the
same escapes) at a fraction of the cost. It formats floats with exponents and non-finite values
differently, and converts other types by rules of its own, so a payload holding anything but
dicts, lists, strings, integers, booleans, None and floats that Python prints without an exponent
goes to `json.dumps` itself.
"""

from __future__ import annotations

import json
from typing import Any

_PLAIN = (str, int, bool, type(None))


def _same_text(node: Any) -> bool:
    """Whether pydantic-core writes `node` as `json.dumps` does (see the module docstring)."""
    kind = type(node)
    if kind is dict:
        return all(type(k) is str for k in node) and all(map(_same_text, node.values()))
    if kind is list or kind is tuple:
        return all(map(_same_text, node))
    if kind is float:
        text = repr(node)
        return "e" not in text and "n" not in text  # no exponent, not inf or nan
    return kind in _PLAIN


def json_text(payload: Any) -> str:
    """`json.dumps(payload, ensure_ascii=False, indent=2, default=str)`, the same text, faster."""
    if _same_text(payload):
        from pydantic_core import PydanticSerializationError, to_json

        try:
            return to_json(payload, indent=2).decode("utf-8")
        except (PydanticSerializationError, UnicodeError):  # e.g. a lone surrogate in a string
            pass
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)
