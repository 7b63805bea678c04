"""Render an exported report to PNG pages for a person to look at: DOCX → PDF (LibreOffice) → PNG.

    python scripts/render_pages.py REPORT.docx [--out DIR] [--dpi 80]
    python scripts/render_pages.py --example [--out DIR]      # draft and export the bundled 2021 example first

Uses the bundled font aliases (仿宋_GB2312 → Noto Serif CJK SC, 黑体 → Noto Sans CJK SC, …), so the
pages show the layout faithfully, not the exact GB glyphs. Output defaults to a folder under /tmp.
Needs LibreOffice (soffice) and poppler-utils (pdftoppm).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export_example(out: Path) -> Path:
    """The bundled 2021 example, drafted in full by the template drafter (offline)."""
    from report_copilot.drafting.template import template_draft
    from report_copilot.inputs.json_input import report_from_data
    from report_copilot.render.docx import write_docx

    data = json.loads((ROOT / "examples" / "yunxi-amr-2024.json").read_text(encoding="utf-8"))
    data["previous"] = json.loads((ROOT / "examples" / "yunxi-amr-2023.json").read_text(encoding="utf-8"))
    report = report_from_data(data)
    path = out / "yunxi-amr-2024.docx"
    write_docx(template_draft(report)[0], report, path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("docx", nargs="?", type=Path, help="the Word document to render")
    parser.add_argument("--example", action="store_true", help="export and render the bundled 2021 example")
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: a new folder under /tmp)"
    )
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    if not args.docx and not args.example:
        parser.error("give a .docx file or --example")
    out = args.out or Path(tempfile.mkdtemp(prefix="copilot-pages-"))
    out.mkdir(parents=True, exist_ok=True)

    from report_copilot.errors import CopilotError
    from report_copilot.render.office import convert_to_pdf

    if shutil.which("pdftoppm") is None:
        print("错误：未安装 poppler-utils（pdftoppm）", file=sys.stderr)
        return 2
    try:
        docx = export_example(out) if args.example else args.docx
        pdf = convert_to_pdf(docx, out)
    except CopilotError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    prefix = out / docx.stem
    subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(out.glob(f"{docx.stem}-*.png"))
    print(f"{pdf}")
    for page in pages:
        print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
