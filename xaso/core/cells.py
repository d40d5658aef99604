"""Cells of exported spreadsheets that show text and never run it (formula injection).

Text people typed (a page title, a household's name, an audit entry's object) reaches CSV and
Excel files. A spreadsheet program reads a CSV cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return as a formula — `=HYPERLINK("http://…","Bấm vào đây")` becomes a link, worse ones
run commands. So:

- in CSV, such text gets a leading `'` (Excel and LibreOffice show the text, not a formula); a
  plain negative number ("-12", "-1.234,5") stays as it is, and numbers stay numbers;
- in Excel workbooks, text is written as a text cell (never a formula, whatever it starts with),
  without the characters Excel refuses; text starting with a formula character (a plain
  negative number too) also gets Excel's own "quote prefix" (what Excel stores when a person
  types `'=1+1`), so editing the cell in Excel keeps it text. The value itself is unchanged:
  `=1+1` exported reads back as `=1+1`.

Reading a cell back (`xaso.core.workbook`), `undefuse` takes off the `'` a CSV file (or a
workbook exported before the quote prefix) carries, so `=1+1` round-trips in both.

CSV files start with a UTF-8 byte order mark, without which Excel shows Vietnamese as mojibake.
Every export goes through these: Wagtail's report views (`secure_wagtail_exports`, installed in
`CoreConfig.ready`: the audit log, the site history and every other report), the reports
(`xaso.core.reports`) and the apps' workbooks.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

BOM = "\ufeff"
# What makes a spreadsheet read a cell as a formula (the full-width forms too: some locales'
# input methods type them, and Excel accepts them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_PLAIN_NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)*")


def defuse(text: str) -> str:
    """The text with a leading `'` when a spreadsheet would read it as a formula."""
    if looks_like_formula(text):
        return "'" + text
    return text


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START) and not _PLAIN_NEGATIVE_NUMBER.fullmatch(text)


def undefuse(text: str) -> str:
    """The text without the `'` that `defuse` puts before what would start a formula."""
    if text[:1] == "'" and text[1:2] and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: text defused; numbers (and everything else) as they are."""
    if isinstance(value, str):
        return defuse(value)
    return value


def xlsx_value(value: Any) -> Any:
    """A value openpyxl can write: text without the characters Excel refuses."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_put(cell: Any, value: Any) -> Any:
    """Write the value into an openpyxl cell; text is always a text cell, never a formula, with
    Excel's quote prefix where it would otherwise start one."""
    cell.value = xlsx_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_START):  # "-1" too: typed again, it stays text
            cell.quotePrefix = True
    return cell


# Characters a sheet's name may not hold, and its longest length (Excel's rules).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_CHARS = 31


def sheet_title(text: str, fallback: str = "") -> str:
    """A name Excel accepts for a sheet: without []:*?/\\, at most 31 characters."""
    from django.utils.translation import gettext

    title = " ".join(_SHEET_FORBIDDEN.sub(" ", text).split())[:SHEET_TITLE_CHARS].strip()
    return title or fallback or gettext("Data")


def export_sheet_title(view: Any) -> str:
    """The sheet of a listing's Excel export, named as the listing is."""
    return sheet_title(str(getattr(view, "page_title", "") or ""))


def secure_wagtail_exports() -> None:
    """Wagtail's spreadsheet exports (`SpreadsheetExportMixin`: the audit log, the site history,
    every report) write defused CSV cells after a byte order mark, and Excel cells through
    `xlsx_put`. Patched once on the mixin, so no report view is left out."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_xaso_secured", False):
        return
    setup = SpreadsheetExportMixin.setup
    stream_csv = SpreadsheetExportMixin.stream_csv
    write_csv_response = SpreadsheetExportMixin.write_csv_response

    def setup_exports_only_with_columns(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        setup(self, request, *args, **kwargs)
        # A listing that exports no column (every viewset without `list_export`) still answered
        # `?export=csv` with a file of empty rows, one per record: it shows the listing instead.
        self.is_export = self.is_export and bool(self.list_export)

    def write_csv_row(self: Any, writer: Any, row_dict: dict[str, Any]) -> Any:
        return writer.writerow(
            {
                field: csv_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv_with_bom(self: Any, queryset: Any) -> Any:
        yield BOM
        yield from stream_csv(self, queryset)

    def write_csv_response_utf8(self: Any, queryset: Any) -> Any:
        response = write_csv_response(self, queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def generate_xlsx_row(
        self: Any, worksheet: Any, row_dict: dict[str, Any], date_format: Any = None
    ) -> Any:
        import datetime

        from openpyxl.cell import WriteOnlyCell

        for field, value in row_dict.items():
            cell = xlsx_put(
                WriteOnlyCell(worksheet),
                self.preprocess_field_value(field, value, self.FORMAT_XLSX),
            )
            if date_format and isinstance(value, datetime.datetime):
                cell.number_format = date_format
            yield cell

    def write_xlsx_named(self: Any, queryset: Any, output: Any) -> None:
        # Wagtail's own, with the sheet named after the listing ("Nhật ký thao tác"), not "Sheet1".
        from openpyxl import Workbook
        from wagtail.admin.views.mixins import ExcelDateFormatter

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=export_sheet_title(self))
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            row = self.to_row_dict(item)
            worksheet.append(self.generate_xlsx_row(worksheet, row, date_format=date_format))
        workbook.save(output)

    SpreadsheetExportMixin.setup = setup_exports_only_with_columns
    SpreadsheetExportMixin.write_xlsx = write_xlsx_named
    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.stream_csv = stream_csv_with_bom
    SpreadsheetExportMixin.write_csv_response = write_csv_response_utf8
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin._xaso_secured = True
