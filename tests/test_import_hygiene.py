"""Heavy libraries stay unloaded on the fast paths (only a real run proves a deferral defers)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES

HEAVY = ("textual", "langchain_core", "langchain_openai", "openai", "docx", "openpyxl")

PROBE = """
import sys
sys.argv = {argv!r}
from report_copilot.cli import main
try:
    main()
except SystemExit:
    pass
print("LOADED:" + ",".join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def _loaded(argv: list[str]) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("LOADED:"))
    return [m for m in line.removeprefix("LOADED:").split(",") if m]


def test_help_loads_nothing_heavy() -> None:
    assert _loaded(["copilot", "--help"]) == []


def test_validate_loads_nothing_heavy() -> None:
    assert _loaded(["copilot", "validate", str(EXAMPLES / "yunxi-amr-2024.json")]) == []


def test_core_modules_import_without_front_ends() -> None:
    code = (
        "import sys, report_copilot.service, report_copilot.checks.identities;"
        "print(','.join(m for m in ('textual','typer','rich','report_copilot.cli') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == ""
