"""A published annual report → report data (meta and the three tables) + its prose as a Draft.

Agencies publish the report as a web page, a PDF, a Word file or a spreadsheet; crawlers and PDF
text layers lose the cell borders, break labels across lines ("本年度办\\n理结果") and sometimes run a
row's digits together. Every source is first reduced to lines of text (a table row becomes one line:
its label cells, then its value cells, a blank value cell written as `∅`), then one parser reads:

- meta: agency and year from the title, the format version from the table headers;
- the tables: each official row is found by its label (whitespace, quotes, ordinals and notes
  ignored; small variants tolerated) in table order, and its numbers are the cells that follow;
- the prose: paragraphs rebuilt from broken lines, under the six section headings (format.md §2).

A cell that cannot be read is reported and left blank, never guessed. A row whose digits ran
together is split only when exactly one split is consistent with the identities; otherwise the
candidates are reported. Heavy libraries (pypdf, bs4, docx, openpyxl) are imported lazily.

What published tables print instead of a number, and how it is read (issue kinds in brackets):

- an empty cell ("规章 | 0 | | 0 |", `∅` from HTML/Word) stays blank — missing, never zero
  (`blank`; the audit reports it under T3-4);
- "/", "-", "—", "无", "不适用" standing alone in a cell mean there is nothing to report (a department
  that makes no 规章): read as 0 and listed (`na`), so the identities can still be checked;
- a row with fewer cells than columns once padding is set aside ("3 | 3 | |||||||" for seven
  columns) is not filled from the left: its cells are reported (`unreadable`);
- a row printed as its label alone, the next label straight after it ("（二）部分公开（三）不予公开
  1.属于国家秘密…"), is a row with every cell blank (`blank`), where no stray number could be its own;
- a section whose table is absent (an image, a page cut short), or printed with its labels but not
  one number, is reported once (`missing_table`, saying which);
- a digit run none of whose splits satisfies the identities is left unread and reported
  (`inconsistent`, with the identity every split breaks: an error in the audit).

Web crawls keep cell borders as `|` (one cell a line, a row a line, Markdown-like); see `cells._runs`.
The year comes from the title, else the statistics period, else the page title, else the year the
opening section speaks of (each weaker source leaves a `meta` issue); the agency from the title, a
preface ("由…编制", "现公布…"), or the opening sentence of 总体情况, and must read as an institution.

The package, one concept a module (each imports only the ones before it):

- `model`: the issues and the result (`ImportIssue`, `ImportedReport`) and the `∅` mark;
- `markdown_columns`: which leading columns of a grid table (a Markdown table with its separator
  row, a web table one cell a column) are labels, their empty cells a merged label's borders;
- `sources`: each file kind → lines of text (pypdf, bs4, docx imported lazily), `row_line`,
  `table_lines` (a row of values left all empty under a header kept as blank cells);
- `pdf_page`: a PDF page's text runs at their positions and its border segments (pypdf's callbacks);
- `pdf_tables`: a PDF's ruled tables read by their borders, one `row_line` a row (an empty cell seen);
- `textlines`: line-wise work done once on a report's whole text, where that is provably the same;
- `markdown_line`: a Markdown table put on one line (a crawl), its rows set back on lines of their own;
- `normalize`: characters, punctuation and labels made comparable; page chrome dropped;
- `cells`: a table region → runs of label text and the cells after it (the `|` dialects);
- `sections`: the six section headings, and the text under each;
- `rowmatch`: which run is which official row (labels, table order, rows printed apart from their
  labels, a group printed as one row as an older template has it);
- `blank_rows`: rows printed as their label alone, straight before the next label (cells blank);
- `splits`: a digit run cut every way into a row's cells (or, past the limit, searched with the row's checks);
- `tables`: each official row and column of the format read from its run, digit runs enumerated;
- `identities`: a row whose digits ran together split only when one split fits the identities;
- `ambiguous_runs`: runs that split several ways listed; the rows of table 四 every split cuts alike read;
- `impossible_runs`: a digit run no split of which fits: the printed table is inconsistent;
- `meta`: agency, year and format version;
- `prose`: paragraphs rebuilt from broken lines into a Draft;
- `importer`: the entry points tying them together.
"""

from __future__ import annotations

from report_copilot.inputs.published.importer import import_lines, import_published, import_text
from report_copilot.inputs.published.model import BLANK_MARK, ImportedReport, ImportIssue, IssueKind
from report_copilot.inputs.published.sources import PUBLISHED_SUFFIXES, is_report_markdown, row_line

__all__ = [
    "BLANK_MARK",
    "PUBLISHED_SUFFIXES",
    "ImportIssue",
    "ImportedReport",
    "IssueKind",
    "import_lines",
    "import_published",
    "import_text",
    "is_report_markdown",
    "row_line",
]
