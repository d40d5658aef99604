"""The workbook engine: one way to open, read and write spreadsheets, for every app.

- `opening`: an uploaded .xlsx opened within limits (size, ZIP parts and unpacked size,
  read-only, values only), one message when it is not a workbook.
- `values`: cells read the same everywhere — text (NFC, legacy encodings converted, the
  protective `'` of an export taken off), numbers (`150.000` = 150000, `1.234,5` = 1234.5,
  `12 %` = 12), days (`28/11/2026`, Excel days), yes/no and choices by any spelling.
- `problems`: every problem of a file collected with its sheet, row and column, and the file
  refused whole (`WorkbookInvalid`).
- `writing`: Excel and CSV files whose every cell is safe from formula injection
  (`xaso.core.cells`): a name `=1+1` is shown as `=1+1`, never run, and reads back as `=1+1`.

The campaigns' household workbooks and the New Rural criteria-set workbooks are built on it;
`xaso.core.reports` writes its cells through the same `xlsx_put`.
"""

from __future__ import annotations

from .opening import CONTENT_TYPE, Limits, check_archive, not_a_workbook, open_workbook, too_big
from .problems import Problem, Problems, WorkbookInvalid
from .values import (
    LANGUAGE,
    NO,
    YES,
    cell_date,
    cell_number,
    cell_text,
    in_language,
    is_blank,
    lookup,
    percent_cell,
    spellings,
    yes_no_lookup,
)
from .writing import (
    CSV_CONTENT_TYPE,
    DATE_FORMAT,
    HEADING_FILL,
    HEADING_FONT,
    TITLE_FONT,
    csv_bytes,
    csv_value,
    headings,
    offer,
    offer_labels,
    put,
    read_csv,
    save,
)

__all__ = [
    "CONTENT_TYPE",
    "CSV_CONTENT_TYPE",
    "DATE_FORMAT",
    "HEADING_FILL",
    "HEADING_FONT",
    "LANGUAGE",
    "NO",
    "TITLE_FONT",
    "YES",
    "Limits",
    "Problem",
    "Problems",
    "WorkbookInvalid",
    "cell_date",
    "cell_number",
    "cell_text",
    "check_archive",
    "csv_bytes",
    "csv_value",
    "headings",
    "in_language",
    "is_blank",
    "lookup",
    "not_a_workbook",
    "offer",
    "offer_labels",
    "open_workbook",
    "percent_cell",
    "put",
    "read_csv",
    "save",
    "spellings",
    "too_big",
    "yes_no_lookup",
]
