"""Reading a criteria-set workbook's sheets: the rows under the headings, and their cells as
text, choices and years, every problem collected with its sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from xaso.core import workbook as engine
from xaso.core.text import fold
from xaso.core.workbook import Problem, cell_number, cell_text

from .sheets import (
    FIRST_YEAR,
    LANGUAGE,
    LAST_YEAR,
    MAX_COLUMNS,
    MAX_SCANNED_ROWS,
    Sheet,
    heading_spellings,
    in_language,
    label_lookup,
)


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]
    formats: dict[str, str]

    def blank(self, *keys: str) -> bool:
        return all(cell_text(self.values.get(key)) == "" for key in keys)


class SheetReader:
    """Reads a sheet's rows and their cells, collecting every problem with where it is."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.problems = engine.Problems()

    # Where a problem is ---------------------------------------------------------------------

    def error(
        self, sheet: Sheet, message: str, row: int | None = None, column: str | None = None
    ) -> None:
        label = ""
        if row is not None and column is not None:
            label = in_language(LANGUAGE, next(c.label for c in sheet.columns if c.key == column))
        self.problems.add(Problem(row, label, message, in_language(LANGUAGE, sheet.label)))

    def refuse(self, message: str) -> None:
        """A problem of the whole workbook."""
        self.problems.add(Problem(None, "", message))

    # Sheets and rows ------------------------------------------------------------------------

    def rows(self, spec: Sheet) -> list[SheetRow] | None:
        """The sheet's non-blank rows below its headings; None when the sheet or a heading is
        missing, or the sheet is too long (each reported)."""
        wanted = heading_spellings(spec.label)
        sheet = next((ws for ws in self.workbook.worksheets if fold(str(ws.title)) in wanted), None)
        if sheet is None:
            self.refuse(
                _("The workbook has no sheet “%(sheet)s”.")
                % {"sheet": in_language(LANGUAGE, spec.label)}
            )
            return None
        lines = sheet.iter_rows(max_col=MAX_COLUMNS)
        heading_row = next(lines, ())
        by_heading: dict[str, str] = {}
        for column in spec.columns:
            for spelling in heading_spellings(column.label):
                by_heading.setdefault(spelling, column.key)
        positions: dict[str, int] = {}
        for index, cell in enumerate(heading_row):
            key = by_heading.get(fold(cell_text(cell.value)))
            if key is not None and key not in positions:
                positions[key] = index
        missing = [c for c in spec.columns if c.required and c.key not in positions]
        for column in missing:
            self.error(spec, _("the heading is missing from the first row."), 1, column.key)
        if missing:
            return None
        found: list[SheetRow] = []
        for number, cells in enumerate(lines, start=2):
            if number > MAX_SCANNED_ROWS:
                self.error(
                    spec,
                    _("the sheet is too long (at most %(count)s rows).")
                    % {"count": MAX_SCANNED_ROWS},
                )
                return None
            values = {
                key: cells[i].value if i < len(cells) else None for key, i in positions.items()
            }
            row = SheetRow(
                number=number,
                values=values,
                formats={
                    key: str(getattr(cells[i], "number_format", "") or "")
                    for key, i in positions.items()
                    if i < len(cells)
                },
            )
            if row.blank(*positions):
                continue
            found.append(row)
            if len(found) > spec.max_rows:
                self.error(
                    spec,
                    _("too many rows: a sheet “%(sheet)s” holds at most %(count)s.")
                    % {"sheet": in_language(LANGUAGE, spec.label), "count": spec.max_rows},
                    number,
                )
                return None
        return found

    # Values -----------------------------------------------------------------------------------

    def text(
        self,
        spec: Sheet,
        row: SheetRow,
        key: str,
        max_length: int,
        *,
        required: bool = False,
        lines: bool = False,
    ) -> str:
        value = cell_text(row.values.get(key), lines=lines)
        if required and not value:
            self.error(spec, _("this cell must be filled in."), row.number, key)
        elif len(value) > max_length:
            self.error(
                spec,
                _("at most %(count)s characters (this one has %(length)s).")
                % {"count": max_length, "length": len(value)},
                row.number,
                key,
            )
        return value

    def choice(
        self,
        spec: Sheet,
        row: SheetRow,
        key: str,
        choices: list[tuple[str, Any]],
        *,
        default: str = "",
    ) -> str | None:
        value = cell_text(row.values.get(key))
        if not value:
            if default:
                return default
            self.error(spec, _("this cell must be filled in."), row.number, key)
            return None
        code = label_lookup(choices).get(fold(value))
        if code is None:
            self.error(
                spec,
                _("“%(value)s” is not one of: %(choices)s.")
                % {
                    "value": value,
                    "choices": ", ".join(
                        f"“{in_language(LANGUAGE, label)}”" for _c, label in choices
                    ),
                },
                row.number,
                key,
            )
        return code

    def year(self, spec: Sheet, row: SheetRow, key: str) -> int | None:
        raw = row.values.get(key)
        try:
            number = cell_number(raw)
        except ValueError:
            number = Decimal("0.5")  # reported below as not a year
        if number is None:
            self.error(spec, _("this cell must be filled in."), row.number, key)
            return None
        if number != number.to_integral_value():
            self.error(
                spec, _("“%(value)s” is not a year.") % {"value": cell_text(raw)}, row.number, key
            )
            return None
        if not FIRST_YEAR <= number <= LAST_YEAR:
            self.error(
                spec,
                _("the year lies between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                row.number,
                key,
            )
            return None
        return int(number)

    # The three sheets -------------------------------------------------------------------------
