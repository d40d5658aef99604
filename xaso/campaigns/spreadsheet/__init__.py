"""A campaign's households as Excel workbooks: a template to fill in, an import that checks every
row before anything is written, and an export by road segment.

The workbook is in Vietnamese. A household sheet has one row per household under a row of
headings; columns may come in any order, and columns the import does not know (such as the
status an export adds) are ignored. Segments are named by their code, hamlets by their name,
officials by their full name (with their position when two share a name), party cells by code
or name, choices by code or label, in Vietnamese or English, with or without accents. Numbers may
be Excel numbers or text written the Vietnamese way (1.234,5) or the English way (1234.5); text
typed in the legacy TCVN3 or VNI encodings is converted.

An import matches households on their code: a new code creates a household, a known one is
updated only where the file differs from the record, so importing the same file again changes
nothing. The status is not imported: a household moves along the pipeline only through
`services.household_move`; an export shows it. One problem in any row, and nothing is written;
every problem is reported with its row and column.

Built on the workbook engine (`xaso.core.workbook`): the file opened within its limits, cells
read the same way as every workbook of the portal, every exported cell safe from formula
injection (a household named `=1+1` is shown, and reads back, as `=1+1`). The modules:
`columns` (the columns, limits, labels and lists), `template` (the workbook to fill in),
`export` (by segment, as a workbook or a CSV file), `reader` (the rows checked) and `importing`
(the import as a whole).
"""

from __future__ import annotations

from .columns import (
    ADD_PERMISSION,
    BY_KEY,
    CHANGE_PERMISSION,
    COLUMNS,
    CONTENT_TYPE,
    EXPORT_COLUMNS,
    FIRST_DATA_ROW,
    GUIDE_LABEL,
    LANGUAGE,
    LIMITS,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    MAX_SHEETS,
    MAX_UNPACKED_BYTES,
    NO,
    SHEET_LABEL,
    YES,
    Column,
    filename,
    in_workbook_language,
    official_names,
)
from .export import export_households, export_households_csv
from .importing import (
    ImportResult,
    ImportRow,
    Problem,
    WorkbookInvalid,
    check_allowed,
    import_households,
    read_households,
)
from .template import template_workbook

__all__ = [
    "ADD_PERMISSION",
    "BY_KEY",
    "CHANGE_PERMISSION",
    "COLUMNS",
    "CONTENT_TYPE",
    "EXPORT_COLUMNS",
    "FIRST_DATA_ROW",
    "GUIDE_LABEL",
    "LANGUAGE",
    "LIMITS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_SCANNED_ROWS",
    "MAX_SHEETS",
    "MAX_UNPACKED_BYTES",
    "NO",
    "SHEET_LABEL",
    "YES",
    "Column",
    "ImportResult",
    "ImportRow",
    "Problem",
    "WorkbookInvalid",
    "check_allowed",
    "export_households",
    "export_households_csv",
    "filename",
    "import_households",
    "in_workbook_language",
    "official_names",
    "read_households",
    "template_workbook",
]
