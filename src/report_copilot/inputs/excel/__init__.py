"""Excel in and out: a workbook laid out like the official tables, and reading it back.

Many offices collect the figures in Excel. `write_workbook` lays each table out as printed (merged
multi-level headers, group labels spanning their rows), puts formulas in blank totals, restricts
count cells to non-negative integers (data validation), and adds sheets for meta, facts and notes.
Every input cell carries a workbook-level defined name (`copilot.<cell id>`), which Excel moves along
when a clerk inserts rows, so `read_workbook` finds each cell without relying on its position.

- `fields`: sheet names, the 基本信息 rows and their readers (from `formats/workbook.toml` and the
  model's titles), value conversions;
- `layout`: the official tables on a worksheet;
- `writer`: data → workbook;
- `reader`: workbook → data, and any workbook as rows of texts (for the published-report importer,
  which builds on this package; this package imports nothing of it).

openpyxl is imported inside functions only.
"""

from __future__ import annotations

from report_copilot.inputs.excel.fields import cell_values
from report_copilot.inputs.excel.reader import is_template, load_workbook, read_workbook, workbook_rows
from report_copilot.inputs.excel.writer import write_workbook

__all__ = ["cell_values", "is_template", "load_workbook", "read_workbook", "workbook_rows", "write_workbook"]
