"""Criteria sets as Excel workbooks, so a province can load its own: `export_set` writes a set
out, `read_set` reads such a workbook back into the data `services.criteria_set_load` takes.

The workbook is in Vietnamese and has three sheets: the set itself (one row under the headings),
its criteria and indicators (one row per indicator; a criterion without indicators has a row of
its own) and the thresholds (one row per indicator and group or region). Kinds, directions,
levels, bases and groups may be typed as their codes or as their labels; columns may come in
any order. `read_set` checks every row and reports every problem with its sheet, row and
column: one problem, and nothing is imported.

Built on the workbook engine (`xaso.core.workbook`): the file opened within its limits, cells
read the same way as every workbook of the portal (`150.000` is 150000, `92,5 %` is 92.5),
every written cell safe from formula injection. The modules: `sheets` (the sheets, columns,
limits and labels), `export` (writing a set), `reader` (a sheet's rows and cells) and `reading`
(the three sheets).
"""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from xaso.core import workbook as engine

from ..choices import GROUPS, REGIONS
from .export import export_set
from .reading import WorkbookReader
from .sheets import (
    ALL,
    ALL_LABEL,
    CONTENT_TYPE,
    CRITERIA_SHEET,
    FIRST_YEAR,
    LANGUAGE,
    LAST_YEAR,
    LIMITS,
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_INDICATOR_ROWS,
    MAX_SCANNED_ROWS,
    MAX_THRESHOLD_ROWS,
    MAX_UNPACKED_BYTES,
    NO,
    SET_SHEET,
    SHEETS,
    THRESHOLDS_SHEET,
    YES,
    Column,
    Sheet,
    code_problem,
    filename,
)

__all__ = [
    "ALL",
    "ALL_LABEL",
    "CONTENT_TYPE",
    "CRITERIA_SHEET",
    "FIRST_YEAR",
    "GROUPS",
    "LANGUAGE",
    "LAST_YEAR",
    "LIMITS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_INDICATOR_ROWS",
    "MAX_SCANNED_ROWS",
    "MAX_THRESHOLD_ROWS",
    "MAX_UNPACKED_BYTES",
    "NO",
    "REGIONS",
    "SET_SHEET",
    "SHEETS",
    "THRESHOLDS_SHEET",
    "YES",
    "Column",
    "Sheet",
    "code_problem",
    "export_set",
    "filename",
    "read_set",
]


def read_set(file: IO[bytes] | bytes, *, code: str | None = None) -> dict[str, Any]:
    """The criteria set in the workbook, as `services.criteria_set_load` takes it; `code`, when
    given, is the new set's code in place of the workbook's. Raises one ValidationError listing
    every problem (sheet, row, column) when there is any."""
    errors: list[str] = []
    if code is not None:
        problem = code_problem(code)
        if problem:
            errors.append(problem)
    workbook = engine.open_workbook(file, LIMITS)
    # The sheets as this module has them when called (a test may change one).
    reader = WorkbookReader(workbook, (SET_SHEET, CRITERIA_SHEET, THRESHOLDS_SHEET))
    try:
        data = reader.criteria_set(code)
        reader.basis = (data or {}).get("basis") or ""
        found = reader.criteria()
        if found is not None:
            reader.thresholds(reader.basis or None, found[1])
    except ValidationError:
        raise
    except Exception:  # a sheet damaged past its first rows
        raise ValidationError(
            _("The file is not an Excel workbook (.xlsx), or it cannot be read."), code="not_xlsx"
        ) from None
    finally:
        workbook.close()
    errors += reader.problems.messages()
    if errors:
        raise ValidationError(errors, code="invalid_workbook")
    assert data is not None and found is not None
    return {**data, "criteria": found[0]}
